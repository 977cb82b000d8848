import { createHash } from "node:crypto";
import * as fs from "node:fs";
import { parseDuration, type SinkCommitter } from "../../../connectors/index.ts";
import type { Store } from "../../../store/index.ts";
import type { PhysicalPlan } from "../../plan/physical/infer-changelog-mode.ts";
import type { Job } from "../job.ts";
import { CheckpointCascade } from "./checkpoint-cascade.ts";
import { CheckpointStorage } from "./checkpoint-storage.ts";
import { CheckpointedStatement, type CompletedCheckpoint } from "./checkpointed-statement.ts";
import { lastCompletedCheckpoint } from "./commit-marker.ts";
import { CommitRound, type RoundDurability } from "./commit-round.ts";
import { CompactionThread } from "./compaction-thread.ts";
import { planLayout } from "./plan-layout.ts";
import { CheckpointError, restoreStatement } from "./restore-statement.ts";
import { readSnapshotFile, SnapshotFormatError } from "./snapshot-file.ts";
import type { StateCompatibility } from "./state-compatibility.ts";

/** Where snapshots go and the engine's defaults; `SET` overrides the defaults per statement. */
export interface CheckpointConfig {
  readonly checkpointsDir: string;
  readonly savepointsDir: string;
  /** `execution.checkpointing.interval` in ms; unset: no periodic checkpoints (Flink's default). */
  readonly intervalMs?: number;
  /** `execution.checkpointing.num-retained`: completed checkpoints kept per statement (default 1). */
  readonly retained?: number;
  /** Called as each checkpoint completes (logs, progress reports). */
  readonly onCheckpoint?: (checkpoint: CompletedCheckpoint) => void;
  /**
   * Input-driven checkpoints (CheckpointCascade): a statement that read new committed input takes a
   * checkpoint once the engine is at rest and this long (ms) has passed since its last one, instead
   * of waiting for its interval — fresher output for more, smaller checkpoints. Unset: off.
   */
  readonly inputPauseMs?: number;
  /**
   * Snapshot files become durable on libuv's thread pool and their statements commit together once
   * they are (CommitRound), while the event loop serves other work — a server's lookups; a statement
   * takes its next checkpoint after that commit, so a long synchronous loop of steps (a bounded run)
   * checkpoints each statement once. Off (the default): every checkpoint has committed when the loop
   * of steps that took it returns.
   */
  readonly durableInBackground?: boolean;
}

/** How an INSERT started under checkpointing. */
export interface StatementRecovery {
  /** The identity its checkpoints are kept under. */
  readonly statement: string;
  /** The checkpoint or savepoint it resumed from; absent for a fresh start. */
  readonly restoredFrom?: string;
  readonly compatibility?: StateCompatibility;
}

/** Settings the coordinator reads when a statement starts. */
export const CHECKPOINT_SETTINGS = {
  interval: "execution.checkpointing.interval",
  retained: "execution.checkpointing.num-retained",
  incremental: "execution.checkpointing.incremental",
  recoveryPath: "execution.state-recovery.path",
  savepointPath: "execution.savepoint.path",
  name: "pipeline.name",
} as const;

/** What the coordinator needs from its engine. */
export interface CheckpointHost {
  readonly store: Store | undefined;
  readonly clock: () => number;
  /** A session setting (`SET`), or the engine's default. */
  readonly setting: (key: string) => string | undefined;
  /** Asynchronous work the engine waits for before `execute` returns (a Kafka commit). */
  readonly track: <T>(work: Promise<T>) => Promise<T>;
  /** Runs the engine's jobs again soon (a statement failed in the background). */
  readonly wake: () => void;
}

/**
 * Takes checkpoints of every INSERT statement that runs with `execution.checkpointing.interval` (or
 * the engine's default interval): periodically, after a round of job steps or from a timer while the
 * engine waits for input, when a statement's input ends (its final checkpoint), on request
 * (`checkpointAll`, `savepoint`, `stop`) and when the engine closes. Only between steps, where every
 * job is at rest; one at a time per statement.
 *
 * A statement's identity is `SET 'pipeline.name'`, else the name its script was run under (the daemon's
 * statement name), else a hash of its SQL text; a second running statement with the same identity
 * gets `#2`. When a statement starts with the identity of one that checkpointed before — the same
 * engine folder reopened after a crash, the statement submitted again — it resumes from the last
 * completed checkpoint (or from `SET 'execution.state-recovery.path'`, a savepoint).
 *
 * When a checkpoint commits rows into a store table other running statements scan, those take their
 * next checkpoint as soon as the engine is at rest again (CheckpointCascade): a chain of INSERTs
 * shows a row at its end within about one interval, not one interval per level.
 */
export class CheckpointCoordinator {
  private readonly host: CheckpointHost;
  private readonly config: CheckpointConfig;
  private readonly storage: CheckpointStorage;
  private readonly statements = new Map<string, CheckpointedStatement>();
  private readonly byJob = new Map<Job, CheckpointedStatement>();
  /** resumeFrom: per identity, the snapshot its next start restores. */
  private readonly pendingRecovery = new Map<string, string>();
  private readonly cascade = new CheckpointCascade();
  private readonly compactions = new CompactionThread();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  /** After `hold`: no periodic or cascaded checkpoints. */
  private held = false;
  /** Checkpoints completed by this engine, newest last (bounded): for status and benchmarks. */
  readonly completed: CompletedCheckpoint[] = [];
  /** Checkpoints completed so far: whether a round committed output (Engine.runRounds). */
  commits = 0;

  constructor(host: CheckpointHost, config: CheckpointConfig) {
    this.host = host;
    this.config = config;
    this.storage = new CheckpointStorage(config.checkpointsDir, config.savepointsDir);
  }

  /**
   * Registers an INSERT about to start, when checkpointing is on for it; its sinks then write into
   * the statement's transaction. Undefined when checkpointing is off.
   */
  begin(sql: string, scriptName: string): CheckpointedStatement | undefined {
    const intervalMs = this.durationSetting(CHECKPOINT_SETTINGS.interval) ?? this.config.intervalMs;
    const named =
      this.pendingRecovery.size > 0 && this.pendingRecovery.has(this.identityBase(sql, scriptName));
    if (intervalMs === undefined && this.recoveryPath() === undefined && !named) return undefined;
    if (this.closed) throw new CheckpointError("the engine is closed");
    const store = this.host.store;
    if (store === undefined)
      throw new CheckpointError(
        "checkpointing needs the engine's store directory: tables, their transactions and the checkpoints' commit records live there (open the engine with a store directory, e.g. `headwater serve --state-dir DIR`)",
      );
    return new CheckpointedStatement({
      id: this.uniqueIdentity(sql, scriptName),
      sql,
      store,
      storage: this.storage,
      intervalMs,
      retained: Number(this.host.setting(CHECKPOINT_SETTINGS.retained) ?? this.config.retained ?? 1),
      incremental: this.incrementalSetting(),
      now: this.host.clock(),
      compactor: this.compactions,
      completed: (checkpoint) => {
        this.commits++;
        this.completed.push(checkpoint);
        if (this.completed.length > 100) this.completed.shift();
        this.cascade.committed(checkpoint.statement);
        this.config.onCheckpoint?.(checkpoint);
      },
    });
  }

  /**
   * Attaches the statement's jobs (connectors open, not stepped yet) and restores them: from the
   * savepoint the session names, else from the statement's last completed checkpoint — the newer of
   * what the store and the sink's own system (Kafka) committed. When the saved state cannot resume
   * these jobs, cancels them and throws CheckpointError.
   */
  async start(
    statement: CheckpointedStatement,
    jobs: readonly Job[],
    plans: readonly PhysicalPlan[],
  ): Promise<StatementRecovery> {
    this.statements.set(statement.id, statement);
    try {
      const committer = this.committerOf(statement.id, jobs);
      statement.attach(jobs, plans.map(planLayout), committer);
      const stored = lastCompletedCheckpoint(this.host.store!, statement.id) ?? 0;
      const last = Math.max(stored, (await committer?.lastCommitted()) ?? 0);
      this.storage.discardIncomplete(statement.id, last === 0 ? undefined : last);
      statement.continueAfter(last);
      const requested = this.pendingRecovery.get(statement.id);
      this.pendingRecovery.delete(statement.id);
      const file = requested ?? this.recoveryPath() ?? this.latestCheckpointFile(statement);
      statement.phase = "running";
      this.cascade.register(statement.id, plans, this.host.clock());
      if (file === undefined) return this.registered(statement, { statement: statement.id });
      const snapshot = readSnapshot(file, statement.id);
      const layouts = plans.map(planLayout);
      const compatibility = restoreStatement(snapshot, file, statement.id, jobs, layouts);
      statement.restoredFrom = file;
      // Restored position by position from its own checkpoint: the next one can be a delta of it.
      if (
        requested === undefined &&
        this.recoveryPath() === undefined &&
        statement.incremental &&
        snapshot.version >= 3 &&
        snapshot.header.fingerprint === statement.fingerprint
      )
        statement.continueChainOf(snapshot.header.checkpointId, snapshot.tables);
      if (jobs.every((job) => job.status === "finished")) statement.phase = "finished";
      return this.registered(statement, { statement: statement.id, restoredFrom: file, compatibility });
    } catch (error) {
      this.statements.delete(statement.id);
      this.cascade.forget(statement.id);
      statement.abort();
      for (const job of jobs) job.cancel();
      throw error;
    }
  }

  /**
   * Runs between rounds of job steps: ends failed and stopped statements, checkpoints due ones.
   * `round`: how the engine's loop left its jobs, when it called — `at rest`, every job has consumed
   * what is committed, or `busy` (each job's `caughtUp` says whether it has). Statements whose
   * input a commit changed (CheckpointCascade) checkpoint once their own jobs are at rest (caught
   * up in this round), without waiting for the others' — a busy statement elsewhere does not hold
   * back a chain whose statements have done their work.
   */
  afterRound(round?: "at rest" | "busy"): void {
    if (this.statements.size === 0) return;
    const now = this.host.clock();
    // Both chosen before any checkpoint here commits: a statement marked by such a commit has not read it yet.
    const consumed = this.cascade.commitsSoFar;
    const rested = [...this.statements.values()].filter(
      (s) => round === "at rest" || (round === "busy" && s.statementJobs.every((job) => job.caughtUp)),
    );
    const reasons = new Map(rested.map((s) => [s, this.cascades(s, now)] as const));
    const cascading = new Set([...reasons].filter(([, reason]) => reason !== undefined).map(([s]) => s));
    if ([...reasons.values()].includes("fed")) this.cascade.inputRoundTaken(now);
    // The checkpoints taken here commit together (one group commit) once all their files are durable.
    const commits = this.newRound("background");
    const periodic: CheckpointedStatement[] = [];
    for (const statement of this.statements.values()) {
      if (statement.phase !== "running" || statement.inFlight) continue;
      const jobs = statement.statementJobs;
      if (jobs.some((job) => job.status === "failed" || job.status === "canceled")) {
        // Flink fails the whole job: what it wrote since the last checkpoint never becomes visible.
        statement.abort();
        statement.phase = jobs.some((job) => job.status === "failed") ? "failed" : "stopped";
        for (const job of jobs) job.cancel();
        continue;
      }
      if (jobs.every((job) => job.status === "finished")) {
        void this.take(statement, "checkpoint", "waited", commits);
        if (statement.phase === "running") statement.phase = "finished";
        continue;
      }
      if (!this.held && (now >= statement.nextDue || cascading.has(statement))) {
        void this.take(statement, "checkpoint", "background", commits);
        periodic.push(statement);
        const caughtUp = rested.includes(statement);
        this.cascade.checkpointed(statement.id, now, caughtUp ? consumed : undefined, recordsRead(statement));
      }
    }
    commits.seal();
    // The jobs stand still while a checkpoint captures and writes their state: the interval counts
    // from its end (the round's commit, or its files' encoding when they become durable in the
    // background), or a state whose checkpoint takes longer than the interval would get one batch
    // of processing between two checkpoints.
    for (const statement of periodic) statement.nextDue = this.host.clock() + statement.intervalMs!;
    for (const [id, statement] of this.statements)
      if (statement.phase === "stopped" || statement.phase === "failed") this.forget(id);
    // The next level reads the new commits in a later drive: yielding to the event loop first, so a
    // chain slower than the interval cannot keep one drive going forever.
    if (cascading.size > 0) this.host.wake();
  }

  /**
   * Whether a running statement checkpoints now (the engine at rest) because what it reads committed
   * (`marked`) or it read new input (`fed`, with an input pause); undefined when it does not.
   */
  private cascades(statement: CheckpointedStatement, now: number): "marked" | "fed" | undefined {
    if (
      this.held ||
      statement.phase !== "running" ||
      statement.inFlight ||
      statement.intervalMs === undefined
    )
      return undefined;
    return this.cascade.due(
      statement.id,
      { intervalMs: statement.intervalMs, inputPauseMs: this.config.inputPauseMs },
      now,
      recordsRead(statement),
    );
  }

  /** Checkpoints every running statement now (tests, `headwater` commands); returns what completed. */
  async checkpointAll(): Promise<CompletedCheckpoint[]> {
    this.afterRound();
    const taken: Promise<CompletedCheckpoint | undefined>[] = [];
    for (const statement of this.statements.values())
      if (statement.phase === "running")
        taken.push(this.settled(statement).then(() => this.take(statement, "checkpoint")));
    return (await Promise.all(taken)).filter((c): c is CompletedCheckpoint => c !== undefined);
  }

  /**
   * No periodic or cascaded checkpoints from now on (those under way complete): a graceful stop's
   * first step, before `drainInOrder`.
   */
  hold(): void {
    this.held = true;
  }

  /**
   * Moves everything committed so far through a chain of statements and commits it, with one
   * checkpoint per statement: upstream first, each after `settle` let it read all its upstream
   * statements committed. Call `hold` first: periodic and cascaded checkpoints would commit each
   * level once per level above it. A graceful stop's last step (the demo's shop): its cost is one
   * checkpoint of each statement plus the processing of what was committed, whatever the backlog.
   */
  async drainInOrder(settle: () => Promise<void>): Promise<CompletedCheckpoint[]> {
    const taken: CompletedCheckpoint[] = [];
    for (const id of this.cascade.upstreamFirst()) {
      const statement = this.statements.get(id);
      if (statement === undefined) continue;
      await settle();
      await this.settled(statement);
      if (statement.phase !== "running") continue;
      const checkpoint = await this.take(statement, "checkpoint");
      if (checkpoint) taken.push(checkpoint);
    }
    return taken;
  }

  /** Takes a savepoint of a running statement (by identity): a checkpoint kept until you delete it. */
  async savepoint(id: string): Promise<CompletedCheckpoint> {
    const statement = await this.running(id);
    return this.takeOrThrow(statement, "savepoint");
  }

  /**
   * Stops a running statement gracefully: a last checkpoint (a savepoint with `savepoint`) commits
   * everything it wrote, then its jobs stop. Restarting it with the same identity resumes from there.
   */
  async stop(id: string, options: { readonly savepoint?: boolean } = {}): Promise<CompletedCheckpoint> {
    const statement = await this.running(id);
    // Stopped first, so no step writes between the last checkpoint and the stop.
    for (const job of statement.statementJobs) job.cancel();
    statement.phase = "stopped";
    try {
      return await this.takeOrThrow(statement, options.savepoint ? "savepoint" : "checkpoint");
    } finally {
      this.forget(id);
    }
  }

  /** The next statement started with identity `id` resumes from this snapshot file (a savepoint). */
  resumeFrom(id: string, file: string): void {
    this.pendingRecovery.set(id, file);
  }

  /** The statement a job belongs to, when it runs under checkpointing. */
  statementOf(job: Job): CheckpointedStatement | undefined {
    return this.byJob.get(job);
  }

  /**
   * Resolves once the statement of an ended job has no commit under way and, when all its jobs
   * finished, has committed its final checkpoint: its connectors can close.
   */
  async finalized(job: Job): Promise<void> {
    const statement = this.byJob.get(job);
    if (!statement) return;
    for (;;) {
      await this.settled(statement);
      const ending =
        statement.phase === "running" && statement.statementJobs.every((j) => j.status === "finished");
      if (!ending) break;
      // The final checkpoint, now that the one under way has committed.
      this.afterRound();
    }
  }

  /** Statements under checkpointing, by identity. */
  list(): CheckpointedStatement[] {
    return [...this.statements.values()];
  }

  /**
   * Deletes a statement's checkpoints, so the next statement with its identity starts afresh (its
   * savepoints stay). Refused while it runs.
   */
  discard(id: string): void {
    const phase = this.statements.get(id)?.phase;
    if (phase === "running" || phase === "restoring")
      throw new CheckpointError(`statement '${id}' is running: stop it before discarding its state`);
    this.storage.removeCheckpoints(id);
  }

  /** Final checkpoints of running statements (a graceful stop), then no more. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.afterRound();
    const last: Promise<unknown>[] = [];
    for (const statement of this.statements.values()) {
      if (statement.phase === "running")
        last.push(this.settled(statement).then(() => this.take(statement, "checkpoint")));
      else if (statement.inFlight) last.push(this.settled(statement));
    }
    await Promise.all(last);
    this.closed = true;
    for (const statement of this.statements.values()) statement.stopCompaction();
    this.compactions.close();
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private registered(statement: CheckpointedStatement, recovery: StatementRecovery): StatementRecovery {
    for (const job of statement.statementJobs) this.byJob.set(job, statement);
    this.schedule();
    return recovery;
  }

  private forget(id: string): void {
    const statement = this.statements.get(id);
    if (!statement) return;
    statement.stopCompaction();
    this.statements.delete(id);
    this.cascade.forget(id);
    for (const job of statement.statementJobs) this.byJob.delete(job);
  }

  /**
   * The sink that commits through its own system, if one does. Exactly-once holds per commit point:
   * one such sink, and no other sink beside it (their commits could not be atomic together).
   */
  private committerOf(id: string, jobs: readonly Job[]): SinkCommitter | undefined {
    const writers = jobs.flatMap((job) => job.io.writers);
    const committers = writers.filter((w) => w.committer !== undefined);
    if (committers.length === 0) return undefined;
    if (writers.length > 1)
      throw new CheckpointError(
        `statement '${id}' writes a Kafka table beside other tables: under checkpoints each needs its own statement, since their transactions cannot commit atomically together`,
      );
    return committers[0]!.committer;
  }

  /**
   * Takes a checkpoint; a failure (a full disk, a Kafka commit refused) fails the statement rather
   * than the engine. Resolves with the checkpoint, or undefined when it failed. The engine waits for
   * its commit before `execute` returns, except for a periodic one (`background`): were it to wait
   * for each, a commit slower than the interval would keep `execute` from ever returning.
   */
  private take(
    statement: CheckpointedStatement,
    kind: "checkpoint" | "savepoint",
    commit: "waited" | "background" = "waited",
    round?: CommitRound,
  ): Promise<CompletedCheckpoint | undefined> {
    const failed = (error: unknown): undefined => {
      statement.abort();
      statement.phase = "failed";
      const reason = error instanceof Error ? error.message : String(error);
      for (const job of statement.statementJobs) job.fail(new Error(`checkpoint failed: ${reason}`));
      return undefined;
    };
    let taken: Promise<CompletedCheckpoint>;
    const own = round === undefined ? this.newRound("background") : undefined;
    try {
      taken = statement.checkpoint(kind, round ?? own!);
    } catch (error) {
      return Promise.resolve(failed(error));
    } finally {
      own?.seal();
    }
    if (commit === "waited") return this.host.track(taken.then((checkpoint) => checkpoint, failed));
    return taken.then(
      (checkpoint) => {
        // Committed after the loop that took it returned (its file durable in the background): the
        // statements reading its output, marked by the commit, checkpoint at the next rest.
        if (this.config.durableInBackground) this.host.wake();
        return checkpoint;
      },
      (error) => {
        failed(error);
        this.host.wake();
        return undefined;
      },
    );
  }

  /** A round of checkpoints committing together (statements under checkpoints exist only with a store). */
  private newRound(durability: RoundDurability): CommitRound {
    return new CommitRound(this.host.store!, this.config.durableInBackground ? durability : "now");
  }

  /** Resolves once the statement's checkpoint under way, if any, has settled. */
  private settled(statement: CheckpointedStatement): Promise<unknown> {
    return statement.inFlight?.catch(() => undefined) ?? Promise.resolve();
  }

  private async running(id: string): Promise<CheckpointedStatement> {
    this.afterRound();
    const statement = this.statements.get(id);
    if (!statement || (statement.phase !== "running" && statement.phase !== "finished"))
      throw new CheckpointError(`no running statement '${id}' under checkpoints`);
    await this.settled(statement);
    return statement;
  }

  private async takeOrThrow(
    statement: CheckpointedStatement,
    kind: "checkpoint" | "savepoint",
  ): Promise<CompletedCheckpoint> {
    const taken = await this.take(statement, kind);
    if (!taken) throw new CheckpointError(`statement '${statement.id}' failed while taking its ${kind}`);
    return taken;
  }

  /**
   * While the engine waits for input nothing calls afterRound, yet staged output must become visible
   * on time: a timer runs it when the earliest checkpoint is due.
   */
  private schedule(): void {
    if (this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    let earliest = Number.POSITIVE_INFINITY;
    for (const s of this.statements.values())
      if (s.phase === "running") earliest = Math.min(earliest, s.nextDue);
    if (earliest === Number.POSITIVE_INFINITY) return;
    const delay = Math.min(Math.max(earliest - this.host.clock(), 10), 2 ** 31 - 1);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.afterRound();
      this.schedule();
    }, delay);
    this.timer.unref();
  }

  private latestCheckpointFile(statement: CheckpointedStatement): string | undefined {
    const id = statement.lastCheckpointId;
    if (id === 0) return undefined;
    const file = this.storage.restoreFile(statement.id, id);
    if (!fs.existsSync(file))
      throw new CheckpointError(
        `statement '${statement.id}': checkpoint ${id} completed (its output is committed) but its file ${file} is missing; ` +
          "restoring an older one would duplicate output. Discard the statement's state to start it afresh.",
      );
    return file;
  }

  private recoveryPath(): string | undefined {
    const text =
      this.host.setting(CHECKPOINT_SETTINGS.recoveryPath) ??
      this.host.setting(CHECKPOINT_SETTINGS.savepointPath);
    return text === undefined || text.trim() === "" ? undefined : text.trim();
  }

  /** `execution.checkpointing.incremental`: on unless set to false (Flink's default is off; see ARCHITECTURE.md). */
  private incrementalSetting(): boolean {
    const key = CHECKPOINT_SETTINGS.incremental;
    const text = this.host.setting(key)?.trim().toLowerCase();
    if (text === undefined || text === "true") return true;
    if (text === "false") return false;
    throw new CheckpointError(`'${key}' = '${text}': expected true or false`);
  }

  private durationSetting(key: string): number | undefined {
    const text = this.host.setting(key);
    if (text === undefined) return undefined;
    const ms = parseDuration(text);
    if (ms === undefined || ms <= 0)
      throw new CheckpointError(`'${key}' = '${text}': expected a positive duration such as '10 s'`);
    return ms;
  }

  private identityBase(sql: string, scriptName: string): string {
    const named = this.host.setting(CHECKPOINT_SETTINGS.name)?.trim();
    if (named) return named;
    if (scriptName !== "<input>") return scriptName;
    return `sql-${createHash("sha256").update(sql.trim()).digest("hex").slice(0, 16)}`;
  }

  private uniqueIdentity(sql: string, scriptName: string): string {
    const base = this.identityBase(sql, scriptName);
    let id = base;
    for (let n = 2; this.statements.has(id); n++) id = `${base}#${n}`;
    return id;
  }
}

/** Records a statement's jobs have read since they started (restored counts included). */
function recordsRead(statement: CheckpointedStatement): number {
  let read = 0;
  for (const job of statement.statementJobs) read += job.recordsIn;
  return read;
}

function readSnapshot(file: string, statement: string) {
  try {
    return readSnapshotFile(file);
  } catch (error) {
    const reason =
      error instanceof SnapshotFormatError
        ? error.message
        : `snapshot ${file} cannot be read: ${error instanceof Error ? error.message : String(error)}`;
    throw new CheckpointError(`statement '${statement}' cannot resume: ${reason}`);
  }
}
