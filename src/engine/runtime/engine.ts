import { existsSync, statSync } from "node:fs";
import * as path from "node:path";
import { dirname, resolve } from "node:path";
import { type Diagnostic, renderDiagnostic } from "../../common/diagnostic.ts";
import type { SourceText } from "../../common/source.ts";
import type { Row } from "../../common/value.ts";
import {
  type ConnectorContext,
  ConnectorError,
  connectorOf,
  type DeadLetterWriter,
  deadLetterRow,
  deadLetterTableSql,
  describeTable,
  isKnownConnector,
  isStoreTable,
  type SinkWriter,
  StoreTableView,
} from "../../connectors/index.ts";
import type { Statement } from "../../sql/ast/statement.ts";
import { bindStatement } from "../../sql/binder/bind-statement.ts";
import { qualify } from "../../sql/catalog/catalog.ts";
import { SessionCatalog } from "../../sql/catalog/session-catalog.ts";
import type { TableSchema } from "../../sql/catalog/table-schema.ts";
import { parseScript } from "../../sql/parser/index.ts";
import { Store } from "../../store/index.ts";
import type { LogicalPlan } from "../plan/logical/logical-plan.ts";
import type { PhysicalPlan } from "../plan/physical/infer-changelog-mode.ts";
import { inferChangelogModes } from "../plan/physical/infer-changelog-mode.ts";
import { planPhysical } from "../plan/physical/plan-physical.ts";
import { PlanError } from "../plan/plan-error.ts";
import { type PlannedStatement, planStatement, writableColumns } from "../plan/plan-statement.ts";
import { foldConstants } from "../plan/rules/fold-constants.ts";
import { DEFAULT_RULES, optimize } from "../plan/rules/optimize.ts";
import type { Rule } from "../plan/rules/rule.ts";
import type { RuntimeEnv } from "./build-pipeline.ts";
import { type CheckpointConfig, CheckpointCoordinator, CheckpointError } from "./checkpoint/index.ts";
import { compileExpr, createEvalContext } from "./expr/index.ts";
import { fieldEnv } from "./field-env.ts";
import { isMemoryTable, type PipelineIo } from "./io/table-io.ts";
import { Job } from "./job.ts";
import { type ChangelogRetention, type MemoryTable, MemoryTables } from "./memory-table.ts";
import { type Collector, DISCARD } from "./operator.ts";
import { explainStatement, type Launch, launchStatement } from "./parallel/launch.ts";
import { WorkerPools } from "./parallel/worker-pool.ts";
import { SessionConfig, SettingError } from "./session-config.ts";
import { CollectSink } from "./sinks/collect-sink.ts";
import { MemoryTableWriter } from "./sinks/memory-table-writer.ts";
import { MEMORY_BUDGET_SETTING, SpillFolders, type StateTierUsage } from "./state/spill-folders.ts";
import { type TableStateSize, tableStateSizes } from "./state-size.ts";
import { QueryResult, type StatementResult } from "./statement-result.ts";
import { memoryTableView, storeTableView, type TableView } from "./table-view.ts";
import { functionEntryOf, loadCreatedFunction } from "./udf/create-function.ts";
import { registerFunction } from "./udf/register-function.ts";
import type { UdfDefinition } from "./udf/udf-definition.ts";

export interface EngineOptions {
  /** Processing time (epoch ms) for NOW(), PROCTIME() and `$rowtime`; the wall clock by default. */
  readonly clock?: () => number;
  /** `table.local-time-zone`; UTC by default. */
  readonly timeZone?: string;
  /** Seed of RAND(); random per engine by default, as in Flink. */
  readonly seed?: number;
  /**
   * `table.exec.source.idle-timeout` in ms: a source without new rows for that long stops holding
   * back watermarks downstream. Unset (the default, as in Flink), a silent source holds them back.
   */
  readonly sourceIdleTimeout?: number;
  /**
   * Directory of the embedded store: tables without a `connector` option (Confluent Cloud's) and
   * `'connector' = 'headwater'` are topics there, durable across engines. Without one they are
   * in-memory tables of this engine.
   */
  readonly storeDir?: string;
  /** Schema registry for registry formats of store tables (Confluent Cloud's implicit registry). */
  readonly schemaRegistryUrl?: string;
  /** Where `'connector' = 'print'` writes its lines; stdout (stderr with `standard-error`) by default. */
  readonly print?: (line: string, standardError: boolean) => void;
  /** How much of their changelogs in-memory tables keep: all (the default) or what is unread. */
  readonly changelogRetention?: ChangelogRetention;
  /**
   * Worker threads a statement runs on (`parallelism.default`; 1, the default, runs it in the
   * engine's thread). `SET 'parallelism.default'` or `'table.exec.resource.default-parallelism'` changes it.
   */
  readonly parallelism?: number;
  /**
   * Checkpoints of INSERT statements (exactly-once output to store tables, recovery on restart).
   * Folders default to `<storeDir>/checkpoints` and `<storeDir>/savepoints`; without an interval here
   * or `SET 'execution.checkpointing.interval'`, statements run without checkpoints.
   */
  readonly checkpoints?: Partial<CheckpointConfig>;
  /**
   * Bytes of keyed state each stateful operator keeps in memory before it spills the least recently
   * used keys to disk (`SET 'state.memory-budget'` overrides it per statement); unset: no limit.
   */
  readonly stateMemoryBudget?: number;
  /**
   * Bytes of keyed state kept encoded in memory beyond the live budgets, shared by every keyed state
   * of the engine (with `stateMemoryBudget`, its in-memory tables' live rows too), before the oldest
   * go to disk; 0: none, straight to disk. Unset: half of V8's heap limit.
   */
  readonly stateEncodedBudget?: number;
  /** A folder for spilled state (in a subfolder of its own); `<storeDir>/spill` or a temporary one by default. */
  readonly spillDir?: string;
  /**
   * The folder relative module paths of `CREATE FUNCTION ... LANGUAGE TYPESCRIPT` resolve against (a
   * project's root); by default the folder of the script file being executed, else the working directory.
   */
  readonly functionDir?: string;
}

/** A statement that could not run: its parse, bind or plan error, rendered with the source line. */
export class SqlError extends Error {
  readonly diagnostics: readonly Diagnostic[];

  constructor(message: string, diagnostics: readonly Diagnostic[] = []) {
    super(message);
    this.name = "SqlError";
    this.diagnostics = diagnostics;
  }
}

/** Rows moved per source per step: large enough to amortize the loop, small enough to interleave jobs. */
const BATCH = 1024;

/**
 * One embedded Flink SQL session: a catalog, in-memory tables and the running jobs. Statements run
 * in order; a query or INSERT starts a job, which keeps running (reading rows inserted later) until
 * its inputs end. `execute` drives every job until none can make progress before it returns.
 *
 * @example
 * const engine = createEngine();
 * const result = await engine.execute("SELECT a, SUM(b) FROM (VALUES (1, 2), (1, 3)) AS t(a, b) GROUP BY a");
 * result.kind === "query" && result.changelog(); // +I[1, 2], -U[1, 2], +U[1, 5]
 */
export class Engine {
  readonly catalog = new SessionCatalog();
  readonly jobs: Job[] = [];
  /** `SET`/`RESET`: read when a statement starts. */
  readonly session: SessionConfig;
  /** The embedded store, when the engine has a store directory. */
  readonly store: Store | undefined;
  /** Checkpoints and savepoints of INSERT statements (see CheckpointCoordinator). */
  readonly checkpoints: CheckpointCoordinator;
  private readonly env: RuntimeEnv;
  private readonly options: EngineOptions;
  private readonly connectors: ConnectorContext;
  private readonly counters = new Map<string, number>();
  private readonly deadLetterWriters = new Map<string, SinkWriter>();
  private readonly views = new Map<string, { schema: TableSchema; view: StoreTableView }>();
  /** Short async work (registry look-ups, sends, job wind-down) that `execute` waits for. */
  private readonly pending = new Set<Promise<unknown>>();
  private readonly closing = new Map<Job, Promise<void>>();
  private readonly spills: SpillFolders<Job>;
  private wakeScheduled = false;
  private wakes = 0;
  private readonly wakeWaiters: (() => void)[] = [];
  private closed = false;
  private random: (() => number) | undefined;
  /** Worker threads of parallel statements, started with the first one. */
  private readonly workers = new WorkerPools();

  constructor(options: EngineOptions = {}) {
    this.options = options;
    const clock = options.clock ?? Date.now;
    const defaults = new Map<string, string>();
    if (options.timeZone) defaults.set("table.local-time-zone", options.timeZone);
    if (options.sourceIdleTimeout !== undefined)
      defaults.set("table.exec.source.idle-timeout", `${options.sourceIdleTimeout} ms`);
    if (options.parallelism !== undefined) defaults.set("parallelism.default", String(options.parallelism));
    this.session = new SessionConfig(defaults);
    this.store = options.storeDir === undefined ? undefined : Store.open(options.storeDir);
    this.connectors = {
      store: this.store,
      clock,
      wake: () => this.wake(),
      track: (work) => this.track(work),
      setting: (key) => this.session.get(key),
      schemaRegistryUrl: options.schemaRegistryUrl,
      print:
        options.print ??
        ((line, standardError) => (standardError ? process.stderr : process.stdout).write(`${line}\n`)),
      deadLetters: (target, source) => this.deadLetterWriter(target, source),
      count: (table, metric, n = 1) => {
        const key = `${table.path.join(".")}.${metric}`;
        this.counters.set(key, (this.counters.get(key) ?? 0) + n);
      },
    };
    this.checkpoints = new CheckpointCoordinator(
      {
        store: this.store,
        clock,
        setting: (key) => this.session.get(key),
        track: (work) => this.track(work),
        wake: () => this.wake(),
      },
      {
        checkpointsDir: path.join(options.storeDir ?? ".", "checkpoints"),
        savepointsDir: path.join(options.storeDir ?? ".", "savepoints"),
        ...options.checkpoints,
      },
    );
    this.spills = new SpillFolders(
      options.spillDir !== undefined
        ? { given: options.spillDir }
        : options.storeDir !== undefined
          ? { owned: path.join(options.storeDir, "spill") }
          : undefined,
      options.stateEncodedBudget,
    );
    this.env = this.runtimeEnv();
  }

  /** The environment a statement starts with: the session's time zone, idle timeout and state TTL now. */
  private runtimeEnv(): RuntimeEnv {
    const clock = this.options.clock ?? Date.now;
    // One RAND() source for the session; the time zone as SET when the statement starts.
    this.random ??= createEvalContext({
      clock,
      ...(this.options.seed !== undefined ? { seed: this.options.seed } : {}),
    }).random;
    const base = createEvalContext({ clock, timeZone: this.session.get("table.local-time-zone") ?? "UTC" });
    return {
      ctx: { currentTimestamp: base.currentTimestamp, timeZone: base.timeZone, random: this.random },
      tables:
        this.env?.tables ??
        new MemoryTables(
          this.options.changelogRetention,
          this.spills.forTables(this.options.stateMemoryBudget),
        ),
      store: this.store,
      storeView: (table) => this.storeView(table),
      connectors: this.connectors,
      clock,
      idleTimeout: this.session.duration("table.exec.source.idle-timeout"),
      stateTtl: this.session.duration("table.exec.state.ttl"),
    };
  }

  /** Runs a script and returns the last statement's result. */
  async execute(sql: string, name = "<input>"): Promise<StatementResult> {
    const results = await this.executeScript(sql, name);
    const last = results[results.length - 1];
    if (!last) throw new SqlError("no statement to execute");
    return last;
  }

  /** Runs every statement of a script in order; stops at the first one that cannot run. */
  async executeScript(sql: string, name = "<input>"): Promise<StatementResult[]> {
    const source: SourceText = { name, text: sql };
    const parsed = parseScript(source);
    if (parsed.diagnostics.length > 0) throw sqlError(source, parsed.diagnostics);
    const results: StatementResult[] = [];
    try {
      for (const statement of parsed.statements) results.push(await this.run(statement, source));
    } finally {
      await this.drive();
    }
    return results;
  }

  /**
   * Registers a user-defined function written in TypeScript (see `UdfDefinition`): a simple name is a
   * temporary system function, a qualified one a temporary catalog function. Statements started
   * afterwards can call it.
   */
  registerFunction(name: string, definition: UdfDefinition): void {
    try {
      registerFunction(this.catalog, name, definition);
    } catch (error) {
      throw new SqlError(error instanceof Error ? error.message : String(error));
    }
  }

  /**
   * Writes rows (the table's physical columns, in order) to an in-memory table, as `INSERT INTO t
   * VALUES ...` would: appended, or upserted by primary key. Running queries see them at the next run.
   */
  insertRows(table: string, rows: readonly Row[], options: { readonly timestamp?: number } = {}): void {
    const stored = this.memoryTable(table);
    // The record timestamp (`$rowtime`): when the change happened, the engine's clock by default.
    const timestamp = options.timestamp ?? this.env.clock();
    for (const row of rows) {
      if (stored.primaryKey) stored.upsert(row, timestamp);
      else stored.append(row, timestamp);
    }
  }

  /** Deletes rows by primary key from an in-memory table with one: readers see `-D`. */
  deleteRows(table: string, rows: readonly Row[]): void {
    const stored = this.memoryTable(table);
    if (!stored.primaryKey) throw new SqlError(`table '${table}' has no primary key to delete by`);
    for (const row of rows) stored.delete(row, this.env.clock());
  }

  /**
   * Read access to a stored table (its rows, lookups by key, its changelog), for serving: an
   * in-memory table, or a table of the embedded store.
   */
  table(name: string): TableView {
    const schema = this.schemaOf(name);
    if (isMemoryTable(schema, this.env)) {
      const stored = this.memoryTable(name);
      return memoryTableView(stored, writableColumns(stored.schema));
    }
    if (!this.store || !isStoreTable(schema))
      throw new SqlError(
        `table '${name}' is not stored by the engine (connector '${schema.options.connector}')`,
      );
    return storeTableView(this.storeView(schema));
  }

  /** The served view of a table of the embedded store, one per table (lookup joins share it). */
  private storeView(schema: TableSchema): StoreTableView {
    if (!this.store) throw new SqlError(`table '${schema.path.join(".")}' needs the engine's store`);
    const key = schema.path.join(".");
    let entry = this.views.get(key);
    if (!entry || entry.schema !== schema) {
      entry?.view.close();
      entry = { schema, view: new StoreTableView(schema, this.store, this.connectors) };
      this.views.set(key, entry);
    }
    return entry.view;
  }

  /**
   * Runs the jobs until none can make progress and waits for the short async work under way
   * (registry look-ups, sends, a served view catching up), as `execute` does before it returns.
   */
  settle(): Promise<void> {
    return this.drive();
  }

  /** Counters of sources and sinks: `<table>.records-in`, `<table>.bad-records-logged`, ... */
  metrics(): Record<string, number> {
    return Object.fromEntries([...this.counters].sort(([a], [b]) => a.localeCompare(b)));
  }

  private schemaOf(name: string): TableSchema {
    const path = qualify(this.catalog, name.split("."));
    const schema = path ? this.catalog.getTable(path) : undefined;
    if (!schema) throw new SqlError(`unknown table '${name}'`);
    return schema;
  }

  private memoryTable(name: string): MemoryTable {
    const schema = this.schemaOf(name);
    if (!isMemoryTable(schema, this.env))
      throw new SqlError(`table '${name}' is not an in-memory table: write it with INSERT INTO`);
    return this.env.tables.get(schema, writableColumns(schema));
  }

  /**
   * Runs every job to the end of the input available now, as if each source were bounded there: the
   * final watermark fires every pending window and timer, then the jobs finish and their writes are
   * stored. What `headwater sql -e/-f` does before printing final results. In-memory work is done
   * when the call returns; the promise settles once connectors (Kafka, registries) are done too.
   */
  runBounded(): Promise<void> {
    for (const job of this.jobs) job.bound();
    this.runUntilIdle();
    return this.settleBounded();
  }

  /** Moves rows through every running job until none makes progress. */
  runUntilIdle(): void {
    this.runRounds(false);
  }

  /**
   * As `runUntilIdle`, but with `yieldOnCommit` it also returns after a round whose checkpoints
   * committed output: readers sharing the event loop (a server's lookups) see it once the caller
   * yields, instead of after every level of the cascade below it. Says whether the jobs are at rest
   * (false: call again soon).
   */
  runRounds(yieldOnCommit: boolean): boolean {
    for (let i = this.jobs.length - 1; i >= 0; i--)
      if (this.jobs[i]!.status === "canceled") {
        // A canceled statement is forgotten once its connectors are closed.
        void this.windDown(this.jobs[i]!);
        this.jobs.splice(i, 1);
      }
    for (;;) {
      let progressed = false;
      for (const job of this.jobs) {
        job.caughtUp = !job.step(BATCH);
        if (!job.caughtUp) progressed = true;
      }
      // Between rounds every job is at rest: where checkpoints are taken.
      const commits = this.checkpoints.commits;
      this.checkpoints.afterRound(progressed ? "busy" : "at rest");
      if (!progressed) return true;
      if (yieldOnCommit && this.checkpoints.commits !== commits) return false;
    }
  }

  /**
   * Stops every job, closes connectors (Kafka clients, store views) and the store. The engine is
   * not usable afterwards.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.checkpoints.close();
    // Running statements stop here (a parallel one's workers with them).
    for (const job of this.jobs) job.cancel();
    await Promise.allSettled(this.jobs.map((job) => this.windDown(job)));
    await this.workers.close();
    await Promise.allSettled([...this.deadLetterWriters.values()].map((w) => w.close()));
    for (const { view } of this.views.values()) view.close();
    this.spills.close();
    this.store?.close();
  }

  private async settleBounded(): Promise<void> {
    for (;;) {
      const seen = this.wakes;
      await this.drive();
      if (this.jobs.every((job) => job.status !== "running")) break;
      await this.nextWake(seen);
    }
    await Promise.allSettled(this.jobs.map((job) => this.windDown(job)));
  }

  /**
   * Runs the jobs until idle, then waits for short async work (registry look-ups, sends, wind-downs)
   * and runs again, until nothing is pending. Waiting for new input (a Kafka long poll) is not pending
   * work: its arrival wakes the engine, which drives again.
   */
  private async drive(): Promise<void> {
    for (;;) {
      this.runUntilIdle();
      for (const job of this.jobs) if (job.status !== "running") void this.windDown(job);
      if (this.pending.size === 0) return;
      await Promise.race(this.pending);
    }
  }

  /** Once a job has ended: waits for its writes, then closes its connectors. */
  private windDown(job: Job): Promise<void> {
    let done = this.closing.get(job);
    if (!done) {
      done = this.track(
        (async () => {
          try {
            // Under checkpoints the statement's final commit goes through its writers: they close after.
            await this.checkpoints.finalized(job);
            await Promise.all(job.io.writers.map((w) => w.drain()));
          } catch (error) {
            job.fail(error);
          }
          await Promise.allSettled([
            ...job.io.readers.map((r) => r.close()),
            ...job.io.writers.map((w) => w.close()),
          ]);
          // A finished job's state stays readable (its snapshot, a state report) until the engine closes.
          if (job.status !== "finished") this.spills.release(job);
        })(),
      );
      this.closing.set(job, done);
    }
    return done;
  }

  private track<T>(work: Promise<T>): Promise<T> {
    const settled = work.then(
      () => undefined,
      () => undefined,
    );
    this.pending.add(settled);
    void settled.then(() => this.pending.delete(settled));
    return work;
  }

  /** Input arrived asynchronously: run the jobs again soon. */
  private wake(): void {
    this.wakes++;
    for (const resolve of this.wakeWaiters.splice(0)) resolve();
    if (this.wakeScheduled || this.closed) return;
    this.wakeScheduled = true;
    setImmediate(() => {
      this.wakeScheduled = false;
      if (!this.closed) void this.drive();
    });
  }

  /** Resolves at the first wake after `seen` wakes (at once if there was one since). */
  private nextWake(seen: number): Promise<void> {
    if (this.wakes !== seen) return Promise.resolve();
    return new Promise((resolve) => this.wakeWaiters.push(resolve));
  }

  private async run(statement: Statement, source: SourceText): Promise<StatementResult> {
    const dropped =
      statement.kind === "drop" && statement.object === "TABLE" ? this.existing(statement) : undefined;
    const previousFunction =
      statement.kind === "alterFunction" ? functionEntryOf(statement, this.catalog) : undefined;
    const { bound, ctx } = bindStatement(statement, this.catalog);
    if (!bound) throw sqlError(source, ctx.diagnostics);
    const text = source.text.slice(statement.span.start, statement.span.end);
    let planned: PlannedStatement;
    try {
      if (statement.kind === "createFunction" || statement.kind === "alterFunction")
        await loadCreatedFunction(
          statement,
          this.catalog,
          source,
          this.functionDir(source),
          previousFunction,
        );
      planned = planStatement(bound, this.catalog, (key) => this.session.get(key));
      return await this.start(
        planned,
        text,
        bound.kind === "ddl" ? statement : undefined,
        dropped,
        source.name,
      );
    } catch (error) {
      if (error instanceof PlanError) throw planError(source, error);
      if (
        error instanceof ConnectorError ||
        error instanceof SettingError ||
        error instanceof CheckpointError
      )
        throw new SqlError(error.message);
      throw error;
    }
  }

  /** Where a script's relative module paths start: the engine's folder, or the script file's. */
  private functionDir(source: SourceText): string {
    if (this.options.functionDir !== undefined) return this.options.functionDir;
    return existsSync(source.name) && statSync(source.name).isFile()
      ? dirname(resolve(source.name))
      : process.cwd();
  }

  private async start(
    planned: PlannedStatement,
    text: string,
    ddl: Statement | undefined,
    dropped: TableSchema | undefined,
    scriptName: string,
  ): Promise<StatementResult> {
    switch (planned.kind) {
      case "ddl":
        if (ddl) await this.applyDdl(ddl, dropped);
        return { kind: "ddl" };
      case "explain":
        return { kind: "explain", plan: this.explain(planned.inner) };
      case "query": {
        const env = this.spilling(this.runtimeEnv());
        const physical = inferChangelogModes(planPhysical(this.optimize(planned.plan, env)));
        const sink = new CollectSink();
        const job = await this.startJob(text, this.launch(text, physical, collectInto(sink), env), env);
        this.jobs.push(job);
        const columns = planned.plan.fields.map((f) => ({ name: f.name, type: f.type }));
        return new QueryResult(columns, job, sink);
      }
      case "insert": {
        const env = this.runtimeEnv();
        const plans = planned.sinks.map((sink) =>
          inferChangelogModes(planPhysical(this.optimize(sink, env))),
        );
        // Under checkpointing, store sinks write into the statement's transaction.
        const checkpointed = this.checkpoints.begin(text, scriptName);
        const envs = plans.map(() => {
          const spilling = this.spilling(env);
          return checkpointed
            ? {
                ...spilling,
                checkpointing: { statement: checkpointed.id, transaction: checkpointed.sinkTransaction },
              }
            : spilling;
        });
        const launches = plans.map((plan, i) => this.launch(text, plan, DISCARD, envs[i]!));
        // The jobs run only once all are open and restored: recovery awaits the sink's system
        // (Kafka), and a round driven meanwhile must not move them from their initial positions.
        const jobs: Job[] = [];
        try {
          for (const [i, launch] of launches.entries())
            jobs.push(await this.startJob(text, launch, envs[i]!));
          const recovery = checkpointed && (await this.checkpoints.start(checkpointed, jobs, plans));
          return { kind: "insert", jobs, ...(recovery ? { recovery } : {}) };
        } catch (error) {
          // Canceled jobs are wound down (their connectors closed) at the next round.
          for (const job of jobs) job.cancel();
          throw error;
        } finally {
          this.jobs.push(...jobs);
        }
      }
      default:
        return planned satisfies never;
    }
  }

  /** The statement's operators, in this thread or on workers (`parallelism.default`). */
  private launch(text: string, plan: PhysicalPlan, out: Collector, env: RuntimeEnv): Launch {
    return launchStatement({
      statement: text,
      plan,
      out,
      env,
      // Checkpoints and spilled state are per thread for now: such statements run in this one.
      parallelism: env.checkpointing || env.spill ? 1 : this.parallelism(),
      settings: this.session.entries(),
      pools: this.workers,
    });
  }

  /** `table.exec.resource.default-parallelism` when set (and not -1, Flink's "unset"), else `parallelism.default`. */
  private parallelism(): number {
    const table = Number(this.session.get("table.exec.resource.default-parallelism") ?? -1);
    return table > 0 ? table : Number(this.session.get("parallelism.default") ?? 1);
  }

  /** Where keyed state beyond the live budgets is now (benchmarks report it). */
  stateTierUsage(): StateTierUsage {
    return this.spills.usage();
  }

  /** Each in-memory table's live rows and kept changes now, measured as operators' state is (state reports). */
  tableStateSizes(): TableStateSize[] {
    return tableStateSizes(this.env.tables);
  }

  /** With a memory budget set: the job's own spill folder for state beyond it. */
  private spilling(env: RuntimeEnv): RuntimeEnv {
    const spill = this.spills.create(
      this.session.get(MEMORY_BUDGET_SETTING) ?? this.options.stateMemoryBudget,
    );
    return spill ? { ...env, spill } : env;
  }

  /** Opens the statement's connectors (connections, topics, schemas); the job runs once in `jobs`. */
  private async startJob(text: string, launch: Launch, env: RuntimeEnv): Promise<Job> {
    const io: PipelineIo = launch.kind === "pipeline" ? launch.pipeline : launch.job.io;
    try {
      await this.track(
        Promise.all([
          ...io.readers.map((r) => r.open()),
          ...io.writers.map((w) => w.open()),
          // A parallel statement starts once its workers are up, as a Flink job once deployed.
          ...(launch.kind === "parallel" ? [launch.job.started] : []),
        ]),
      );
    } catch (error) {
      if (launch.kind === "parallel") launch.job.cancel();
      await Promise.allSettled([...io.readers.map((r) => r.close()), ...io.writers.map((w) => w.close())]);
      const reason = error instanceof Error ? error.message : String(error);
      throw new SqlError(`statement failed to start: ${text}\n  ${reason}`);
    }
    const job =
      launch.kind === "parallel"
        ? launch.job
        : new Job(
            text,
            launch.pipeline,
            this.env.clock,
            this.session.duration("table.exec.source.idle-timeout"),
          );
    this.spills.attach(job, env.spill);
    return job;
  }

  private explain(planned: PlannedStatement): string {
    const plans: LogicalPlan[] =
      planned.kind === "query" ? [planned.plan] : planned.kind === "insert" ? [...planned.sinks] : [];
    if (plans.length === 0) throw new PlanError("EXPLAIN needs a query or an INSERT");
    const env = this.runtimeEnv();
    return plans
      .map((p) =>
        explainStatement(inferChangelogModes(planPhysical(this.optimize(p, env))), this.parallelism(), env),
      )
      .join("\n\n");
  }

  /** Constants fold in the statement's environment (its time zone, clock and RAND seed). */
  private optimize(plan: LogicalPlan, env: RuntimeEnv): LogicalPlan {
    const ctx = env.ctx;
    const rules: readonly Rule[] = [
      foldConstants((e) => compileExpr(e, fieldEnv([]))([], ctx)),
      ...DEFAULT_RULES,
    ];
    return optimize(plan, { rules });
  }

  /**
   * DDL with effects beyond the catalog: SET/RESET change the session; CREATE TABLE checks the
   * connector's options and creates the topic (and the dead-letter table of `'error-handling.mode'`
   * = `'log'`); DROP TABLE deletes a store table's topic, as Confluent Cloud does. In-memory tables
   * start afresh on CREATE and DROP.
   */
  private async applyDdl(statement: Statement, dropped: TableSchema | undefined): Promise<void> {
    switch (statement.kind) {
      case "set":
        if (statement.property) this.session.set(statement.property.key, statement.property.value);
        return;
      case "reset":
        this.session.reset(statement.key);
        return;
      case "createTable": {
        const path = qualify(
          this.catalog,
          statement.name.parts.map((p) => p.value),
        );
        const table = path ? this.catalog.getTable(path) : undefined;
        // CREATE TABLE IF NOT EXISTS of an existing table changes nothing: its rows and readers stay.
        if (statement.ifNotExists && table && this.env.tables.holds(table)) return;
        if (path) this.env.tables.drop(path);
        if (table?.kind !== "table") return;
        const name = table.options.connector;
        if (name !== undefined && !isKnownConnector(name)) return; // Flink too fails only when it is used
        try {
          describeTable(table);
          await connectorOf(table).onCreateTable?.(table, this.connectors);
          if (table.options["error-handling.mode"]?.trim().toLowerCase() === "log")
            await this.ensureDeadLetterTable(table);
        } catch (error) {
          // A table its connector cannot work with is not created.
          this.catalog.dropTable(table.path, table.temporary);
          throw error;
        }
        return;
      }
      case "drop": {
        if (!dropped) return;
        this.env.tables.drop(dropped.path);
        const name = dropped.options.connector;
        if (name === undefined || isKnownConnector(name))
          await connectorOf(dropped).onDropTable?.(dropped, this.connectors);
        return;
      }
      default:
        return;
    }
  }

  private existing(statement: Extract<Statement, { kind: "drop" }>): TableSchema | undefined {
    const path = qualify(
      this.catalog,
      statement.name.parts.map((p) => p.value),
    );
    return path ? this.catalog.getTable(path) : undefined;
  }

  /** The dead-letter table's path: `'error-handling.log.target'` in the source table's database. */
  private deadLetterPath(target: string, source: TableSchema): [string, string, string] {
    const parts = target.split(".");
    return parts.length === 3
      ? [parts[0]!, parts[1]!, parts[2]!]
      : parts.length === 2
        ? [source.path[0], parts[0]!, parts[1]!]
        : [source.path[0], source.path[1], target];
  }

  /** Creates the source table's dead-letter table if needed and opens a writer to it. */
  private async ensureDeadLetterTable(source: TableSchema): Promise<void> {
    const target = source.options["error-handling.log.target"] ?? "error_log";
    const path = this.deadLetterPath(target, source);
    const key = path.join(".");
    if (this.deadLetterWriters.has(key)) return;
    if (!this.catalog.getTable(path)) {
      const sql = deadLetterTableSql(path);
      await this.run(parseScript({ name: "<dead-letter table>", text: sql }).statements[0]!, {
        name: "<dead-letter table>",
        text: sql,
      });
    }
    const schema = this.catalog.getTable(path)!;
    const columns = writableColumns(schema);
    const writer: SinkWriter = isMemoryTable(schema, this.env)
      ? new MemoryTableWriter(this.env.tables.get(schema, columns), this.env.clock)
      : connectorOf(schema).createWriter!(schema, { columns, mode: "append" }, this.connectors);
    await writer.open();
    // No statement writes the dead-letter table: bounded reads end at the letters written so far.
    writer.finish?.();
    this.deadLetterWriters.set(key, writer);
  }

  private deadLetterWriter(target: string, source: TableSchema): DeadLetterWriter {
    const key = this.deadLetterPath(target, source).join(".");
    const writer = this.deadLetterWriters.get(key);
    if (!writer)
      throw new ConnectorError(
        `table '${source.path.join(".")}': the dead-letter table '${key}' is not open (create the table again)`,
      );
    return {
      write: (letter) => {
        writer.write("+I", deadLetterRow(letter, this.env.clock()));
        writer.flush();
      },
    };
  }
}

export function createEngine(options: EngineOptions = {}): Engine {
  return new Engine(options);
}

function collectInto(sink: CollectSink): Collector {
  return {
    collect: (kind, row) => sink.process(kind, row),
    watermark: (t) => sink.onWatermark(t),
    idle() {},
  };
}

function sqlError(source: SourceText, diagnostics: readonly Diagnostic[]): SqlError {
  return new SqlError(diagnostics.map((d) => renderDiagnostic(source, d)).join("\n\n"), diagnostics);
}

function planError(source: SourceText, error: PlanError): SqlError {
  if (!error.span) return new SqlError(error.message);
  const d: Diagnostic = {
    severity: "error",
    code: "plan/unsupported",
    message: error.message,
    span: error.span,
  };
  return new SqlError(renderDiagnostic(source, d), [d]);
}
