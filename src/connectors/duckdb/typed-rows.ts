import {
  type DuckDBAppender,
  DuckDBDateValue,
  DuckDBDecimalValue,
  DuckDBTimestampValue,
  DuckDBTimeValue,
  type DuckDBValue,
} from "@duckdb/node-api";
import type { Row, SqlValue } from "../../common/value.ts";
import type { DataType } from "../../sql/types/data-type.ts";

/**
 * Flink-typed rows (the SqlValue convention of common/value.ts) in and out of DuckDB, which serves
 * as the batch oracle and the engine for SQL over snapshots. Scalar types only: DuckDB has nested
 * types too, but nothing reads them through here yet.
 */
export function duckdbType(type: DataType): string {
  switch (type.kind) {
    case "CHAR":
    case "VARCHAR":
      return "VARCHAR";
    case "BINARY":
    case "VARBINARY":
      return "BLOB";
    case "BOOLEAN":
      return "BOOLEAN";
    case "TINYINT":
      return "TINYINT";
    case "SMALLINT":
      return "SMALLINT";
    case "INT":
      return "INTEGER";
    case "BIGINT":
      return "BIGINT";
    case "FLOAT":
      return "REAL";
    case "DOUBLE":
      return "DOUBLE";
    case "DECIMAL":
      return `DECIMAL(${type.precision}, ${type.scale})`;
    case "DATE":
      return "DATE";
    case "TIME":
      return "TIME";
    // Both are epoch milliseconds here; a TIMESTAMP holds the UTC wall clock of that instant.
    case "TIMESTAMP":
    case "TIMESTAMP_LTZ":
      return "TIMESTAMP";
    default:
      throw new Error(`type ${type.kind} has no DuckDB mapping here yet`);
  }
}

/** Appends `rows` (values in `types` order) and ends each row. */
export function appendRows(appender: DuckDBAppender, types: readonly DataType[], rows: Iterable<Row>): void {
  for (const row of rows) {
    for (let i = 0; i < types.length; i++) appendValue(appender, types[i]!, row[i] ?? null);
    appender.endRow();
  }
}

function appendValue(appender: DuckDBAppender, type: DataType, value: SqlValue): void {
  if (value === null) {
    appender.appendNull();
    return;
  }
  switch (type.kind) {
    case "CHAR":
    case "VARCHAR":
      appender.appendVarchar(value as string);
      return;
    case "BINARY":
    case "VARBINARY":
      appender.appendBlob(value as Uint8Array);
      return;
    case "BOOLEAN":
      appender.appendBoolean(value as boolean);
      return;
    case "TINYINT":
      appender.appendTinyInt(value as number);
      return;
    case "SMALLINT":
      appender.appendSmallInt(value as number);
      return;
    case "INT":
      appender.appendInteger(value as number);
      return;
    case "BIGINT":
      appender.appendBigInt(BigInt(value as number));
      return;
    case "FLOAT":
      appender.appendFloat(value as number);
      return;
    case "DOUBLE":
      appender.appendDouble(value as number);
      return;
    case "DECIMAL":
      appender.appendDecimal(new DuckDBDecimalValue(value as bigint, type.precision, type.scale));
      return;
    case "DATE":
      appender.appendDate(new DuckDBDateValue(value as number));
      return;
    case "TIME":
      appender.appendTime(new DuckDBTimeValue(BigInt(value as number) * 1000n));
      return;
    case "TIMESTAMP":
    case "TIMESTAMP_LTZ":
      appender.appendTimestamp(new DuckDBTimestampValue(BigInt(value as number) * 1000n));
      return;
    default:
      throw new Error(`type ${type.kind} has no DuckDB mapping here yet`);
  }
}

/** A value DuckDB returned, as the SqlValue of Flink type `type` (DECIMALs rescaled to its scale). */
export function fromDuckDB(value: DuckDBValue, type: DataType): SqlValue {
  if (value === null) return null;
  switch (type.kind) {
    case "DECIMAL":
      return toScaled(value, type.scale);
    case "TINYINT":
    case "SMALLINT":
    case "INT":
    case "BIGINT":
      return typeof value === "bigint" ? Number(value) : Number(value as number);
    case "FLOAT":
    case "DOUBLE":
      return value instanceof DuckDBDecimalValue ? Number(value.toDouble()) : Number(value as number);
    case "DATE":
      return (value as DuckDBDateValue).days;
    case "TIME":
      return Number((value as DuckDBTimeValue).micros / 1000n);
    case "TIMESTAMP":
    case "TIMESTAMP_LTZ":
      return Number((value as DuckDBTimestampValue).micros / 1000n);
    default:
      return value as SqlValue;
  }
}

function toScaled(value: DuckDBValue, scale: number): bigint {
  if (value instanceof DuckDBDecimalValue) {
    const shift = scale - value.scale;
    if (shift >= 0) return value.value * 10n ** BigInt(shift);
    // Round half away from zero, as a CAST to fewer decimals does in Flink.
    const divisor = 10n ** BigInt(-shift);
    const half = divisor / 2n;
    return value.value >= 0n ? (value.value + half) / divisor : (value.value - half) / divisor;
  }
  if (typeof value === "bigint") return value * 10n ** BigInt(scale);
  if (typeof value === "number") return BigInt(Math.round(value * 10 ** scale));
  throw new Error(`cannot read ${String(value)} as a DECIMAL`);
}
