import {
  type DuckDBAppender,
  DuckDBDataChunk,
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
 * Rows per data chunk appended: DuckDB's vector size. A chunk per 2,048 rows instead of a native
 * value per cell keeps the appender's memory flat (cells left native garbage that V8, unaware of its
 * size, collected late: about 1.7 KB per row of a wide table) and appends 2–3× faster.
 */
const CHUNK_ROWS = 2048;

/**
 * Flink-typed rows (the SqlValue convention of common/value.ts) into DuckDB through an appender, and
 * DuckDB's answers back as SqlValues: how DuckDB serves as a batch oracle.
 */
export function appendRows(appender: DuckDBAppender, types: readonly DataType[], rows: Iterable<Row>): void {
  const duckTypes = types.map((type) => duckDbTypeOf(type));
  const converters = types.map((type) => toDuckDbValue(type));
  let chunk: Row[] = [];
  const flush = () => {
    const data = DuckDBDataChunk.create(duckTypes, chunk.length);
    for (let c = 0; c < converters.length; c++) {
      const convert = converters[c]!;
      data.setColumnValues(
        c,
        chunk.map((row) => convert(row[c] ?? null)),
      );
    }
    appender.appendDataChunk(data);
    chunk = [];
  };
  for (const row of rows) {
    chunk.push(row);
    if (chunk.length === CHUNK_ROWS) flush();
  }
  if (chunk.length > 0) flush();
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
