/** The Nexmark benchmark's event generator, backing `'connector' = 'nexmark'` and the benchmarks. */
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
