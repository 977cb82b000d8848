import { type DuckDBType, DuckDBTypeId } from "@duckdb/node-api";

/** A PostgreSQL type as a RowDescription or ParameterDescription names it. */
export interface PgType {
  readonly oid: number;
  readonly name: string;
  /** pg_type.typlen: the fixed size in bytes, or -1 for variable-length types. */
  readonly size: number;
  /** atttypmod: numeric precision and scale; -1 when the type has none. */
  readonly modifier: number;
}

const scalar = (oid: number, name: string, size: number): PgType => ({ oid, name, size, modifier: -1 });

export const PG = {
  bool: scalar(16, "bool", 1),
  bytea: scalar(17, "bytea", -1),
  int8: scalar(20, "int8", 8),
  int2: scalar(21, "int2", 2),
  int4: scalar(23, "int4", 4),
  text: scalar(25, "text", -1),
  oid: scalar(26, "oid", 4),
  json: scalar(114, "json", -1),
  float4: scalar(700, "float4", 4),
  float8: scalar(701, "float8", 8),
  varchar: scalar(1043, "varchar", -1),
  date: scalar(1082, "date", 4),
  time: scalar(1083, "time", 8),
  timestamp: scalar(1114, "timestamp", 8),
  timestamptz: scalar(1184, "timestamptz", 8),
  interval: scalar(1186, "interval", 16),
  timetz: scalar(1266, "timetz", 12),
  numeric: scalar(1700, "numeric", -1),
  uuid: scalar(2950, "uuid", 16),
} as const;

/** The array type of each element type that has one (pg_type.typarray). */
export const ARRAY_OF: Readonly<Record<number, number>> = {
  16: 1000,
  17: 1001,
  20: 1016,
  21: 1005,
  23: 1007,
  25: 1009,
  26: 1028,
  114: 199,
  700: 1021,
  701: 1022,
  1043: 1015,
  1082: 1182,
  1083: 1183,
  1114: 1115,
  1184: 1185,
  1186: 1187,
  1266: 1270,
  1700: 1231,
  2950: 2951,
};

/** The element type of each array type, for parameters a client declares as arrays. */
export const ELEMENT_OF: Readonly<Record<number, number>> = Object.fromEntries(
  Object.entries(ARRAY_OF).map(([element, array]) => [array, Number(element)]),
);

/**
 * How a DuckDB result column appears to a PostgreSQL client. Unsigned and 128-bit integers widen to
 * the next PostgreSQL integer or to numeric; LIST and ARRAY become PostgreSQL arrays; STRUCT, MAP,
 * UNION and VARIANT, which PostgreSQL has no type for, are sent as json; anything else as text.
 */
export function pgTypeOf(type: DuckDBType): PgType {
  switch (type.typeId) {
    case DuckDBTypeId.BOOLEAN:
      return PG.bool;
    case DuckDBTypeId.TINYINT:
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.UTINYINT:
      return PG.int2;
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.USMALLINT:
      return PG.int4;
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UINTEGER:
      return PG.int8;
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
    case DuckDBTypeId.BIGNUM:
      return PG.numeric;
    case DuckDBTypeId.DECIMAL:
      // atttypmod of numeric(p, s) is ((p << 16) | s) + 4, VARHDRSZ included.
      return { ...PG.numeric, modifier: ((type.width << 16) | type.scale) + 4 };
    case DuckDBTypeId.FLOAT:
      return PG.float4;
    case DuckDBTypeId.DOUBLE:
      return PG.float8;
    case DuckDBTypeId.VARCHAR:
      return type.alias === "JSON" ? PG.json : PG.text;
    case DuckDBTypeId.BLOB:
      return PG.bytea;
    case DuckDBTypeId.DATE:
      return PG.date;
    case DuckDBTypeId.TIME:
    case DuckDBTypeId.TIME_NS:
      return PG.time;
    case DuckDBTypeId.TIME_TZ:
      return PG.timetz;
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_S:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_NS:
      return PG.timestamp;
    case DuckDBTypeId.TIMESTAMP_TZ:
      return PG.timestamptz;
    case DuckDBTypeId.INTERVAL:
      return PG.interval;
    case DuckDBTypeId.UUID:
      return PG.uuid;
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY: {
      const element = pgTypeOf(type.valueType);
      const oid = ARRAY_OF[element.oid] ?? ARRAY_OF[PG.text.oid]!;
      return { oid, name: `_${element.name}`, size: -1, modifier: -1 };
    }
    case DuckDBTypeId.STRUCT:
    case DuckDBTypeId.MAP:
    case DuckDBTypeId.UNION:
    case DuckDBTypeId.VARIANT:
      return PG.json;
    default:
      return PG.text;
  }
}
