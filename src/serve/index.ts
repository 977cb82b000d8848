/** Serving data products: REST (and live changes), the SQL endpoint, exports. */
export * from "./rest/index.ts";
