import type { IntervalLiteral, IntervalQualifier, TypedLiteral } from "../ast/index.ts";
import { quoteString } from "../types/format-type.ts";

/**
 * A character string literal. Plain text prints as `'...'` with quotes doubled; text holding characters
 * that would break the one-line layout or are invisible prints as a Unicode escape literal,
 * `U&'line1\000Aline2'`, so the output stays on one line and shows what is there (in `U&` literals a
 * backslash is written `\\`).
 */
export function printStringLiteral(value: string): string {
  const escapes = Array.from({ length: value.length }, (_, i) => needsEscape(value, i));
  if (!escapes.includes(true)) return quoteString(value);
  let body = "";
  for (let i = 0; i < value.length; i++) {
    const char = value[i]!;
    if (escapes[i]) body += `\\${value.charCodeAt(i).toString(16).toUpperCase().padStart(4, "0")}`;
    else if (char === "\\") body += "\\\\";
    else if (char === "'") body += "''";
    else body += char;
  }
  return `U&'${body}'`;
}

/**
 * C0 and C1 controls, DEL, the Unicode line and paragraph separators, and lone surrogates (not text on
 * their own). The code unit at `i` is tested; a surrogate pair is two code units that are both fine.
 */
function needsEscape(value: string, i: number): boolean {
  const unit = value.charCodeAt(i);
  if (unit < 0x20 || (unit >= 0x7f && unit <= 0x9f) || unit === 0x2028 || unit === 0x2029) return true;
  if (isHighSurrogate(unit)) return !isLowSurrogate(value.charCodeAt(i + 1));
  if (isLowSurrogate(unit)) return !isHighSurrogate(value.charCodeAt(i - 1));
  return false;
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/** `DATE '2024-01-01'`, `TIMESTAMP_LTZ '2024-01-01 00:00:00'`. */
export function printTypedLiteral(literal: TypedLiteral): string {
  return `${literal.type} ${printStringLiteral(literal.value)}`;
}

/** `INTERVAL '1 2:03' DAY TO MINUTE`, `INTERVAL -'5' SECOND`: the value exactly as written. */
export function printIntervalLiteral(literal: IntervalLiteral): string {
  const sign = literal.negative ? "-" : "";
  return `INTERVAL ${sign}${printStringLiteral(literal.value)} ${printIntervalQualifier(literal.qualifier)}`;
}

/**
 * `DAY`, `DAY(3) TO SECOND(6)`, `SECOND(2, 3)`. A fractional precision belongs to SECOND: on the end unit
 * when there is one, otherwise on a SECOND start unit, after its leading precision.
 */
export function printIntervalQualifier(qualifier: IntervalQualifier): string {
  const { start, startPrecision, end, fractionalPrecision } = qualifier;
  if (end === undefined) {
    if (fractionalPrecision !== undefined) return `${start}(${startPrecision ?? 2}, ${fractionalPrecision})`;
    return startPrecision === undefined ? start : `${start}(${startPrecision})`;
  }
  const startText = startPrecision === undefined ? start : `${start}(${startPrecision})`;
  const endText = fractionalPrecision === undefined ? end : `${end}(${fractionalPrecision})`;
  return `${startText} TO ${endText}`;
}
