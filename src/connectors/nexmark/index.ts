/**
 * The Nexmark benchmark's event generator, backing `'connector' = 'nexmark'` and the benchmarks.
 *
 * Written from the Nexmark specification with Flink's nexmark connector as the reference: same
 * options and defaults, event types, ids, foreign keys, timestamps, value distributions, string
 * shapes and quirks (bidder ids + 2000, negative channel id for channel-1, `extra` characters).
 * Where we differ from Flink, on purpose:
 *  - every field is reproducible: per-event seeding from (`seed`, event id), and a fixed `base-time`
 *    (default 2015-07-15T00:00:00Z) instead of the wall clock at plan time;
 *  - the stream does not depend on parallelism: split i of p reads indexes i, i + p, … of the one
 *    stream (Flink gives each split its own ids and timeline);
 *  - random values differ from any Flink run (Flink's are unseeded), so comparisons against Flink load
 *    the same events from files (dump.ts) rather than regenerating them there.
 * Pacing for `max-emit-speed` = false (emit event N at start + timestamp(N) − base-time) belongs to
 * the source that reads a split; the generator only computes the rows.
 */
export {
  type CsvFiles,
  type EventRange,
  eventToJson,
  formatTimestamp,
  writeNexmarkCsv,
  writeNexmarkJsonLines,
} from "./dump.ts";
export { NexmarkGenerator } from "./generator.ts";
export { AUCTION, BID, FIRST_AUCTION_ID, FIRST_PERSON_ID, PERSON } from "./layout.ts";
export {
  DEFAULT_BASE_TIME,
  DEFAULT_NEXMARK_OPTIONS,
  NEXMARK_OPTION_KEYS,
  NexmarkOptionError,
  type NexmarkOptions,
  parseNexmarkOptions,
} from "./options.ts";
export {
  AUCTION_FIELDS,
  BID_FIELDS,
  NEXMARK_COLUMNS,
  NEXMARK_TABLE_SQL,
  NEXMARK_VIEWS_SQL,
  NEXMARK_WATERMARK,
  type NexmarkColumn,
  type NexmarkField,
  nexmarkTableSql,
  nexmarkViewsSql,
  PERSON_FIELDS,
} from "./schema.ts";
export { NexmarkSplit } from "./split.ts";
