/**
 * The nexmark table's schema as data, and the standard DDL and views built from it.
 *
 * Types are Flink type strings as the Nexmark DDL writes them. An unsized `VARCHAR` in Flink DDL
 * means `STRING` (maximum length), not `VARCHAR(1)`.
 */

export interface NexmarkField {
  readonly name: string;
  readonly type: string;
}

export interface NexmarkColumn extends NexmarkField {
  /** For ROW columns: the nested fields, in position order (the runtime value is a positional array). */
  readonly fields?: readonly NexmarkField[];
  /** For the computed column: its SQL expression. */
  readonly computed?: string;
}

export const PERSON_FIELDS: readonly NexmarkField[] = [
  { name: "id", type: "BIGINT" },
  { name: "name", type: "VARCHAR" },
  { name: "emailAddress", type: "VARCHAR" },
  { name: "creditCard", type: "VARCHAR" },
  { name: "city", type: "VARCHAR" },
  { name: "state", type: "VARCHAR" },
  { name: "dateTime", type: "TIMESTAMP(3)" },
  { name: "extra", type: "VARCHAR" },
];

export const AUCTION_FIELDS: readonly NexmarkField[] = [
  { name: "id", type: "BIGINT" },
  { name: "itemName", type: "VARCHAR" },
  { name: "description", type: "VARCHAR" },
  { name: "initialBid", type: "BIGINT" },
  { name: "reserve", type: "BIGINT" },
  { name: "dateTime", type: "TIMESTAMP(3)" },
  { name: "expires", type: "TIMESTAMP(3)" },
  { name: "seller", type: "BIGINT" },
  { name: "category", type: "BIGINT" },
  { name: "extra", type: "VARCHAR" },
];

export const BID_FIELDS: readonly NexmarkField[] = [
  { name: "auction", type: "BIGINT" },
  { name: "bidder", type: "BIGINT" },
  { name: "price", type: "BIGINT" },
  { name: "channel", type: "VARCHAR" },
  { name: "url", type: "VARCHAR" },
  { name: "dateTime", type: "TIMESTAMP(3)" },
  { name: "extra", type: "VARCHAR" },
];

/** Keywords-as-names (`dateTime`) need backticks in Flink SQL; quoting every field is simplest. */
const quote = (name: string): string => `\`${name}\``;

const rowType = (fields: readonly NexmarkField[]): string =>
  `ROW<${fields.map((f) => `${quote(f.name)} ${f.type}`).join(", ")}>`;

const EVENT_TIME_EXPRESSION =
  "CASE WHEN event_type = 0 THEN person.`dateTime` WHEN event_type = 1 THEN auction.`dateTime` ELSE bid.`dateTime` END";

/** The table's columns in row order: a generated row is `[event_type, person, auction, bid, dateTime]`. */
export const NEXMARK_COLUMNS: readonly NexmarkColumn[] = [
  { name: "event_type", type: "INT" },
  { name: "person", type: rowType(PERSON_FIELDS), fields: PERSON_FIELDS },
  { name: "auction", type: rowType(AUCTION_FIELDS), fields: AUCTION_FIELDS },
  { name: "bid", type: rowType(BID_FIELDS), fields: BID_FIELDS },
  { name: "dateTime", type: "TIMESTAMP(3)", computed: EVENT_TIME_EXPRESSION },
];

/** Events are 4 s out of order at most, per the Nexmark DDL's watermark. */
export const NEXMARK_WATERMARK = "`dateTime` - INTERVAL '4' SECOND";

/** `CREATE TABLE <name> (…) WITH ('connector' = 'nexmark', …)`; options are written in the given order. */
export function nexmarkTableSql(
  withOptions: Readonly<Record<string, string>> = {},
  tableName = "nexmark",
): string {
  const columns = NEXMARK_COLUMNS.map((c) =>
    c.computed === undefined ? `  ${quote(c.name)} ${c.type}` : `  ${quote(c.name)} AS ${c.computed}`,
  );
  const options = Object.entries({ connector: "nexmark", ...withOptions }).map(
    ([key, value]) => `  '${key}' = '${value.replaceAll("'", "''")}'`,
  );
  return [
    `CREATE TABLE ${tableName} (`,
    `${columns.join(",\n")},`,
    `  WATERMARK FOR \`dateTime\` AS ${NEXMARK_WATERMARK}`,
    ") WITH (",
    options.join(",\n"),
    ");",
  ].join("\n");
}

/**
 * Views person, auction and bid over the nexmark table. Each view's `dateTime` is the table's
 * computed event time (the rowtime attribute), not the nested field, so windows work on the views.
 */
export function nexmarkViewsSql(tableName = "nexmark"): string {
  const view = (name: string, eventType: number, fields: readonly NexmarkField[]): string => {
    const select = fields.map((f) => (f.name === "dateTime" ? "  `dateTime`" : `  ${name}.${quote(f.name)}`));
    return `CREATE VIEW ${name} AS\nSELECT\n${select.join(",\n")}\nFROM ${tableName} WHERE event_type = ${eventType};`;
  };
  return [
    view("person", 0, PERSON_FIELDS),
    view("auction", 1, AUCTION_FIELDS),
    view("bid", 2, BID_FIELDS),
  ].join("\n\n");
}

/** The standard table with default options (unbounded, 10,000 events/s of event time). */
export const NEXMARK_TABLE_SQL = nexmarkTableSql();
export const NEXMARK_VIEWS_SQL = nexmarkViewsSql();
