import type { PartitionLog, ReadCursor } from "./log/partition-log.ts";
import type { StoredRecord } from "./log/record.ts";
import type { Topic } from "./log/topic.ts";

/** Where a consumer starts reading a partition. */
export type PartitionPosition =
  | { readonly kind: "earliest" }
  | { readonly kind: "latest" }
  | { readonly kind: "offset"; readonly offset: number }
  /** The first record with timestamp >= `timestamp` (or the end of the log). */
  | { readonly kind: "timestamp"; readonly timestamp: number };

/** Start position for all assigned partitions; `committed` resumes a group, falling back per partition. */
export type StartPosition =
  | PartitionPosition
  | { readonly kind: "committed"; readonly group: string; readonly otherwise: PartitionPosition };

export interface ConsumerOptions {
  /** Partitions to read; all by default. */
  readonly partitions?: readonly number[];
  /** Default: earliest. */
  readonly from?: StartPosition;
  /** Upper bound of records returned by one poll (default 10 000). */
  readonly maxPollRecords?: number;
  /** Bytes read per partition per poll (default 1 MiB; a larger single record is still returned). */
  readonly maxPollBytes?: number;
}

export interface PolledBatch {
  readonly partition: number;
  readonly records: StoredRecord[];
}

interface Assignment {
  readonly partition: number;
  readonly log: PartitionLog;
  readonly cursor: ReadCursor;
}

/**
 * Reads a topic's partitions in offset order. `poll()` never blocks; `waitForData()` resolves when an
 * append makes new records visible, so a streaming operator can tail the log without busy-waiting.
 * Readers only ever see committed records: transactional writes become visible at commit.
 */
export class Consumer {
  readonly topic: Topic;
  private readonly assignments: Assignment[];
  private readonly maxPollRecords: number;
  private readonly maxPollBytes: number;
  private nextAssignment = 0;
  private closed = false;

  constructor(
    topic: Topic,
    options: ConsumerOptions,
    committed: (group: string) => ReadonlyMap<number, number>,
  ) {
    this.topic = topic;
    this.maxPollRecords = Math.max(1, options.maxPollRecords ?? 10_000);
    this.maxPollBytes = Math.max(1, options.maxPollBytes ?? 1024 * 1024);
    const partitions = options.partitions ?? topic.partitions.map((_, p) => p);
    const from = options.from ?? { kind: "earliest" };
    const groupOffsets = from.kind === "committed" ? committed(from.group) : undefined;
    this.assignments = partitions.map((partition) => {
      const log = topic.partition(partition);
      const assignment: Assignment = {
        partition,
        log,
        cursor: { offset: 0, segment: undefined, position: 0 },
      };
      return assignment;
    });
    for (const { partition } of this.assignments) {
      if (from.kind !== "committed") this.seek(partition, from);
      else {
        const offset = groupOffsets?.get(partition);
        this.seek(partition, offset === undefined ? from.otherwise : { kind: "offset", offset });
      }
    }
  }

  /** Moves one partition's read position. */
  seek(partition: number, position: PartitionPosition): void {
    const { log, cursor } = this.assignment(partition);
    cursor.offset = resolvePosition(log, position);
    cursor.segment = undefined;
  }

  /** The next offset this consumer will read from the partition. */
  position(partition: number): number {
    return this.assignment(partition).cursor.offset;
  }

  /** All positions, e.g. to commit them for a group. */
  positions(): Map<number, number> {
    return new Map(this.assignments.map((a) => [a.partition, a.cursor.offset]));
  }

  /** True when some assigned partition has records beyond the read position. */
  hasData(): boolean {
    return this.assignments.some((a) => a.log.nextOffset > Math.max(a.cursor.offset, a.log.startOffset));
  }

  /** Returns the records available now (possibly none), spreading the budget fairly over partitions. */
  poll(): PolledBatch[] {
    this.checkOpen();
    const out: PolledBatch[] = [];
    let budget = this.maxPollRecords;
    const count = this.assignments.length;
    for (let i = 0; i < count && budget > 0; i++) {
      const a = this.assignments[(this.nextAssignment + i) % count]!;
      if (a.log.nextOffset <= a.cursor.offset) continue;
      const records = a.log.read(a.cursor, this.maxPollBytes, budget);
      if (records.length > 0) {
        out.push({ partition: a.partition, records });
        budget -= records.length;
      }
    }
    this.nextAssignment = (this.nextAssignment + 1) % Math.max(1, count);
    return out;
  }

  /**
   * Resolves true as soon as new records are available (at once if some already are), or false
   * after `timeoutMs` or when `signal` aborts.
   */
  waitForData(timeoutMs?: number, signal?: AbortSignal): Promise<boolean> {
    this.checkOpen();
    if (this.hasData()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const unsubscribes: (() => void)[] = [];
      let timer: NodeJS.Timeout | undefined;
      const finish = (result: boolean): void => {
        for (const unsubscribe of unsubscribes) unsubscribe();
        if (timer !== undefined) clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        resolve(result);
      };
      const onAbort = (): void => finish(false);
      for (const a of this.assignments) unsubscribes.push(a.log.onAppend(() => finish(true)));
      if (timeoutMs !== undefined) timer = setTimeout(() => finish(false), timeoutMs);
      if (signal !== undefined) {
        if (signal.aborted) finish(false);
        else signal.addEventListener("abort", onAbort, { once: true });
      }
    });
  }

  /** Tails the topic: yields each non-empty poll, waiting for data in between, until `signal` aborts. */
  async *stream(signal?: AbortSignal): AsyncGenerator<PolledBatch[]> {
    while (!this.closed && signal?.aborted !== true) {
      const batches = this.poll();
      if (batches.length > 0) yield batches;
      else await this.waitForData(undefined, signal);
    }
  }

  close(): void {
    this.closed = true;
  }

  private assignment(partition: number): Assignment {
    const found = this.assignments.find((a) => a.partition === partition);
    if (found === undefined) throw new RangeError(`partition ${partition} is not assigned to this consumer`);
    return found;
  }

  private checkOpen(): void {
    if (this.closed) throw new Error("consumer is closed");
  }
}

function resolvePosition(log: PartitionLog, position: PartitionPosition): number {
  switch (position.kind) {
    case "earliest":
      return log.startOffset;
    case "latest":
      return log.nextOffset;
    case "offset":
      return position.offset;
    case "timestamp":
      return log.offsetForTimestamp(position.timestamp);
  }
}
