import type { Literal } from "../ast/expression.ts";
import type { DataType } from "../types/data-type.ts";
import { literalType } from "../types/index.ts";
import type { BoundExpr } from "./bound.ts";
import { errorExpr } from "./error-expr.ts";
import type { ExprScope } from "./expr-scope.ts";
import { intervalLiteral, parseDateLiteral, parseTimeLiteral, parseTimestampLiteral } from "./literals.ts";

/** Types a literal and converts it to its run-time value (common/value.ts). */
export function bindLiteral(expr: Literal, es: ExprScope): BoundExpr {
  const span = expr.span;
  switch (expr.kind) {
    case "numeric": {
      const type = literalType(expr);
      return { kind: "literal", value: numericValue(expr.text, type), type, span };
    }
    case "string":
    case "boolean":
    case "null":
      return {
        kind: "literal",
        value:
          expr.kind === "string"
            ? expr.value
            : expr.kind === "boolean"
              ? expr.value === "unknown"
                ? null
                : expr.value
              : null,
        type: literalType(expr),
        span,
      };
    case "binary": {
      const bytes = Uint8Array.from(expr.hex.match(/../g) ?? [], (h) => Number.parseInt(h, 16));
      return { kind: "literal", value: bytes, type: literalType(expr), span };
    }
    case "typedLiteral": {
      if (expr.type === "DATE") {
        const date = parseDateLiteral(expr.value);
        if ("error" in date) return invalid(date.error, expr, es);
        return { kind: "literal", value: date.value, type: { kind: "DATE", nullable: false }, span };
      }
      const parsed = expr.type === "TIME" ? parseTimeLiteral(expr.value) : parseTimestampLiteral(expr.value);
      if ("error" in parsed) return invalid(parsed.error, expr, es);
      const kind = expr.type === "TIME" ? "TIME" : expr.type === "TIMESTAMP" ? "TIMESTAMP" : "TIMESTAMP_LTZ";
      const type: DataType = { kind, precision: parsed.value.precision, nullable: false };
      return { kind: "literal", value: parsed.value.millis, type, span };
    }
    case "interval": {
      const parsed = intervalLiteral(expr.value, expr.qualifier, expr.negative);
      if ("error" in parsed) return invalid(parsed.error, expr, es);
      return { kind: "literal", value: parsed.value.value, type: parsed.value.type, span };
    }
    default:
      return expr satisfies never;
  }
}

function invalid(message: string, expr: Literal, es: ExprScope): BoundExpr {
  es.ctx.error("invalid-literal", message, expr.span);
  return errorExpr(expr.span);
}

/** The run-time value of a numeric literal of the given type: DECIMAL is a scaled bigint. */
function numericValue(text: string, type: DataType): number | bigint {
  if (type.kind !== "DECIMAL") return Number(text);
  const [whole = "", fraction = ""] = text.split(".");
  return BigInt((whole || "0") + fraction.padEnd(type.scale, "0").slice(0, type.scale));
}
