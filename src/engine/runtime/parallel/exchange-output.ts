import type { RowKind } from "../../../common/changelog.ts";
import type { Row } from "../../../common/value.ts";
import type { Collector } from "../operator.ts";
import type { ExchangeMessage } from "./messages.ts";
import { RowBatchWriter } from "./row-batch.ts";

/** One way to a consumer instance: a port to another thread, or a hand-over within this one. */
export interface Channel {
  send(message: ExchangeMessage, transfer?: ArrayBuffer): void;
}

/** Rows per message: large enough to amortize a message, small enough to keep latency low. */
const BATCH_ROWS = 1024;

/**
 * The sending end of an exchange in one instance: the collector a stage's last operator emits into.
 * Rows go to the instance owning their key (`route`), or to the single consumer; watermarks,
 * idleness and the end go to every consumer, after the rows sent before them.
 */
export class ExchangeOutput implements Collector {
  private readonly statement: number;
  private readonly exchange: number;
  private readonly from: number;
  private readonly channels: readonly Channel[];
  private readonly route: ((row: Row) => number) | undefined;
  private readonly batches: RowBatchWriter[];
  private lastWatermark = Number.NEGATIVE_INFINITY;

  constructor(
    ids: { readonly statement: number; readonly exchange: number; readonly from: number },
    channels: readonly Channel[],
    route?: (row: Row) => number,
  ) {
    this.statement = ids.statement;
    this.exchange = ids.exchange;
    this.from = ids.from;
    this.channels = channels;
    this.route = channels.length > 1 ? route : undefined;
    this.batches = channels.map(() => new RowBatchWriter());
  }

  collect(kind: RowKind, row: Row): void {
    const target = this.route ? this.route(row) : 0;
    const batch = this.batches[target]!;
    batch.add(kind, row);
    if (batch.size >= BATCH_ROWS) this.send(target);
  }

  watermark(timestamp: number): void {
    if (timestamp <= this.lastWatermark) return;
    this.lastWatermark = timestamp;
    this.broadcast({ t: "watermark", s: this.statement, x: this.exchange, from: this.from, timestamp });
  }

  idle(): void {
    this.broadcast({ t: "idle", s: this.statement, x: this.exchange, from: this.from });
  }

  /** The producer's input has ended: nothing follows. */
  end(): void {
    this.broadcast({ t: "end", s: this.statement, x: this.exchange, from: this.from });
  }

  /** Sends the rows collected so far. */
  flush(): void {
    for (let i = 0; i < this.channels.length; i++) this.send(i);
  }

  private broadcast(message: ExchangeMessage): void {
    this.flush();
    for (const channel of this.channels) channel.send(message);
  }

  private send(target: number): void {
    const batch = this.batches[target]!;
    if (batch.size === 0) return;
    const rows = batch.take();
    this.channels[target]!.send(
      { t: "rows", s: this.statement, x: this.exchange, from: this.from, rows },
      rows,
    );
  }
}
