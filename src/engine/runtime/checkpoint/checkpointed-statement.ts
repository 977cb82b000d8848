import type { SqlValue } from "../../../common/value.ts";
import type { SinkCommitter } from "../../../connectors/index.ts";
import type { Store, Transaction } from "../../../store/index.ts";
import type { Job } from "../job.ts";
import type { CheckpointStorage } from "./checkpoint-storage.ts";
import { markCheckpoint } from "./commit-marker.ts";
import type { CommitRound } from "./commit-round.ts";
import type { CompactionOutcome, CompactionTask, CompactionThread } from "./compaction-thread.ts";
import { captureJobState, encodeJobState } from "./job-state.ts";
import { combineFingerprints, type PlanLayout } from "./plan-layout.ts";
import type { SnapshotKind } from "./snapshot-file.ts";
import { viewsOf } from "./snapshot-tables.ts";

/**
 * A chain of this many deltas is merged into a base (restore opens a bounded number of files). Not
 * fewer: input-driven checkpoints come several times a second, and a merge rewrites the whole state
 * (on its own thread, but a core's worth of work); the share below bounds the bytes.
 */
const COMPACT_AFTER_DELTAS = 50;
/** Deltas this large beside their base are merged into a new one (restore reads about the state's size). */
const COMPACT_AT_DELTA_SHARE = 0.5;

/** A completed checkpoint or savepoint. */
export interface CompletedCheckpoint {
  readonly statement: string;
  readonly id: number;
  readonly kind: SnapshotKind;
  /** The snapshot file (for a savepoint: the savepoint's own file). */
  readonly file: string;
  readonly bytes: number;
  /** Time spent capturing, encoding, writing and committing (ms, the wall clock). */
  readonly durationMs: number;
  /** Of which: taking every operator's `snapshot()`; encoding and writing the file(s), fsync included. */
  readonly captureMs: number;
  readonly writeMs: number;
}

/** `restoring`: its jobs are attached but not restored yet; no checkpoint may capture them. */
export type StatementPhase = "restoring" | "running" | "finished" | "failed" | "stopped";

/**
 * One INSERT statement under checkpointing: its jobs, the store transaction its sinks write into, and
 * the ids of its checkpoints. A checkpoint captures every job's state between steps, writes the
 * snapshot file durably, then commits the transaction with the checkpoint's id in its commit record —
 * that commit is the checkpoint's completion and makes the output since the previous one visible, all
 * at once. A crash before it leaves a snapshot file the next start discards, and staged writes that
 * were never written (or a prepared transaction the store rolls back when it opens).
 *
 * A statement whose sink commits through its own system (a Kafka sink: `committer`) completes there
 * instead: its transaction, holding the checkpoint id, commits after the snapshot file is durable and
 * before the store records the id too — asynchronously, while the jobs keep running; the next
 * checkpoint waits for it.
 */
export class CheckpointedStatement {
  readonly id: string;
  readonly sql: string;
  readonly intervalMs: number | undefined;
  readonly retained: number;
  /** Whether a checkpoint writes only what changed since the one before (else every one is whole). */
  readonly incremental: boolean;
  /** Where the statement resumed from, if it did: a checkpoint or savepoint file. */
  restoredFrom: string | undefined;
  phase: StatementPhase = "restoring";
  /** When the next periodic checkpoint is due (the engine's clock). */
  nextDue: number;
  /** A checkpoint taken whose commit is under way (its file's fsync, the round's or the sink's commit). */
  inFlight: Promise<CompletedCheckpoint> | undefined;
  private readonly store: Store;
  private readonly storage: CheckpointStorage;
  private jobs: readonly { readonly job: Job; readonly layout: PlanLayout }[] = [];
  private committer: SinkCommitter | undefined;
  private transaction: Transaction;
  private lastId = 0;
  private last: CompletedCheckpoint | undefined;
  private readonly completed: (checkpoint: CompletedCheckpoint) => void;
  private readonly compacted: (id: number, outcome: CompactionOutcome) => void;
  private readonly compactor: CompactionThread;
  /** The checkpoint the next one is a delta of; undefined: the next one writes every table whole. */
  private chainParent: number | undefined;
  private compaction: CompactionTask | undefined;

  constructor(options: {
    id: string;
    sql: string;
    store: Store;
    storage: CheckpointStorage;
    intervalMs: number | undefined;
    retained: number;
    incremental: boolean;
    now: number;
    /** Told of each completed checkpoint the moment it completes. */
    completed: (checkpoint: CompletedCheckpoint) => void;
    /** Where chains are merged into bases, off the event loop. */
    compactor: CompactionThread;
    /** Told when a compaction wrote a base (its size) or failed (the chain stays as it was). */
    compacted?: (id: number, outcome: CompactionOutcome) => void;
  }) {
    this.compactor = options.compactor;
    this.completed = options.completed;
    this.compacted = options.compacted ?? (() => {});
    this.id = options.id;
    this.sql = options.sql;
    this.store = options.store;
    this.storage = options.storage;
    this.intervalMs = options.intervalMs;
    this.retained = options.retained;
    this.incremental = options.incremental;
    this.nextDue = options.now + (options.intervalMs ?? Number.POSITIVE_INFINITY);
    this.transaction = this.store.beginTransaction();
  }

  /** The transaction the statement's store sinks stage writes in until the next checkpoint. */
  readonly sinkTransaction = (): Transaction => this.transaction;

  get lastCheckpoint(): CompletedCheckpoint | undefined {
    return this.last;
  }

  get lastCheckpointId(): number {
    return this.lastId;
  }

  get statementJobs(): readonly Job[] {
    return this.jobs.map((j) => j.job);
  }

  /** The jobs, their plans, and the sink committing through its own system, if one does. */
  attach(jobs: readonly Job[], layouts: readonly PlanLayout[], committer: SinkCommitter | undefined): void {
    this.jobs = jobs.map((job, i) => ({ job, layout: layouts[i]! }));
    this.committer = committer;
  }

  /** The last checkpoint completed before this start: ids continue after it. */
  continueAfter(id: number): void {
    this.lastId = id;
  }

  /** The statement's plan fingerprint. */
  get fingerprint(): string {
    return combineFingerprints(this.jobs.map((j) => j.layout.fingerprint));
  }

  /**
   * Takes a checkpoint now (between steps): captures and encodes the state here; the snapshot file
   * becomes durable in the background, and then the statement's transaction commits in `round` (with
   * the other statements of the round: one group commit) — or, for a sink committing through its own
   * system, there first and then alone. The promise settles at that commit, the checkpoint's
   * completion; until then `inFlight` holds it and the jobs run on, writing into the next
   * transaction. A savepoint is a checkpoint that is also written to the savepoint folder, which
   * retention never touches. The caller seals `round`.
   */
  checkpoint(kind: SnapshotKind, round: CommitRound): Promise<CompletedCheckpoint> {
    const started = performance.now();
    const id = this.lastId + 1;
    const state = this.capture();
    const header = {
      statement: this.id,
      sql: this.sql,
      fingerprint: this.fingerprint,
      checkpointId: id,
      createdAt: new Date().toISOString(),
    };
    const captured = performance.now();
    const checkpointFile = this.storage.checkpointFile(this.id, id);
    const parent = this.chainParent === undefined ? {} : { parent: this.chainParent };
    const checkpointHeader = { ...header, ...parent, kind: "checkpoint" as const };
    const committer = this.committer;
    // A sink committing through its own system commits what it holds when asked: its file must be
    // durable before then, and the commit asked before the jobs write more.
    const written =
      round.durability === "background" && committer === undefined
        ? this.storage.writeInBackground(checkpointFile, checkpointHeader, state)
        : { ...this.storage.write(checkpointFile, checkpointHeader, state), durable: undefined };
    const bytes = written.bytes;
    let file = checkpointFile;
    if (kind === "savepoint") {
      file = this.storage.savepointFile(this.id, id);
      this.storage.write(file, { ...header, kind: "savepoint" }, state);
    }
    // The next checkpoint writes what changes from here on, as a delta of this one.
    if (this.incremental) {
      for (const table of written.tables) table.state.checkpointed();
      this.chainParent = id;
    }
    const writeMs = performance.now() - captured;
    // What the sinks write from here on belongs to the next checkpoint.
    const transaction = this.transaction;
    this.transaction = this.store.beginTransaction();
    markCheckpoint(transaction, this.id, id);
    const complete = (): CompletedCheckpoint => {
      this.lastId = id;
      this.storage.retain(this.id, id, this.retained);
      this.considerCompaction(id);
      this.last = {
        statement: this.id,
        id,
        kind,
        file,
        bytes,
        durationMs: performance.now() - started,
        captureMs: captured - started,
        writeMs,
      };
      this.completed(this.last);
      return this.last;
    };
    if (committer !== undefined) {
      const committing = committer.commit(id).then(
        () => {
          transaction.commit();
          return complete();
        },
        (error) => {
          transaction.abort();
          throw error;
        },
      );
      this.inFlight = committing;
      void committing.then(
        () => this.clearInFlight(committing),
        () => this.clearInFlight(committing),
      );
      return committing;
    }
    // Settled by the round, synchronously when it commits at its seal: the statement is free for its
    // next checkpoint within the same loop of steps.
    let settle!: { resolve: (c: CompletedCheckpoint) => void; reject: (error: unknown) => void };
    const committing = new Promise<CompletedCheckpoint>((resolve, reject) => {
      settle = { resolve, reject };
    });
    this.inFlight = committing;
    round.join({
      transaction,
      durable: written.durable,
      committed: () => {
        this.clearInFlight(committing);
        settle.resolve(complete());
      },
      failed: (error) => {
        this.clearInFlight(committing);
        settle.reject(error);
      },
    });
    return committing;
  }

  /**
   * The jobs were restored from checkpoint `id` of this statement with an unchanged plan: their keyed
   * states equal that checkpoint's `tables` tables, so the next checkpoint can be a delta of it —
   * unless the jobs now keep another number of keyed states (one written by an engine that kept some
   * state inline, as upsert sources' rows once were): then the next one is whole.
   */
  continueChainOf(id: number, tables: number): void {
    const views = viewsOf(this.capture());
    if (views.length !== tables) return;
    for (const table of views) table.state.checkpointed();
    this.chainParent = id;
  }

  /** Whether a compaction of the statement's checkpoint chain is under way. */
  get compacting(): boolean {
    return this.compaction !== undefined;
  }

  /** Drops the writes staged since the last checkpoint: they never become visible. */
  abort(): void {
    if (this.transaction.state === "open") this.transaction.abort();
    this.stopCompaction();
  }

  /** Abandons the compaction under way, if any: the chain stays as it is (the engine closes). */
  stopCompaction(): void {
    const compaction = this.compaction;
    this.compaction = undefined;
    compaction?.abandon();
  }

  /** Every job's state now: small parts copied, keyed states as views (see KeyedStateView). */
  private capture(): SqlValue {
    return this.jobs.map(({ job, layout }) => encodeJobState(captureJobState(job, layout)));
  }

  /**
   * Starts merging the chain checkpoint `id` restores from into a base, when the chain is long or
   * its deltas large beside its base: restoring then reads about the state's size, not its history.
   */
  private considerCompaction(id: number): void {
    if (this.compaction !== undefined) return;
    const chain = this.storage.chainOf(this.id, id);
    if (chain.length < 2) return;
    const deltaBytes = chain.slice(1).reduce((sum, link) => sum + link.bytes, 0);
    if (chain.length - 1 < COMPACT_AFTER_DELTAS && deltaBytes < chain[0]!.bytes * COMPACT_AT_DELTA_SHARE)
      return;
    const compaction = this.compactor.compact(
      chain.map((link) => link.file),
      id,
      this.storage.baseFile(this.id, id),
    );
    this.compaction = compaction;
    void compaction.outcome.then((outcome) => {
      // Abandoned (the statement stopped, the engine closed): its files are no longer this one's business.
      if (this.compaction !== compaction) return;
      this.compaction = undefined;
      // The files the base made unnecessary go.
      if ("bytes" in outcome) this.storage.retain(this.id, this.lastId, this.retained);
      this.compacted(id, outcome);
    });
  }

  private clearInFlight(committing: Promise<CompletedCheckpoint>): void {
    if (this.inFlight === committing) this.inFlight = undefined;
  }
}
