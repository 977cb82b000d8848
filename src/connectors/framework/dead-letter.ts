import type { Row, SqlValue } from "../../common/value.ts";
import type { TableSchema } from "../../sql/catalog/table-schema.ts";
import type { Header } from "../../store/index.ts";

/** A record a source could not read, with where it came from and why. */
export interface DeadLetter {
  /** The table whose source failed to read it. */
  readonly table: TableSchema;
  readonly message: string;
  /** The field at fault, when the format knows it. */
  readonly field?: string;
  readonly topic?: string;
  readonly partition?: number;
  readonly offset?: number;
  readonly timestamp?: number;
  readonly key: Uint8Array | null;
  readonly value: Uint8Array | null;
  readonly headers: readonly Header[];
  /** Files: the file and 1-based line. */
  readonly file?: string;
  readonly line?: number;
}

/** Appends dead letters to the dead-letter table. */
export interface DeadLetterWriter {
  write(letter: DeadLetter): void;
}

/** Confluent Cloud's default `'error-handling.log.target'`. */
export const DEFAULT_DEAD_LETTER_TABLE = "error_log";

/**
 * The dead-letter table's columns, modelled on Confluent Cloud's DLQ table: when and why, which
 * table, and the raw source record (topic, partition, offset, timestamp, headers, key and value bytes).
 */
const COLUMNS = `
  error_timestamp TIMESTAMP_LTZ(3),
  error_code INT,
  error_reason STRING,
  error_message STRING,
  error_details MAP<STRING, STRING>,
  processor STRING,
  affected_type STRING,
  affected_catalog STRING,
  affected_database STRING,
  affected_name STRING,
  source_record ROW<topic STRING, \`partition\` INT, \`offset\` BIGINT, \`timestamp\` TIMESTAMP_LTZ(3), headers MAP<STRING, BYTES>, \`key\` BYTES, \`value\` BYTES>`;

/** `CREATE TABLE IF NOT EXISTS` for the dead-letter table at `path` (catalog, database, name). */
export function deadLetterTableSql(path: readonly string[]): string {
  const name = path.map((part) => `\`${part.replaceAll("`", "``")}\``).join(".");
  return `CREATE TABLE IF NOT EXISTS ${name} (${COLUMNS}\n) WITH ('changelog.mode' = 'append')`;
}

/** Deserialization is the one error kind sources report (Confluent's code 1). */
const DESERIALIZATION_ERROR = 1;

/** The dead-letter table's row for one letter, in the column order above. */
export function deadLetterRow(letter: DeadLetter, now: number): Row {
  const details = new Map<SqlValue, SqlValue>();
  if (letter.field !== undefined) details.set("field", letter.field);
  if (letter.file !== undefined) details.set("file", letter.file);
  if (letter.line !== undefined) details.set("line", String(letter.line));
  const headers = new Map<SqlValue, SqlValue>(letter.headers.map(([name, value]) => [name, value]));
  const [catalog, database, name] = letter.table.path;
  return [
    now,
    DESERIALIZATION_ERROR,
    "DESERIALIZATION_ERROR",
    letter.message,
    details,
    "headwater",
    "TABLE",
    catalog,
    database,
    name,
    [
      letter.topic ?? null,
      letter.partition ?? null,
      letter.offset ?? null,
      letter.timestamp ?? null,
      headers,
      letter.key,
      letter.value,
    ],
  ];
}
