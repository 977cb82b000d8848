import { parseDateLiteral, parseTimeLiteral, parseTimestampLiteral } from "../../../sql/binder/literals.ts";

/**
 * Text to numbers and datetimes as Flink's casts read it (BinaryStringDataUtil, DateTimeUtils).
 * Each returns undefined when the text is not a value of the type; the caller decides between an
 * error (CAST) and NULL (TRY_CAST, TO_DATE...).
 */
const INTEGER_TEXT = /^[+-]?\d+(?:\.\d*)?$/;

/** An integer; a fraction is dropped (Flink's toLong reads `1.9` as 1), surrounding spaces ignored. */
export function parseIntegerText(text: string): number | undefined {
  const t = text.trim();
  if (!INTEGER_TEXT.test(t)) return undefined;
  const dot = t.indexOf(".");
  const n = Number(dot < 0 ? t : t.slice(0, dot));
  return Object.is(n, -0) ? 0 : n;
}

const DOUBLE_TEXT = /^[+-]?(?:NaN|Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[dDfF]?)$/;

/** Java's Double.parseDouble: decimal or scientific text, NaN, Infinity, an optional d/f suffix. */
export function parseDoubleText(text: string): number | undefined {
  const t = text.trim();
  if (!DOUBLE_TEXT.test(t)) return undefined;
  return Number(t.replace(/[dDfF]$/, ""));
}

const TRUE_TEXT = new Set(["t", "true", "y", "yes", "1"]);
const FALSE_TEXT = new Set(["f", "false", "n", "no", "0"]);

/** BinaryStringDataUtil.toBoolean: these words in any case, after trimming. */
export function parseBooleanText(text: string): boolean | undefined {
  const t = text.trim().toLowerCase();
  if (TRUE_TEXT.has(t)) return true;
  if (FALSE_TEXT.has(t)) return false;
  return undefined;
}

/** DateTimeUtils.parseDate: `yyyy-MM-dd`, ignoring a time part after a space. */
export function parseDateText(text: string): number | undefined {
  const t = text.trim();
  const space = t.search(/[ T]/);
  const result = parseDateLiteral(space > 0 ? t.slice(0, space) : t);
  return "error" in result ? undefined : result.value;
}

export function parseTimeText(text: string): number | undefined {
  const result = parseTimeLiteral(text.trim());
  return "error" in result ? undefined : result.value.millis;
}

/** `yyyy-MM-dd[( |T)HH:mm[:ss[.fraction]]]`, Flink's default timestamp text; fractions beyond ms are dropped. */
export function parseTimestampText(text: string): number | undefined {
  const result = parseTimestampLiteral(text.trim());
  return "error" in result ? undefined : result.value.millis;
}
