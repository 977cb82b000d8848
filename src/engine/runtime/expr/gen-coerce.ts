import type { DataType } from "../../../sql/types/data-type.ts";
import { castFunction } from "../functions/cast.ts";
import { pow10 } from "../functions/decimal.ts";
import { type CodeGen, strictLocal, type Value } from "./codegen.ts";

const INTEGERS = new Set(["TINYINT", "SMALLINT", "INT", "BIGINT"]);

/**
 * Whether a value of `from` needs converting to be used as `to` when the binder widened it
 * implicitly (CASE branches, COALESCE, arithmetic operands): only where the run-time representation
 * differs (integer → DECIMAL bigint, DECIMAL → double, a DECIMAL's scale, DATE → TIMESTAMP millis).
 * String lengths and integer widths share one representation and need nothing.
 */
export function needsConversion(from: DataType, to: DataType): boolean {
  if (from.kind === "NULL") return false;
  switch (to.kind) {
    case "DECIMAL":
      return from.kind !== "DECIMAL" || from.scale !== to.scale;
    case "FLOAT":
      return from.kind === "DECIMAL" || from.kind === "DOUBLE";
    case "DOUBLE":
      return from.kind === "DECIMAL";
    case "TIMESTAMP":
      return from.kind === "DATE" || from.kind === "TIMESTAMP_LTZ";
    case "TIMESTAMP_LTZ":
      return from.kind === "DATE" || from.kind === "TIMESTAMP";
    case "ARRAY":
      return from.kind === "ARRAY" && needsConversion(from.element, to.element);
    case "MAP":
      return (
        from.kind === "MAP" && (needsConversion(from.key, to.key) || needsConversion(from.value, to.value))
      );
    case "ROW":
      return (
        from.kind === "ROW" &&
        from.fields.some((f, i) => to.fields[i] && needsConversion(f.type, to.fields[i]!.type))
      );
    default:
      return false;
  }
}

/** `value` (of type `from`) as a value of `to`, converting only when representations differ. */
export function coerce(g: CodeGen, value: Value, from: DataType, to: DataType): Value {
  if (!needsConversion(from, to)) return value;
  if (to.kind === "DECIMAL" && INTEGERS.has(from.kind)) {
    const factor = to.scale === 0 ? "" : ` * ${pow10(to.scale)}n`;
    return strictLocal(g, [value], `BigInt(${value.code})${factor}`);
  }
  if (to.kind === "DECIMAL" && from.kind === "DECIMAL" && to.scale > from.scale) {
    return strictLocal(g, [value], `${value.code} * ${pow10(to.scale - from.scale)}n`);
  }
  const cast = castFunction(from, to);
  if (!cast) return value;
  // Widening to DECIMAL may overflow its precision (NULL in Flink); other conversions keep non-NULL.
  return strictLocal(g, [value], `${g.bind(cast)}(${value.code}, ctx)`, to.kind === "DECIMAL");
}
