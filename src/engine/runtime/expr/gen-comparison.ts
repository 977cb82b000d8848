import type { DataType } from "../../../sql/types/data-type.ts";
import { MS_PER_DAY } from "../functions/calendar.ts";
import { decimalToNumber, pow10 } from "../functions/decimal.ts";
import type { CodeGen, Value } from "./codegen.ts";
import { compareBytes, compareStrings, compareValues, valuesEqual } from "./value-ops.ts";

/**
 * Comparison of two non-NULL values, as JS code. Numbers of different types meet in a common domain
 * (Flink compares INT with DECIMAL exactly, and anything with DOUBLE as doubles); DATE meets TIMESTAMP
 * at midnight; strings compare by code point; booleans FALSE < TRUE; bytes unsigned; nested values
 * element by element.
 */
export type ComparisonOp = "=" | "<>" | "<" | ">" | "<=" | ">=";

const INTEGER_KINDS = new Set(["TINYINT", "SMALLINT", "INT", "BIGINT"]);

type Domain = "number" | "decimal" | "string" | "boolean" | "bytes" | "nested";

function isApproximate(t: DataType): boolean {
  return t.kind === "FLOAT" || t.kind === "DOUBLE";
}

function domainOf(a: DataType, b: DataType): Domain {
  const kinds = [a.kind, b.kind];
  if (kinds.includes("DECIMAL")) return isApproximate(a) || isApproximate(b) ? "number" : "decimal";
  if (kinds.every((k) => k === "CHAR" || k === "VARCHAR" || k === "NULL")) return "string";
  if (kinds.includes("BOOLEAN")) return "boolean";
  if (kinds.includes("BINARY") || kinds.includes("VARBINARY")) return "bytes";
  if (kinds.some((k) => k === "ARRAY" || k === "ROW" || k === "MAP" || k === "MULTISET")) return "nested";
  return "number";
}

/** The operand's code in the comparison domain. */
function inDomain(g: CodeGen, v: Value, type: DataType, other: DataType, domain: Domain): string {
  if (domain === "decimal") {
    const scale = Math.max(scaleOf(type), scaleOf(other));
    const own = scaleOf(type);
    const base = INTEGER_KINDS.has(type.kind) ? `BigInt(${v.code})` : v.code;
    return own === scale ? base : `(${base} * ${pow10(scale - own)}n)`;
  }
  if (domain === "number") {
    if (type.kind === "DECIMAL") return `${g.bind(decimalToNumber)}(${v.code}, ${type.scale})`;
    // DATE against a TIMESTAMP: the date at midnight.
    if (type.kind === "DATE" && (other.kind === "TIMESTAMP" || other.kind === "TIMESTAMP_LTZ"))
      return `(${v.code} * ${MS_PER_DAY})`;
  }
  return v.code;
}

function scaleOf(t: DataType): number {
  return t.kind === "DECIMAL" ? t.scale : 0;
}

/** JS code of a boolean expression: `a op b` for non-NULL `a` and `b`. */
export function compareCode(
  g: CodeGen,
  op: ComparisonOp,
  a: Value,
  aType: DataType,
  b: Value,
  bType: DataType,
): string {
  const domain = domainOf(aType, bType);
  const x = inDomain(g, a, aType, bType, domain);
  const y = inDomain(g, b, bType, aType, domain);
  switch (domain) {
    case "number":
    case "decimal":
      return `${x} ${jsOp(op)} ${y}`;
    case "string":
      if (op === "=" || op === "<>") return `${x} ${jsOp(op)} ${y}`;
      return `${g.bind(compareStrings)}(${x}, ${y}) ${jsOp(op)} 0`;
    case "boolean":
      if (op === "=" || op === "<>") return `${x} ${jsOp(op)} ${y}`;
      return `(${x} ? 1 : 0) ${jsOp(op)} (${y} ? 1 : 0)`;
    case "bytes":
      return `${g.bind(compareBytes)}(${x}, ${y}) ${jsOp(op)} 0`;
    default:
      if (op === "=") return `${g.bind(valuesEqual)}(${x}, ${y})`;
      if (op === "<>") return `!${g.bind(valuesEqual)}(${x}, ${y})`;
      return `${g.bind(compareValues)}(${x}, ${y}) ${jsOp(op)} 0`;
  }
}

function jsOp(op: ComparisonOp): string {
  if (op === "=") return "===";
  if (op === "<>") return "!==";
  return op;
}
