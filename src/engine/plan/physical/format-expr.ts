import type { SqlValue } from "../../../common/value.ts";
import type { BoundExpr } from "../../../sql/binder/bound.ts";
import type { DataType } from "../../../sql/types/data-type.ts";
import { formatDataType } from "../../../sql/types/format-type.ts";
import { type Fields, slotIndex } from "../layout.ts";

/**
 * An expression as Flink's EXPLAIN prints a RexNode: operators in prefix form (`+(a, 1)`,
 * `AND(>(b, 1), IS NOT NULL(c))`), columns by their input field name.
 */
export function formatExpr(expr: BoundExpr, input: Fields): string {
  const f = (e: BoundExpr): string => formatExpr(e, input);
  switch (expr.kind) {
    case "column":
    case "groupRef":
    case "aggregateRef":
    case "windowRef": {
      const index = slotIndex(input, expr);
      return index >= 0 ? input[index]!.name : `$${expr.kind}${"index" in expr ? expr.index : ""}`;
    }
    case "literal":
      return formatLiteral(expr.value, expr.type);
    case "call":
      // Calcite flattens nested AND and OR: AND(a, b, c).
      return `${expr.name}(${flattened(expr).map(f).join(", ")})`;
    case "cast":
      return `${expr.safe ? "TRY_CAST" : "CAST"}(${f(expr.operand)} AS ${formatDataType(expr.type)})`;
    case "case":
      return `CASE(${[...expr.whens.flatMap((w) => [f(w.when), f(w.then)]), expr.else ? f(expr.else) : "null"].join(", ")})`;
    case "fieldAccess":
      return `${f(expr.base)}.${expr.name}`;
    case "timeUnit":
      return expr.unit;
    case "parameter":
      return `?${expr.index}`;
    case "outerColumn":
      return `$cor.${expr.name}`;
    case "subquery":
      return `$SUBQUERY`;
    default:
      return expr satisfies never;
  }
}

function flattened(call: Extract<BoundExpr, { kind: "call" }>): readonly BoundExpr[] {
  if (call.name !== "AND" && call.name !== "OR") return call.args;
  return call.args.flatMap((a) => (a.kind === "call" && a.name === call.name ? flattened(a) : [a]));
}

function formatLiteral(value: SqlValue, type: DataType): string {
  if (value === null) return `null:${formatDataType(type)}`;
  if (typeof value === "string") return `'${value.replaceAll("'", "''")}'`;
  if (typeof value === "bigint" && type.kind === "DECIMAL") return formatDecimal(value, type.scale);
  // Calcite prints interval literals in milliseconds (or months) with their qualifier.
  if (type.kind === "INTERVAL_DT" || type.kind === "INTERVAL_YM")
    return `${String(value)}:INTERVAL ${type.resolution.replaceAll("_", " ")}`;
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean")
    return String(value);
  return JSON.stringify(value, (_, v) => (typeof v === "bigint" ? String(v) : v));
}

function formatDecimal(unscaled: bigint, scale: number): string {
  if (scale === 0) return String(unscaled);
  const negative = unscaled < 0n;
  const digits = String(negative ? -unscaled : unscaled).padStart(scale + 1, "0");
  return `${negative ? "-" : ""}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}
