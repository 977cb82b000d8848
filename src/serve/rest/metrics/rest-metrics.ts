import { lastChangeAt } from "../product-stats.ts";
import type { ServedProduct } from "../served-product.ts";
import { type Counter, type Histogram, MetricsRegistry } from "./metrics.ts";

/** Seconds; dense below 10 ms, where lookups live. */
const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

export interface RequestTotals {
  readonly total: number;
  /** Answered with a 4xx status. */
  readonly clientErrors: number;
  /** Answered with a 5xx status. */
  readonly serverErrors: number;
  readonly meanLatencyMs: number | null;
}

export type ServedInterface = "lookup" | "listing" | "changes" | "endpoint";
export type StreamEnd = "client_closed" | "slow_client" | "shutdown" | "out_of_range";

/** What /metrics reports: requests, latencies, rows served, live streams, and each product's table. */
export class RestMetrics {
  readonly registry = new MetricsRegistry();
  readonly requests: Counter;
  readonly latency: Histogram;
  readonly rowsServed: Counter;
  readonly streamEnds: Counter;
  /** Open change streams per product. */
  readonly openStreams = new Map<string, number>();

  constructor(products: readonly ServedProduct[], clock: () => number) {
    const r = this.registry;
    this.requests = r.counter("headwater_http_requests_total", "HTTP requests answered.", [
      "method",
      "route",
      "status",
    ]);
    this.latency = r.histogram(
      "headwater_http_request_duration_seconds",
      "Time from request to response.",
      ["route"],
      LATENCY_BUCKETS,
    );
    this.rowsServed = r.counter("headwater_rows_served_total", "Records sent to clients.", [
      "product",
      "interface",
    ]);
    r.gauge("headwater_change_streams", "Open live change streams.", ["product"], () =>
      products.map((p) => ({ labels: [p.id], value: this.openStreams.get(p.id) ?? 0 })),
    );
    this.streamEnds = r.counter(
      "headwater_change_stream_ends_total",
      "Live change streams ended, by reason.",
      ["product", "reason"],
    );
    r.gauge(
      "headwater_product_changelog_offset",
      "The offset the next change of the product's table gets.",
      ["product"],
      () => products.map((p) => ({ labels: [p.id], value: p.table.changelog.endOffset })),
    );
    r.gauge(
      "headwater_product_age_seconds",
      "Time since the product's table last changed.",
      ["product"],
      () =>
        products.flatMap((p) => {
          const last = lastChangeAt(p.table);
          return last === undefined ? [] : [{ labels: [p.id], value: (clock() - last) / 1000 }];
        }),
    );
  }

  /** Requests answered so far, by outcome, and their mean latency. */
  requestTotals(): RequestTotals {
    let total = 0;
    let clientErrors = 0;
    let serverErrors = 0;
    for (const { labels, value } of this.requests.entries()) {
      const status = Number(labels[2]);
      total += value;
      if (status >= 500) serverErrors += value;
      else if (status >= 400) clientErrors += value;
    }
    const { sum, count } = this.latency.totals();
    return { total, clientErrors, serverErrors, meanLatencyMs: count === 0 ? null : (sum / count) * 1000 };
  }

  streamOpened(product: string): void {
    this.openStreams.set(product, (this.openStreams.get(product) ?? 0) + 1);
  }

  streamClosed(product: string, reason: StreamEnd): void {
    this.openStreams.set(product, (this.openStreams.get(product) ?? 1) - 1);
    this.streamEnds.inc([product, reason]);
  }
}
