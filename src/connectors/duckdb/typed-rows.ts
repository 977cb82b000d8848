import {
  type DuckDBAppender,
  type DuckDBDateValue,
  DuckDBDecimalValue,
  type DuckDBTimestampValue,
  type DuckDBTimeValue,
  type DuckDBValue,
} from "@duckdb/node-api";
import type { Row, SqlValue } from "../../common/value.ts";
import type { DataType } from "../../sql/types/data-type.ts";
import { duckDbTypeOf } from "./duckdb-type.ts";
import { toDuckDbValue } from "./duckdb-value.ts";

/**
 * Flink-typed rows (the SqlValue convention of common/value.ts) into DuckDB through an appender, and
 * DuckDB's answers back as SqlValues: how DuckDB serves as a batch oracle.
 */
export function appendRows(appender: DuckDBAppender, types: readonly DataType[], rows: Iterable<Row>): void {
  const columns = types.map((type) => ({ type: duckDbTypeOf(type), convert: toDuckDbValue(type) }));
  for (const row of rows) {
    for (let i = 0; i < columns.length; i++) {
      const column = columns[i]!;
      appender.appendValue(column.convert(row[i] ?? null), column.type);
    }
    appender.endRow();
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
      // TIMESTAMP and TIMESTAMPTZ values both count microseconds since the epoch.
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
