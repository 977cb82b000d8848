import { TextSpan } from "../../../src/common/source.ts";

/**
 * A copy of an AST without its `span` (and `...Span`, such as a set operation's `operatorSpan`) fields, and without properties whose value is `undefined` (the
 * parser may set an optional field to `undefined` where a hand-built node leaves it out), so two trees
 * parsed from differently laid-out text compare equal when they mean the same.
 */
export function stripSpans(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripSpans);
  if (value === null || typeof value !== "object") return value;
  // A node that is its own span (a parsed identifier) keeps its offsets in fields of its own.
  const ownSpan = value instanceof TextSpan;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (ownSpan && (key === "start" || key === "end" || key === "lines")) continue;
    if (key !== "span" && !key.endsWith("Span") && field !== undefined) out[key] = stripSpans(field);
  }
  return out;
}
