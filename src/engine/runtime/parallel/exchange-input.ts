import type { RowKind } from "../../../common/changelog.ts";
import type { Row, SqlValue } from "../../../common/value.ts";
import type { Collector, PollResult, SourceReader } from "../operator.ts";
import { WatermarkCombiner } from "../time/watermark.ts";
import type { ExchangeMessage } from "./messages.ts";
import { readRowBatch } from "./row-batch.ts";

/**
 * The receiving end of an exchange in one instance: a source its job polls. It takes the channels'
 * messages in arrival order and, as an operator with several inputs does, forwards the minimum
 * watermark over the channels that are not idle; it ends when every channel has ended. A poll
 * stops at a watermark so rows that came after it are not moved before it (they could be late).
 */
export class ExchangeInput implements SourceReader {
  readonly description: string;
  private readonly queue: ExchangeMessage[] = [];
  private head = 0;
  private readonly combiner: WatermarkCombiner;
  private readonly open: boolean[];
  private openCount: number;
  /** Where the polling job pushes the rows: the consumer's input. */
  readonly into: Collector;

  constructor(description: string, channels: number, into: Collector) {
    this.description = description;
    this.combiner = new WatermarkCombiner(channels);
    this.open = new Array<boolean>(channels).fill(true);
    this.openCount = channels;
    this.into = into;
  }

  deliver(message: ExchangeMessage): void {
    this.queue.push(message);
  }

  /** Rows handed to the polling job so far (not read from a source: not the job's records in). */
  received = 0;

  /** Messages wait to be polled. */
  get pending(): boolean {
    return this.head < this.queue.length;
  }

  poll(max: number): PollResult {
    const rows: Row[] = [];
    const kinds: RowKind[] = [];
    let watermark: number | undefined;
    while (this.head < this.queue.length && rows.length < max && watermark === undefined) {
      const message = this.queue[this.head]!;
      if (message.t === "idle") {
        const combined = this.combiner.markIdle(message.from);
        // Idleness is a signal, not a value of the poll: rows polled before it go first.
        if (combined === "idle" && rows.length > 0) break;
        if (combined === "idle") this.into.idle();
        else watermark = combined;
      } else if (message.t === "watermark") {
        watermark = this.combiner.advance(message.from, message.timestamp);
      } else if (message.t === "end") {
        this.open[message.from] = false;
        this.openCount--;
      } else {
        this.combiner.activate(message.from);
        readRowBatch(message.rows, (kind, row) => {
          kinds.push(kind);
          rows.push(row);
        });
      }
      this.head++;
    }
    this.compact();
    this.received += rows.length;
    if (rows.length === 0 && watermark === undefined)
      return this.openCount === 0 && !this.pending ? "end" : "idle";
    return { rows, kinds, ...(watermark !== undefined ? { watermark } : {}) };
  }

  /** Ends with its channels: a bounded run bounds the sources upstream instead. */
  bound(): void {}

  snapshot(): SqlValue {
    return null;
  }

  restore(): void {}

  private compact(): void {
    if (this.head === this.queue.length) {
      this.queue.length = 0;
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
  }
}
