import { existsSync } from "node:fs";
import { renderDiagnostic } from "../../common/diagnostic.ts";
import {
  createEngine,
  type Engine,
  type EngineOptions,
  type InsertResult,
  type StatementRecovery,
} from "../../engine/index.ts";
import type { ControlStatement, ControlTable } from "../../pipelines/deploy/targets/local/control-api.ts";
import type { StatementPhase } from "../../pipelines/index.ts";
import { parseScript } from "../../sql/parser/index.ts";
import { formatDataType } from "../../sql/types/format-type.ts";

type EngineJob = InsertResult["jobs"][number];

/** A request the registry refuses: the HTTP layer answers it with `status`. */
export class ControlRequestError extends Error {
  readonly status: 400 | 404 | 409;

  constructor(status: 400 | 404 | 409, message: string) {
    super(message);
    this.name = "ControlRequestError";
    this.status = status;
  }
}

/** What survives a restart of the daemon (see `persisted()`). */
export interface PersistedStatement {
  readonly name: string;
  readonly statement: string;
  readonly createdAt: string;
  readonly stopped: boolean;
}

interface Entry {
  readonly name: string;
  readonly statement: string;
  readonly kind: "ddl" | "dml";
  readonly createdAt: string;
  readonly startedAt: string;
  readonly jobs: readonly EngineJob[];
  /** Why it could not run: its parse, bind or plan error. */
  readonly failure?: string;
  /** Under checkpoints: its identity there, and where it resumed from. */
  readonly recovery?: StatementRecovery;
  /** The savepoint its last stop wrote. */
  savepoint?: string;
  stopped: boolean;
}

/** Statement kinds whose output is a result set, which the control API does not serve. */
const QUERY_KINDS = new Set(["queryStatement", "explain", "show", "describe"]);

/**
 * Named, long-lived statements on one embedded engine: the daemon's state. A DDL applies to the
 * engine's catalog and completes; an INSERT starts jobs that keep running (reading rows later
 * statements insert) until stopped or their bounded input ends. Phases come from the jobs: any
 * failed → FAILED (with the engine's error naming the operator and row), all finished → COMPLETED,
 * stopped → STOPPED, else RUNNING. Statements run synchronously, so none is ever PENDING here.
 */
export class StatementRegistry {
  readonly engine: Engine;
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => Date;
  private readonly options: EngineOptions;

  constructor(options: EngineOptions & { now?: () => Date } = {}) {
    this.engine = createEngine(options);
    this.options = options;
    this.now = options.now ?? (() => new Date());
  }

  /** Runs a statement under a new name; a statement that cannot run is kept as FAILED, as Confluent does. */
  async submit(name: string, statement: string, createdAt?: string): Promise<ControlStatement> {
    if (this.entries.has(name))
      throw new ControlRequestError(409, `a statement named '${name}' exists; delete it first`);
    const parsed = parseScript({ name, text: statement });
    if (parsed.diagnostics.length === 0) {
      if (parsed.statements.length !== 1)
        throw new ControlRequestError(
          400,
          `a statement holds exactly one SQL statement; '${name}' has ${parsed.statements.length}`,
        );
      const kind = parsed.statements[0]!.kind;
      if (QUERY_KINDS.has(kind))
        throw new ControlRequestError(
          400,
          `'${name}' is a query (${kind}); the control API runs DDL and INSERT statements — query tables through the SQL endpoint`,
        );
    }
    const base = { name, statement, createdAt: createdAt ?? this.now().toISOString() };
    const startedAt = this.now().toISOString();
    let entry: Entry;
    if (parsed.diagnostics.length > 0) {
      const failure = parsed.diagnostics
        .map((d) => renderDiagnostic({ name, text: statement }, d))
        .join("\n\n");
      entry = { ...base, kind: "ddl", startedAt, jobs: [], failure, stopped: false };
    } else {
      try {
        const result = await this.engine.execute(statement, name);
        const jobs = result.kind === "insert" ? result.jobs : [];
        const recovery = result.kind === "insert" ? result.recovery : undefined;
        entry = {
          ...base,
          kind: result.kind === "insert" ? "dml" : "ddl",
          startedAt,
          jobs,
          ...(recovery ? { recovery } : {}),
          stopped: false,
        };
      } catch (error) {
        entry = {
          ...base,
          kind: parsed.statements[0]!.kind === "insert" ? "dml" : "ddl",
          startedAt,
          jobs: [],
          failure: error instanceof Error ? error.message : String(error),
          stopped: false,
        };
      }
    }
    this.entries.set(name, entry);
    return this.view(entry);
  }

  get(name: string): ControlStatement {
    return this.view(this.entry(name));
  }

  list(): ControlStatement[] {
    return [...this.entries.values()].map((e) => this.view(e));
  }

  /**
   * Stops a statement's jobs; they no longer read or write. Its record stays, STOPPED. Under
   * checkpoints a last checkpoint (a savepoint with `savepoint`) first commits what it wrote, so a
   * start resumes exactly there.
   */
  async stop(name: string, options: { readonly savepoint?: boolean } = {}): Promise<ControlStatement> {
    const entry = this.entry(name);
    const checkpointed = this.checkpointedIdentity(entry);
    if (options.savepoint && checkpointed === undefined)
      throw new ControlRequestError(
        409,
        entry.kind !== "dml"
          ? `'${name}' is not an INSERT: only running INSERT statements have state to save`
          : entry.stopped
            ? `'${name}' is stopped already; its last stop ${entry.savepoint ? `wrote the savepoint ${entry.savepoint}` : "wrote a checkpoint it resumes from"}`
            : `'${name}' does not run under checkpoints: start the daemon with --state-dir and --checkpoint-interval`,
      );
    if (checkpointed !== undefined) {
      try {
        const last = await this.engine.checkpoints.stop(checkpointed, {
          savepoint: options.savepoint === true,
        });
        if (last.kind === "savepoint") entry.savepoint = last.file;
      } catch (error) {
        throw new ControlRequestError(409, error instanceof Error ? error.message : String(error));
      }
    }
    this.detach(entry);
    entry.stopped = true;
    return this.view(entry);
  }

  /**
   * Starts a STOPPED (or FAILED) INSERT again under its name: from its last checkpoint, or from
   * `fromSavepoint`, optionally with new SQL (an upgrade in place). When the saved state does not fit
   * the statement, nothing changes and the reason is a 409.
   */
  async start(
    name: string,
    options: { readonly fromSavepoint?: string; readonly statement?: string } = {},
  ): Promise<ControlStatement> {
    const entry = this.entry(name);
    if (entry.kind !== "dml" && options.statement === undefined)
      throw new ControlRequestError(409, `'${name}' is not an INSERT: submit DDL again instead`);
    const phase = this.view(entry).phase;
    if (phase === "RUNNING" || phase === "COMPLETED")
      throw new ControlRequestError(409, `'${name}' is ${phase}: stop it first`);
    if (options.fromSavepoint !== undefined && !existsSync(options.fromSavepoint))
      throw new ControlRequestError(400, `no savepoint file at '${options.fromSavepoint}'`);
    const identity = entry.recovery?.statement ?? name;
    if (options.fromSavepoint !== undefined)
      this.engine.checkpoints.resumeFrom(identity, options.fromSavepoint);
    const statement = options.statement ?? entry.statement;
    let result: Awaited<ReturnType<Engine["execute"]>>;
    try {
      result = await this.engine.execute(statement, name);
    } catch (error) {
      throw new ControlRequestError(409, error instanceof Error ? error.message : String(error));
    }
    if (result.kind !== "insert")
      throw new ControlRequestError(400, `'${name}': the statement to start must be an INSERT`);
    const started: Entry = {
      name,
      statement,
      kind: "dml",
      createdAt: entry.createdAt,
      startedAt: this.now().toISOString(),
      jobs: result.jobs,
      ...(result.recovery ? { recovery: result.recovery } : {}),
      stopped: false,
    };
    this.entries.set(name, started);
    return this.view(started);
  }

  /** Final checkpoints of the statements under checkpoints, then the engine closes. */
  close(): Promise<void> {
    return this.engine.close();
  }

  delete(name: string): void {
    this.detach(this.entry(name));
    this.entries.delete(name);
  }

  tables(): ControlTable[] {
    return this.engine.catalog.allTables().map((t) => ({
      name: t.path.join("."),
      columns: t.columns.map((c) => ({ name: c.name, type: formatDataType(c.type) })),
    }));
  }

  /** Moves rows through every running job until none makes progress (sources that poll need it). */
  tick(): void {
    this.engine.runUntilIdle();
  }

  /** Statements in submission order, enough to rebuild the pipeline on the next start. */
  persisted(): PersistedStatement[] {
    return [...this.entries.values()].map((e) => ({
      name: e.name,
      statement: e.statement,
      createdAt: e.createdAt,
      stopped: e.stopped,
    }));
  }

  /**
   * Replays statements saved by `persisted()`, in order. A stopped INSERT under checkpoints is only
   * recorded: its state waits in its last checkpoint for a start. Without checkpoints it runs and
   * stops again, rebuilding what it wrote to in-memory tables.
   */
  async restore(statements: readonly PersistedStatement[]): Promise<void> {
    for (const s of statements) {
      if (s.stopped && this.checkpointing && isInsert(s.statement)) {
        const at = s.createdAt;
        this.entries.set(s.name, { ...s, kind: "dml", startedAt: at, jobs: [], stopped: true });
        continue;
      }
      await this.submit(s.name, s.statement, s.createdAt);
      if (s.stopped) await this.stop(s.name);
    }
  }

  private entry(name: string): Entry {
    const entry = this.entries.get(name);
    if (!entry) throw new ControlRequestError(404, `no statement named '${name}'`);
    return entry;
  }

  /** Whether statements run under checkpoints (the daemon's --checkpoint-interval). */
  private get checkpointing(): boolean {
    return this.engine.store !== undefined && this.options.checkpoints?.intervalMs !== undefined;
  }

  /** The statement's identity among the engine's checkpointed statements, while it runs there. */
  private checkpointedIdentity(entry: Entry): string | undefined {
    const job = entry.jobs[0];
    if (entry.stopped || !job) return undefined;
    return this.engine.checkpoints.statementOf(job)?.id;
  }

  private detach(entry: Entry): void {
    for (const job of entry.jobs) job.cancel();
  }

  private view(entry: Entry): ControlStatement {
    const failed = entry.jobs.find((j) => j.status === "failed");
    const phase: StatementPhase = entry.failure
      ? "FAILED"
      : failed
        ? "FAILED"
        : entry.stopped
          ? "STOPPED"
          : entry.jobs.every((j) => j.status === "finished")
            ? "COMPLETED"
            : "RUNNING";
    const detail = entry.failure ?? failed?.error?.message;
    const metrics =
      entry.kind === "dml"
        ? {
            recordsIn: entry.jobs.reduce((n, j) => n + j.recordsIn, 0),
            recordsOut: entry.jobs.reduce((n, j) => n + j.recordsOut, 0),
          }
        : {};
    const job = entry.jobs[0];
    const checkpointed = job ? this.engine.checkpoints.statementOf(job) : undefined;
    const checkpoints =
      entry.recovery !== undefined
        ? {
            checkpoints: {
              ...(checkpointed && checkpointed.lastCheckpointId > 0
                ? { lastCheckpoint: checkpointed.lastCheckpointId }
                : {}),
              ...(entry.recovery.restoredFrom ? { restoredFrom: entry.recovery.restoredFrom } : {}),
              ...(entry.savepoint ? { savepoint: entry.savepoint } : {}),
            },
          }
        : {};
    return {
      name: entry.name,
      statement: entry.statement,
      kind: entry.kind,
      phase,
      ...(detail ? { detail } : {}),
      createdAt: entry.createdAt,
      startedAt: entry.startedAt,
      ...metrics,
      ...checkpoints,
    };
  }
}

function isInsert(sql: string): boolean {
  const parsed = parseScript({ name: "<saved statement>", text: sql });
  return parsed.diagnostics.length === 0 && parsed.statements[0]?.kind === "insert";
}
