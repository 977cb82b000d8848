import type { Row } from "../../common/value.ts";
import type { DataType } from "../../sql/types/data-type.ts";
import type { StatementRecovery } from "./checkpoint/index.ts";
import type { Job, JobError, JobStatus } from "./job.ts";
import type { ChangelogEntry, CollectSink } from "./sinks/collect-sink.ts";

export interface ResultColumn {
  readonly name: string;
  readonly type: DataType;
}

/** A running query: its changelog so far and the table that changelog describes. */
export class QueryResult {
  readonly kind = "query";
  readonly columns: readonly ResultColumn[];
  private readonly job: Job;
  private readonly sink: CollectSink;

  constructor(columns: readonly ResultColumn[], job: Job, sink: CollectSink) {
    this.columns = columns;
    this.job = job;
    this.sink = sink;
  }

  get status(): JobStatus {
    return this.job.status;
  }

  /** Set when the query failed: names the statement, the operator and the row. */
  get error(): JobError | undefined {
    return this.job.error;
  }

  /** Every change so far, in order: `+I`, `-U`, `+U`, `-D` rows. */
  changelog(): readonly ChangelogEntry[] {
    return this.sink.changelog;
  }

  /** Stops the query: its changelog and table stay as they are, and the engine drops the job. */
  cancel(): void {
    this.job.cancel();
  }

  /** The last watermark that reached the result (`NO_WATERMARK` before the first). */
  get watermark(): number {
    return this.sink.watermark;
  }

  /** The result's rows now (the changelog applied). */
  table(): Row[] {
    return this.sink.table();
  }
}

/** INSERT INTO (or a statement set): one job per target table. */
export interface InsertResult {
  readonly kind: "insert";
  readonly jobs: readonly Job[];
  /** Under checkpointing: the statement's identity and the checkpoint or savepoint it resumed from. */
  readonly recovery?: StatementRecovery;
}

export interface ExplainResult {
  readonly kind: "explain";
  readonly plan: string;
}

/** DDL, SET, USE...: applied to the session catalog. */
export interface DdlResult {
  readonly kind: "ddl";
}

export type StatementResult = QueryResult | InsertResult | ExplainResult | DdlResult;
