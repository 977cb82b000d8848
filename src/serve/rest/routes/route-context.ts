import type { RestMetrics } from "../metrics/rest-metrics.ts";
import type { ChangeStream, ChangeStreamOptions } from "../sse/change-stream.ts";

/** What the routes of one server share. */
export interface RouteContext {
  readonly metrics: RestMetrics;
  readonly clock: () => number;
  /** When the app was built, on `clock`. */
  readonly startedAt: number;
  /** Open change streams, ended when the server shuts down. */
  readonly streams: Set<ChangeStream>;
  readonly streamOptions: ChangeStreamOptions;
}

/** The URL path of a product, and of everything below it. */
export function productPath(id: string, rest = ""): string {
  return `/products/${id}${rest}`;
}
