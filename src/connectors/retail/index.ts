/**
 * Retail data generator behind `customer.analytics.C360`: the seed's 14 data sets (customer, sales,
 * products, logistics domains), deterministic from a seed, scalable to millions of customers, with
 * counted dirt, an event-time-ordered lazy stream, a continuous mode and CSV / JSON-lines writers.
 */
export { type Clock, ManualClock, systemClock } from "./clock.ts";
export { type ContinuousOptions, continuousRetailEvents } from "./continuous.ts";
export { csvHeader, csvLine } from "./csv.ts";
export { MALFORMED_KINDS, type Malformation, type MalformedKind, type RetailEvent } from "./events.ts";
export { generateRetail, RetailGeneration } from "./history.ts";
export { jsonLine } from "./jsonl.ts";
export {
  DEFAULT_AS_OF,
  DEFAULT_DIRT,
  NO_DIRT,
  planRetail,
  type RetailDirtOptions,
  type RetailOptions,
  type RetailPlan,
  type RetailRatios,
  SEED_RATIOS,
} from "./plan.ts";
export { malformedCount, type PerDataSet, type RetailCursor, type RetailReport } from "./report.ts";
export {
  type ColumnKind,
  columnIndex,
  RETAIL_DATA_SET_NAMES,
  RETAIL_SCHEMAS,
  type RetailColumn,
  type RetailDataSetName,
  type RetailDomain,
  type RetailSchema,
  retailSchema,
  retailTableSql,
} from "./schemas.ts";
export { type RetailFile, type RetailFileFormat, writeRetailFiles } from "./write.ts";
