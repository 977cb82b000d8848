import type { IntervalQualifier } from "../ast/expression.ts";
import { mapArray } from "../map-array.ts";
import { type DataType, type DayTimeResolution, MAX_LENGTH, type RowField } from "../types/data-type.ts";
import { parseStringValue } from "./expression.ts";
import type { Parser } from "./parser.ts";
import { parseIntervalQualifier, parseSmallInteger } from "./time-unit.ts";

/**
 * A Flink data type with its nullability: `INT NOT NULL`, `DECIMAL(10, 2)`, `ARRAY<STRING>`,
 * `STRING ARRAY`, `ROW<a INT 'comment', b STRING>`, `TIMESTAMP(3) WITH LOCAL TIME ZONE`, ...
 * Synonyms are normalised: STRING = VARCHAR(2147483647), INTEGER = INT, DEC/NUMERIC = DECIMAL, ...
 */
export function parseDataType(p: Parser): DataType {
  p.enter();
  let type = withNullability(p, parseBaseType(p));
  for (;;) {
    if (p.acceptWord("ARRAY")) type = withNullability(p, { kind: "ARRAY", element: type, nullable: true });
    else if (p.acceptWord("MULTISET"))
      type = withNullability(p, { kind: "MULTISET", element: type, nullable: true });
    else break;
  }
  p.leave();
  return type;
}

/** A trailing `NOT NULL` or `NULL`. */
function withNullability(p: Parser, type: DataType): DataType {
  if (p.isWord("NOT") && p.isWord("NULL", 1)) {
    p.skip(2);
    return { ...type, nullable: false };
  }
  p.acceptWord("NULL");
  return type;
}

/** The nullable forms of the types without parameters, shared: types are values, compared structurally. */
const SIMPLE_TYPES = new Map<string, DataType>(
  mapArray(
    ["BOOLEAN", "TINYINT", "SMALLINT", "INT", "BIGINT", "FLOAT", "DOUBLE", "DATE", "NULL"] as const,
    (kind) => [kind, Object.freeze({ kind, nullable: true })],
  ),
);
const STRING = Object.freeze<DataType>({ kind: "VARCHAR", length: MAX_LENGTH, nullable: true });

function parseBaseType(p: Parser): DataType {
  const token = p.token;
  if (token.kind !== "word") return p.fail("a data type");
  p.advance();
  const nullable = true;
  switch (token.value) {
    // Without a length, CHAR and BINARY hold one character/byte (Calcite's default), while VARCHAR and
    // VARBINARY hold the maximum: Flink's SQL type system makes a bare VARCHAR a STRING.
    case "CHAR":
    case "CHARACTER":
      if (p.acceptWord("VARYING"))
        return { kind: "VARCHAR", length: optionalLength(p, MAX_LENGTH), nullable };
      return { kind: "CHAR", length: optionalLength(p, 1), nullable };
    case "VARCHAR":
      return { kind: "VARCHAR", length: optionalLength(p, MAX_LENGTH), nullable };
    case "STRING":
      return STRING;
    case "BINARY":
      if (p.acceptWord("VARYING"))
        return { kind: "VARBINARY", length: optionalLength(p, MAX_LENGTH), nullable };
      return { kind: "BINARY", length: optionalLength(p, 1), nullable };
    case "VARBINARY":
      return { kind: "VARBINARY", length: optionalLength(p, MAX_LENGTH), nullable };
    case "BYTES":
      return { kind: "VARBINARY", length: MAX_LENGTH, nullable };
    case "BOOLEAN":
    case "TINYINT":
    case "SMALLINT":
    case "INT":
    case "BIGINT":
    case "DATE":
    case "NULL":
      return SIMPLE_TYPES.get(token.value)!;
    case "INTEGER":
      return SIMPLE_TYPES.get("INT")!;
    case "FLOAT":
    case "REAL":
      return SIMPLE_TYPES.get("FLOAT")!;
    case "DOUBLE":
      p.acceptWord("PRECISION");
      return SIMPLE_TYPES.get("DOUBLE")!;
    case "DECIMAL":
    case "DEC":
    case "NUMERIC":
      return parseDecimal(p);
    case "TIME": {
      const precision = optionalLength(p, 0);
      p.acceptWords("WITHOUT", "TIME", "ZONE");
      return { kind: "TIME", precision, nullable };
    }
    case "TIMESTAMP": {
      const precision = optionalLength(p, 6);
      if (p.acceptWords("WITH", "LOCAL", "TIME", "ZONE"))
        return { kind: "TIMESTAMP_LTZ", precision, nullable };
      if (p.acceptWords("WITH", "TIME", "ZONE")) return { kind: "TIMESTAMP_TZ", precision, nullable };
      p.acceptWords("WITHOUT", "TIME", "ZONE");
      return { kind: "TIMESTAMP", precision, nullable };
    }
    case "TIMESTAMP_LTZ":
      return { kind: "TIMESTAMP_LTZ", precision: optionalLength(p, 6), nullable };
    case "INTERVAL":
      return intervalType(p, parseIntervalQualifier(p));
    case "ARRAY":
    case "MULTISET": {
      p.expectOp("<");
      const element = parseDataType(p);
      p.expectOp(">");
      return { kind: token.value, element, nullable };
    }
    case "MAP": {
      p.expectOp("<");
      const key = parseDataType(p);
      p.expectOp(",");
      const value = parseDataType(p);
      p.expectOp(">");
      return { kind: "MAP", key, value, nullable };
    }
    case "ROW":
      return { kind: "ROW", fields: parseRowFields(p), nullable };
    case "RAW": {
      p.expectOp("(");
      const className = parseStringValue(p);
      p.expectOp(",");
      const snapshot = parseStringValue(p);
      p.expectOp(")");
      return { kind: "RAW", className, snapshot, nullable };
    }
    default:
      return p.fail("a data type", token);
  }
}

function optionalLength(p: Parser, defaultValue: number): number {
  if (!p.acceptOp("(")) return defaultValue;
  const value = parseSmallInteger(p);
  p.expectOp(")");
  return value;
}

function parseDecimal(p: Parser): DataType {
  let precision = 10;
  let scale = 0;
  if (p.acceptOp("(")) {
    precision = parseSmallInteger(p);
    if (p.acceptOp(",")) scale = parseSmallInteger(p);
    p.expectOp(")");
  }
  return { kind: "DECIMAL", precision, scale, nullable: true };
}

/** `ROW<name type ['comment'], ...>` or `ROW(name type ['comment'], ...)`; either may be empty. */
function parseRowFields(p: Parser): RowField[] {
  const angle = p.isOp("<");
  const close = angle ? ">" : ")";
  if (!p.acceptOp("<")) p.expectOp("(");
  const fields: RowField[] = [];
  if (!p.isOp(close)) {
    do {
      const name = p.anyIdent("a field name").value;
      const type = parseDataType(p);
      const description = p.token.kind === "string" ? parseStringValue(p) : undefined;
      fields.push(description === undefined ? { name, type } : { name, type, description });
    } while (p.acceptOp(","));
  }
  p.expectOp(close);
  return fields;
}

const DAY_TIME_UNITS = ["DAY", "HOUR", "MINUTE", "SECOND"];

/** INTERVAL types: YEAR / YEAR TO MONTH / MONTH, or the day-time resolutions. */
function intervalType(p: Parser, q: IntervalQualifier): DataType {
  const nullable = true;
  if (q.start === "YEAR" || q.start === "MONTH") {
    if (q.start === "YEAR" && q.end === undefined)
      return { kind: "INTERVAL_YM", resolution: "YEAR", precision: q.startPrecision ?? 2, nullable };
    if (q.start === "YEAR" && q.end === "MONTH") {
      return { kind: "INTERVAL_YM", resolution: "YEAR_TO_MONTH", precision: q.startPrecision ?? 2, nullable };
    }
    if (q.start === "MONTH" && q.end === undefined)
      return { kind: "INTERVAL_YM", resolution: "MONTH", precision: q.startPrecision ?? 2, nullable };
  }
  const startIndex = DAY_TIME_UNITS.indexOf(q.start);
  const endIndex = q.end === undefined ? startIndex : DAY_TIME_UNITS.indexOf(q.end);
  if (startIndex < 0 || endIndex < startIndex || (q.end !== undefined && endIndex === startIndex)) {
    return p.invalid(
      `unsupported interval type: ${q.start}${q.end === undefined ? "" : ` TO ${q.end}`}`,
      p.tokenSpan(p.previous),
    );
  }
  const resolution = (q.end === undefined ? q.start : `${q.start}_TO_${q.end}`) as DayTimeResolution;
  const secondOnly = q.start === "SECOND" && q.end === undefined;
  return {
    kind: "INTERVAL_DT",
    resolution,
    dayPrecision: q.start === "DAY" ? (q.startPrecision ?? 2) : 2,
    fractionalPrecision: secondOnly
      ? (q.fractionalPrecision ?? q.startPrecision ?? 6)
      : (q.fractionalPrecision ?? 6),
    nullable,
  };
}
