import type { RequestTotals } from "./metrics/rest-metrics.ts";
import type { ServedProduct } from "./served-product.ts";
import type { JsonSchema } from "./values/json-schema.ts";

/** What an endpoint's handler gets: the product (its table, columns and record encoding) and the parameters. */
export interface EndpointRequest {
  readonly product: ServedProduct;
  /** Query parameters, already validated (and coerced) against the endpoint's `querystring` schema. */
  readonly query: Readonly<Record<string, unknown>>;
  /** The server answering, for endpoints that report on the service itself (uptime, requests). */
  readonly server: ServerStatus;
}

export interface ServerStatus {
  /** When the server started, epoch ms on its clock. */
  readonly startedAt: number;
  /** The server's clock (the wall clock unless the app was given another). */
  now(): number;
  /** Requests answered so far (not counting the one being answered). */
  requests(): RequestTotals;
}

/**
 * An endpoint a product adds to its REST interface, computed from its data: the Customer 360 view's
 * marketing, product and finance views are endpoints like this. It is mounted at
 * `GET /products/<id>/<path>`, documented in the OpenAPI document from its schemas, and its query
 * parameters are validated with the same 400 errors as the built-in routes.
 *
 * @example
 * const tiers: ProductEndpoint = {
 *   path: "loyalty-tiers",
 *   summary: "Customers per loyalty tier",
 *   response: { type: "array", items: { type: "object" } },
 *   handle: ({ product }) => countBy(product.table.rows(), product.column("loyalty_tier")!.index),
 * };
 */
export interface ProductEndpoint {
  /** Below `/products/<id>/`: letters, digits, `-`, `_` and `/` between segments. */
  readonly path: string;
  readonly summary: string;
  readonly description?: string;
  /** An object schema of the query parameters; anything it does not list is refused. */
  readonly querystring?: JsonSchema;
  /** The schema of a 200 response. */
  readonly response: JsonSchema;
  handle(request: EndpointRequest): unknown;
}

/** Paths the built-in routes use, which a product's endpoints cannot take. */
export const RESERVED_ENDPOINT_PATHS = ["records", "changes"];
export const ENDPOINT_PATH = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/;
