import type { SqlValue } from "../../../common/value.ts";
import { badParameter } from "../api-error.ts";
import type { SortOrder } from "./sort-order.ts";

/**
 * A cursor is opaque to clients: base64url of the ordering it was made for and the sort tuple of the
 * last row of its page, each value written as in responses. The next page holds the rows after that
 * tuple, so pages stay consistent while the table changes (no row is skipped or repeated because
 * another row was inserted or deleted in front of it).
 */
export function encodeCursor(order: SortOrder, tuple: readonly SqlValue[]): string {
  const values = order.parts.map((part, i) => {
    const value = tuple[i]!;
    return part.kind === "position" || value === null ? value : part.column.encode(value);
  });
  return Buffer.from(JSON.stringify({ sort: order.text, after: values })).toString("base64url");
}

export function decodeCursor(order: SortOrder, cursor: string): SqlValue[] {
  const invalid = (why: string) =>
    badParameter("cursor", `${why}; use next_cursor from a previous page as it is`);
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalid("is not a cursor this server made");
  }
  const { sort, after } = (decoded ?? {}) as { sort?: unknown; after?: unknown };
  if (typeof sort !== "string" || !Array.isArray(after)) throw invalid("is not a cursor this server made");
  if (sort !== order.text)
    throw invalid(
      `was made for sort=${sort === "" ? "(default)" : sort}, not sort=${order.text || "(default)"}`,
    );
  if (after.length !== order.parts.length) throw invalid("is damaged");
  return order.parts.map((part, i) => {
    const value = after[i] as unknown;
    if (value === null) return null;
    if (part.kind === "position") {
      if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) throw invalid("is damaged");
      return value;
    }
    if (!["string", "number", "boolean"].includes(typeof value)) throw invalid("is damaged");
    const parsed = part.column.parse!(String(value));
    if (!parsed.ok) throw invalid("is damaged");
    return parsed.value;
  });
}
