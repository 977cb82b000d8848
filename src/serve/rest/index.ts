/** The REST interface of data products: lookups, listings, live changes, OpenAPI, health and metrics. */
export { ApiError, type ErrorBody } from "./api-error.ts";
export type { RequestTotals } from "./metrics/rest-metrics.ts";
export type { EndpointRequest, ProductEndpoint, ServerStatus } from "./product-endpoint.ts";
export { productStats } from "./product-stats.ts";
export { buildRestApp, type RestAppOptions } from "./rest-app.ts";
export { type RestServer, type RestServerOptions, startRestServer } from "./rest-server.ts";
export {
  type JsonRecord,
  type RecordPolicy,
  SERVE_AS_STORED,
  type ServedColumn,
  ServedProduct,
  type ServedProductOptions,
} from "./served-product.ts";
export type { ChangeStreamOptions } from "./sse/change-stream.ts";
export { type JsonEncoder, jsonEncoderFor } from "./values/json-value.ts";
