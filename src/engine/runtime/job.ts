import type { Pipeline } from "./build-pipeline.ts";
import type { PipelineIo } from "./io/table-io.ts";
import { MAX_WATERMARK } from "./time/watermark.ts";

export type JobStatus = "running" | "finished" | "failed" | "canceled";

/** Why a statement stopped: names the statement, and (via the OperatorFailure) the operator and row. */
export class JobError extends Error {
  readonly statement: string;

  constructor(statement: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`statement failed: ${statement}\n  ${reason}`);
    this.name = "JobError";
    this.statement = statement;
    this.cause = cause;
  }
}

/**
 * One running statement (a query or an INSERT): its sources and operators. The driver calls `step`
 * until no job makes progress. A failure stops this job only; the engine keeps running the others.
 */
export class Job {
  readonly statement: string;
  status: JobStatus = "running";
  error: JobError | undefined;
  /** Rows read from the sources so far. */
  recordsIn = 0;
  /**
   * Its last step in the engine's loop moved nothing: it has read what was committed to its inputs
   * when it polled them (the checkpoint coordinator's per-statement "at rest").
   */
  caughtUp = false;
  /** Its readers and operators: checkpoints snapshot and restore them between steps. */
  readonly pipeline: Pipeline;
  private readonly clock: () => number;
  /** Per source: when it last had rows, for the idle timeout; absent once it is marked idle. */
  private readonly activeSince: (number | undefined)[];
  private readonly idleTimeout: number | undefined;
  private readonly ended = new Set<number>();

  /**
   * `idleTimeout` (ms, `table.exec.source.idle-timeout`): a source without rows for that long is
   * marked idle, so it stops holding back the watermark of operators that read several inputs.
   */
  constructor(statement: string, pipeline: Pipeline, clock: () => number, idleTimeout?: number) {
    this.statement = statement;
    this.pipeline = pipeline;
    this.clock = clock;
    this.idleTimeout = idleTimeout;
    this.activeSince = pipeline.sources.map(() => clock());
  }

  /** The statement's connector readers and writers. */
  get io(): PipelineIo {
    return this.pipeline;
  }

  /** Stops the job with an error that happened outside a step (a failed background write). */
  fail(cause: unknown): void {
    if (this.status === "failed") return;
    this.status = "failed";
    this.error = new JobError(this.statement, cause);
  }

  /** Polls each source once for up to `max` rows and pushes them through; true if any row moved. */
  step(max: number): boolean {
    if (this.status !== "running") return false;
    let progressed = false;
    try {
      const now = this.clock();
      for (const op of this.pipeline.timed) op.onProcessingTime!(now);
      this.pipeline.sources.forEach(({ reader, into }, i) => {
        if (this.ended.has(i)) return;
        const result = reader.poll(max);
        if (result === "end") {
          this.ended.add(i);
          into.watermark(MAX_WATERMARK);
          progressed = true;
          return;
        }
        if (result === "idle") {
          this.checkIdle(i, now);
          return;
        }
        const { rows, kinds } = result;
        this.recordsIn += rows.length;
        for (let r = 0; r < rows.length; r++) into.collect(kinds ? kinds[r]! : "+I", rows[r]!);
        if (result.watermark !== undefined) into.watermark(result.watermark);
        if (rows.length > 0) {
          this.activeSince[i] = now;
          progressed = true;
        }
      });
      if (this.ended.size === this.pipeline.sources.length) {
        for (const op of [...this.pipeline.operators].reverse()) op.finish();
        this.status = "finished";
      }
      // Buffered writes become readable (embedded store) or are sent (Kafka).
      for (const writer of this.pipeline.writers) if (writer.flush()) progressed = true;
    } catch (error) {
      this.status = "failed";
      this.error = new JobError(this.statement, error);
    }
    return progressed;
  }

  /** Rows that reached the job's end so far: its sink's input, or the query's result. */
  get recordsOut(): number {
    return this.pipeline.output.count;
  }

  /** Stops the job where it is: no more rows move, nothing is flushed. */
  cancel(): void {
    if (this.status === "running") this.status = "canceled";
  }

  /** Stops every source at the input available now: a bounded run (`--until-idle`) then ends. */
  bound(): void {
    for (const { reader } of this.pipeline.sources) reader.bound();
  }

  private checkIdle(source: number, now: number): void {
    const since = this.activeSince[source];
    if (this.idleTimeout === undefined || since === undefined || now - since < this.idleTimeout) return;
    this.activeSince[source] = undefined;
    this.pipeline.sources[source]!.into.idle();
  }
}
