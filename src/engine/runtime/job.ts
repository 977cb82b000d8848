import type { Pipeline } from "./build-pipeline.ts";

export type JobStatus = "running" | "finished" | "failed";

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
  private readonly pipeline: Pipeline;
  private readonly ended = new Set<number>();

  constructor(statement: string, pipeline: Pipeline) {
    this.statement = statement;
    this.pipeline = pipeline;
  }

  /** Polls each source once for up to `max` rows and pushes them through; true if any row moved. */
  step(max: number): boolean {
    if (this.status !== "running") return false;
    let progressed = false;
    try {
      this.pipeline.sources.forEach(({ reader, into }, i) => {
        if (this.ended.has(i)) return;
        const result = reader.poll(max);
        if (result === "end") {
          this.ended.add(i);
          progressed = true;
          return;
        }
        if (result === "idle") return;
        const { rows, kinds } = result;
        this.recordsIn += rows.length;
        for (let r = 0; r < rows.length; r++) into.collect(kinds ? kinds[r]! : "+I", rows[r]!);
        progressed = progressed || rows.length > 0;
      });
      if (this.ended.size === this.pipeline.sources.length) {
        for (const op of [...this.pipeline.operators].reverse()) op.finish();
        this.status = "finished";
      }
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
}
