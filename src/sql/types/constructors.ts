import { mapArray } from "../map-array.ts";
import {
  type DataType,
  type DayTimeResolution,
  MAX_LENGTH,
  type RowField,
  type YearMonthResolution,
} from "./data-type.ts";

const SIMPLE_KINDS = [
  "BOOLEAN",
  "TINYINT",
  "SMALLINT",
  "INT",
  "BIGINT",
  "FLOAT",
  "DOUBLE",
  "DATE",
  "NULL",
] as const;
type SimpleKind = (typeof SIMPLE_KINDS)[number];

/**
 * One instance per parameterless type and nullability (one INT NOT NULL), shared by every expression
 * of that type: the binder types every node, and types are immutable values compared structurally.
 */
const SIMPLE_TYPES: ReadonlyMap<string, readonly [DataType, DataType]> = new Map(
  mapArray(
    SIMPLE_KINDS,
    (kind) =>
      [
        kind,
        [
          { kind, nullable: false },
          { kind, nullable: true },
        ],
      ] as const,
  ),
);

/** The shared instance of a parameterless type. */
export function simpleType(kind: SimpleKind, nullable: boolean): DataType {
  return SIMPLE_TYPES.get(kind)![nullable ? 1 : 0];
}

/**
 * Short constructors for Flink's logical types. Like Flink's `DataTypes`, every type is nullable unless
 * `nullable = false` is passed; default precisions are Flink's (TIMESTAMP(6), TIME(0), DECIMAL(10, 0)).
 */
export const t = {
  boolean: (nullable = true): DataType => simpleType("BOOLEAN", nullable),
  tinyint: (nullable = true): DataType => simpleType("TINYINT", nullable),
  smallint: (nullable = true): DataType => simpleType("SMALLINT", nullable),
  int: (nullable = true): DataType => simpleType("INT", nullable),
  bigint: (nullable = true): DataType => simpleType("BIGINT", nullable),
  float: (nullable = true): DataType => simpleType("FLOAT", nullable),
  double: (nullable = true): DataType => simpleType("DOUBLE", nullable),
  date: (nullable = true): DataType => simpleType("DATE", nullable),
  /** The type of an untyped NULL literal; always nullable. */
  null: (): DataType => ({ kind: "NULL", nullable: true }),
  decimal: (precision = 10, scale = 0, nullable = true): DataType => ({
    kind: "DECIMAL",
    precision,
    scale,
    nullable,
  }),
  char: (length = 1, nullable = true): DataType => ({ kind: "CHAR", length, nullable }),
  varchar: (length = 1, nullable = true): DataType => ({ kind: "VARCHAR", length, nullable }),
  string: (nullable = true): DataType => ({ kind: "VARCHAR", length: MAX_LENGTH, nullable }),
  binary: (length = 1, nullable = true): DataType => ({ kind: "BINARY", length, nullable }),
  varbinary: (length = 1, nullable = true): DataType => ({ kind: "VARBINARY", length, nullable }),
  bytes: (nullable = true): DataType => ({ kind: "VARBINARY", length: MAX_LENGTH, nullable }),
  time: (precision = 0, nullable = true): DataType => ({ kind: "TIME", precision, nullable }),
  timestamp: (precision = 6, nullable = true): DataType => ({ kind: "TIMESTAMP", precision, nullable }),
  timestampLtz: (precision = 6, nullable = true): DataType => ({
    kind: "TIMESTAMP_LTZ",
    precision,
    nullable,
  }),
  timestampTz: (precision = 6, nullable = true): DataType => ({ kind: "TIMESTAMP_TZ", precision, nullable }),
  intervalYearMonth: (
    resolution: YearMonthResolution = "MONTH",
    precision = 2,
    nullable = true,
  ): DataType => ({
    kind: "INTERVAL_YM",
    resolution,
    precision,
    nullable,
  }),
  intervalDayTime: (
    resolution: DayTimeResolution = "SECOND",
    dayPrecision = 2,
    fractionalPrecision = 3,
    nullable = true,
  ): DataType => ({ kind: "INTERVAL_DT", resolution, dayPrecision, fractionalPrecision, nullable }),
  array: (element: DataType, nullable = true): DataType => ({ kind: "ARRAY", element, nullable }),
  multiset: (element: DataType, nullable = true): DataType => ({ kind: "MULTISET", element, nullable }),
  map: (key: DataType, value: DataType, nullable = true): DataType => ({ kind: "MAP", key, value, nullable }),
  /** `t.row([["id", t.int()], ["name", t.string()]])`. */
  row: (
    fields: readonly (readonly [string, DataType])[] | readonly RowField[],
    nullable = true,
  ): DataType => ({
    kind: "ROW",
    fields: mapArray<readonly [string, DataType] | RowField, RowField>(
      fields,
      (f): RowField => (Array.isArray(f) ? { name: f[0], type: f[1] } : (f as RowField)),
    ),
    nullable,
  }),
  raw: (className: string, snapshot: string, nullable = true): DataType => ({
    kind: "RAW",
    className,
    snapshot,
    nullable,
  }),
};

/**
 * The same type with the given nullability (nested types keep theirs, as Flink's `copy(nullable)`).
 * One literal per kind, in the field order the parser and {@link t} use, rather than a spread: a
 * spread's copy site that sees every kind of type is one V8 handles in its slow runtime path.
 */
export function withNullability(type: DataType, nullable: boolean): DataType {
  if (type.nullable === nullable) return type;
  switch (type.kind) {
    case "CHAR":
    case "VARCHAR":
    case "BINARY":
    case "VARBINARY":
      return { kind: type.kind, length: type.length, nullable };
    case "DECIMAL":
      return { kind: "DECIMAL", precision: type.precision, scale: type.scale, nullable };
    case "TIME":
    case "TIMESTAMP":
    case "TIMESTAMP_LTZ":
    case "TIMESTAMP_TZ":
      return { kind: type.kind, precision: type.precision, nullable };
    case "INTERVAL_YM":
      return { kind: "INTERVAL_YM", resolution: type.resolution, precision: type.precision, nullable };
    case "INTERVAL_DT":
      return {
        kind: "INTERVAL_DT",
        resolution: type.resolution,
        dayPrecision: type.dayPrecision,
        fractionalPrecision: type.fractionalPrecision,
        nullable,
      };
    case "ARRAY":
    case "MULTISET":
      return { kind: type.kind, element: type.element, nullable };
    case "MAP":
      return { kind: "MAP", key: type.key, value: type.value, nullable };
    case "ROW":
      return { kind: "ROW", fields: type.fields, nullable };
    case "RAW":
      return { kind: "RAW", className: type.className, snapshot: type.snapshot, nullable };
    default:
      return simpleType(type.kind, nullable);
  }
}

/** Nullable if any of the inputs is: the rule of most operators and functions. */
export function anyNullable(types: readonly DataType[]): boolean {
  return types.some((type) => type.nullable);
}
