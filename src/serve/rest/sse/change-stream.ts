import type { ServerResponse } from "node:http";
import type { OffsetChange } from "../../../engine/index.ts";
import type { StreamEnd } from "../metrics/rest-metrics.ts";
import type { ServedProduct } from "../served-product.ts";

export interface ChangeStreamOptions {
  /** Bytes a client may have waiting unread before the server stops reading changes for it. */
  readonly bufferBytes: number;
  /** How long a full buffer may stay full before the client is disconnected as too slow. */
  readonly stallTimeoutMs: number;
  /** A comment line this often keeps proxies from closing an idle stream and detects dead peers. */
  readonly heartbeatMs: number;
}

export const DEFAULT_CHANGE_STREAM_OPTIONS: ChangeStreamOptions = {
  bufferBytes: 1 << 20,
  stallTimeoutMs: 30_000,
  heartbeatMs: 15_000,
};

/** Changes read from the table per step: small, so a full buffer is noticed early. */
const BATCH = 64;
/** How long a closing stream may take to flush its last event before its socket is destroyed. */
const CLOSE_GRACE_MS = 2_000;

const END_MESSAGES: Readonly<Record<Exclude<StreamEnd, "client_closed">, string>> = {
  slow_client: "the client read too slowly: its buffer stayed full",
  shutdown: "the server is shutting down",
  out_of_range:
    "the changes from the stream's position were dropped by retention before the client read them",
};

/**
 * One client's Server-Sent Events stream of a product's changelog. The stream pulls changes from the
 * table by offset instead of queueing what the table pushes: a new change only wakes it up. So a
 * client costs at most `bufferBytes` of unsent text plus one batch, however far behind it is; a client
 * whose buffer stays full for `stallTimeoutMs` is disconnected with a final `end` event naming the
 * reason and the offset to resume from (Last-Event-ID).
 *
 * Each change is one event: `id` is its offset, `event` its kind (+I, -U, +U, -D), `data` the record.
 * Offsets are the table's `changelog`'s: for a store table, its log offsets, so a client resumes with
 * Last-Event-ID across server restarts. Should retention drop changes the stream has not sent yet,
 * the stream ends (`out_of_range`) instead of skipping them.
 */
export class ChangeStream {
  private readonly product: ServedProduct;
  private readonly response: ServerResponse;
  private readonly options: ChangeStreamOptions;
  private readonly onEnd: (reason: StreamEnd, sent: number) => void;
  /** Bytes of unsent text at which reading stops; at least the socket's high-water mark, so `drain` follows. */
  private readonly limit: number;
  private next: number;
  private sent = 0;
  private closed = false;
  private scheduled = false;
  private waitingForDrain = false;
  private unsubscribe: (() => void) | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private stall: NodeJS.Timeout | undefined;

  constructor(
    product: ServedProduct,
    response: ServerResponse,
    from: number,
    options: ChangeStreamOptions,
    onEnd: (reason: StreamEnd, sent: number) => void,
  ) {
    this.product = product;
    this.response = response;
    this.next = from;
    this.options = options;
    this.onEnd = onEnd;
    this.limit = Math.max(options.bufferBytes, response.writableHighWaterMark);
  }

  start(): void {
    this.response.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache",
      // The stream is the connection's last response: when the server ends it, the socket goes too.
      connection: "close",
      "x-accel-buffering": "no",
    });
    this.response.write(`retry: 2000\n: ${this.product.id} changes from offset ${this.next}\n\n`);
    this.response.on("close", () => this.close("client_closed"));
    this.response.on("drain", () => this.drained());
    this.unsubscribe = this.product.table.changelog.subscribe(() => this.schedule());
    this.heartbeat = setInterval(() => {
      if (this.response.writableLength < this.limit) this.response.write(": heartbeat\n\n");
    }, this.options.heartbeatMs);
    this.schedule();
  }

  /** Ends the stream; unless the client left, a last `end` event says why and where to resume. */
  close(reason: StreamEnd): void {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe?.();
    clearInterval(this.heartbeat);
    clearTimeout(this.stall);
    this.onEnd(reason, this.sent);
    if (reason === "client_closed") return;
    const end = {
      reason,
      message: END_MESSAGES[reason],
      resume_from: this.next,
      ...(reason === "out_of_range" ? { start_offset: this.product.table.changelog.startOffset } : {}),
    };
    this.response.end(`event: end\ndata: ${JSON.stringify(end)}\n\n`);
    setTimeout(() => this.response.destroy(), CLOSE_GRACE_MS).unref();
  }

  private schedule(): void {
    if (this.scheduled || this.waitingForDrain || this.closed) return;
    this.scheduled = true;
    setImmediate(() => this.pump());
  }

  private pump(): void {
    this.scheduled = false;
    const changelog = this.product.table.changelog;
    while (!this.closed && this.next < changelog.endOffset) {
      if (this.next < changelog.startOffset) {
        this.close("out_of_range");
        return;
      }
      if (this.response.writableLength >= this.limit) {
        this.waitForDrain();
        return;
      }
      const batch = changelog.read(this.next, BATCH);
      if (batch.length === 0) return;
      for (const change of batch) {
        this.response.write(this.frame(change));
        this.next = change.offset + 1;
        this.sent++;
        if (this.response.writableLength >= this.limit) break;
      }
    }
  }

  private frame(change: OffsetChange): string {
    return `id: ${change.offset}\nevent: ${change.kind}\ndata: ${JSON.stringify(this.product.record(change.row))}\n\n`;
  }

  private waitForDrain(): void {
    this.waitingForDrain = true;
    this.stall = setTimeout(() => this.close("slow_client"), this.options.stallTimeoutMs);
  }

  private drained(): void {
    if (!this.waitingForDrain) return;
    this.waitingForDrain = false;
    clearTimeout(this.stall);
    this.schedule();
  }
}
