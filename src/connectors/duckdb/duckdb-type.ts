import {
  BIGINT,
  BLOB,
  BOOLEAN,
  DATE,
  DECIMAL,
  DOUBLE,
  type DuckDBType,
  FLOAT,
  INTEGER,
  INTERVAL,
  LIST,
  MAP,
  SMALLINT,
  STRUCT,
  TIME,
  TIMESTAMP,
  TIMESTAMPTZ,
  TINYINT,
  VARCHAR,
} from "@duckdb/node-api";
import type { DataType } from "../../sql/types/data-type.ts";

/**
 * The DuckDB type that holds a Flink type's values without loss: DECIMAL(p, s) stays DECIMAL(p, s)
 * (both top out at precision 38), TIMESTAMP(p) becomes TIMESTAMP and TIMESTAMP_LTZ(p) TIMESTAMPTZ
 * (the engine keeps milliseconds, DuckDB microseconds), ARRAY/MAP/ROW become LIST/MAP/STRUCT, and a
 * MULTISET a MAP from element to count. RAW values have no DuckDB counterpart; they are kept as
 * their printed text.
 */
export function duckDbTypeOf(type: DataType): DuckDBType {
  switch (type.kind) {
    case "BOOLEAN":
      return BOOLEAN;
    case "TINYINT":
      return TINYINT;
    case "SMALLINT":
      return SMALLINT;
    case "INT":
      return INTEGER;
    case "BIGINT":
      return BIGINT;
    case "FLOAT":
      return FLOAT;
    case "DOUBLE":
      return DOUBLE;
    case "DECIMAL":
      return DECIMAL(type.precision, type.scale);
    case "CHAR":
    case "VARCHAR":
    case "NULL":
    case "RAW":
      return VARCHAR;
    case "BINARY":
    case "VARBINARY":
      return BLOB;
    case "DATE":
      return DATE;
    case "TIME":
      return TIME;
    case "TIMESTAMP":
      return TIMESTAMP;
    case "TIMESTAMP_LTZ":
    case "TIMESTAMP_TZ":
      return TIMESTAMPTZ;
    case "INTERVAL_YM":
    case "INTERVAL_DT":
      return INTERVAL;
    case "ARRAY":
      return LIST(duckDbTypeOf(type.element));
    case "MULTISET":
      return MAP(duckDbTypeOf(type.element), INTEGER);
    case "MAP":
      return MAP(duckDbTypeOf(type.key), duckDbTypeOf(type.value));
    case "ROW":
      return STRUCT(Object.fromEntries(type.fields.map((f) => [f.name, duckDbTypeOf(f.type)])));
    default:
      return type satisfies never;
  }
}
