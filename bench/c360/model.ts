// What a Customer 360 benchmark run records: the parity run's timings at a given size, or why there
// are none, and how its streaming-over-batch ratio moved since the previous run of the same size.
import type { OperatorStateSize, TableStateSize } from "../../src/engine/index.ts";
import type { MachineInfo } from "../lib/machine.ts";

export interface C360Settings {
  readonly customers: number;
  /** The retail generator's ratio; undefined for the seed's (20 per 15 customers). */
  readonly transactionsPerCustomer: number | undefined;
  readonly seed: number;
  /** Only the streaming side was run. */
  readonly streamingOnly?: boolean;
  /** The engine's `state.memory-budget` per stateful operator, MiB; absent: all state in memory. */
  readonly stateBudgetMb?: number;
  /** The engine's `stateEncodedBudget` (shared by all its keyed states), MiB; absent: its default (half the heap). */
  readonly encodedBudgetMb?: number;
  /** DuckDB's `memory_limit` (beyond it the batch side spills to temporary files) and `threads`. */
  readonly duckdbMemoryLimit?: string;
  readonly duckdbThreads?: number;
  /** The pipeline ran with mini-batch aggregation on (`table.exec.mini-batch.*`). */
  readonly miniBatch?: boolean;
  /** V8's heap limit of the run (`--max-old-space-size`), MiB. */
  readonly heapMb?: number;
  /** V8's young-generation semi-space (`--max-semi-space-size`), MiB; absent: V8's default. */
  readonly semiSpaceMb?: number;
}

/**
 * One stateful operator of the pipeline once the view is complete (`--state-report`): its entries,
 * their size as a checkpoint encodes them (estimated from a sample: the heap holds several times more)
 * and where they are.
 */
export interface C360OperatorState extends OperatorStateSize {
  /** The table its statement writes. */
  readonly table: string;
}

/** With a state budget: the state beyond the live budgets once the view is complete. */
export interface C360StateTiers {
  /** The shared encoded tier's bytes, as counted against its budget. */
  readonly encodedBytes: number;
  /** Entries in spill files on disk. */
  readonly spilledEntries: number;
}

export type C360Outcome =
  | {
      readonly status: "ok";
      /** Raw records fed to the pipeline (and to DuckDB). */
      readonly records: number;
      /**
       * From the first statement to the view holding every record: the time to the first complete
       * view of a pipeline started on a backlog.
       */
      readonly streamingSeconds: number;
      readonly recordsPerSecond: number;
      /** DuckDB: the raw records appended to tables and the view's batch query run. */
      readonly batchSeconds: number;
      /** Headwater's speed over DuckDB's on the same records: batch seconds / streaming seconds. */
      readonly ratio: number;
      readonly viewRows: number;
      readonly differenceCount: number;
      /** The first differences, as `headwater parity` prints them. */
      readonly differences: readonly string[];
      /** Peak RSS of the process that ran both sides (generation, engine and DuckDB). */
      readonly peakRssBytes: number;
      /**
       * Peak RSS when the streaming side started, after DuckDB's run (the batch side runs first and
       * its memory is released): a higher overall peak is the engine's.
       */
      readonly batchPeakRssBytes: number;
      /**
       * V8 heap in use after a full collection once the view is complete, the engine still running:
       * the pipeline's state (join, aggregate and deduplication state, the tables' live rows).
       */
      readonly stateHeapBytes: number;
      /** One pass of the generator over the records (each side runs one, not counted in its time). */
      readonly generationSeconds: number;
      readonly state?: readonly C360OperatorState[];
      /** With `--state-report`: the in-memory tables' live rows and kept changes, largest first. */
      readonly tables?: readonly TableStateSize[];
      readonly stateTiers?: C360StateTiers;
    }
  | {
      /** The streaming side alone (`--streaming-only`): sizes whose DuckDB side does not fit in memory. */
      readonly status: "streamed";
      readonly records: number;
      readonly streamingSeconds: number;
      readonly recordsPerSecond: number;
      readonly viewRows: number;
      readonly peakRssBytes: number;
      readonly stateHeapBytes: number;
      readonly generationSeconds: number;
      readonly state?: readonly C360OperatorState[];
      /** With `--state-report`: the in-memory tables' live rows and kept changes, largest first. */
      readonly tables?: readonly TableStateSize[];
      readonly stateTiers?: C360StateTiers;
    }
  | { readonly status: "unsupported"; readonly reason: string }
  | { readonly status: "failed"; readonly error: string };

export type C360Previous =
  | { readonly status: "none"; readonly reason: string }
  | {
      readonly status: "compared";
      readonly previousFile: string;
      readonly previousRatio: number;
      readonly change: number;
      readonly regression: boolean;
    };

export interface C360Report {
  readonly benchmark: "c360";
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly machine: MachineInfo;
  readonly settings: C360Settings;
  readonly outcome: C360Outcome;
  readonly previous: C360Previous;
}
