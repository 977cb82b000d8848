import type { SqlValue } from "../../../common/value.ts";
import { badParameter } from "../api-error.ts";
import type { ServedProduct } from "../served-product.ts";

/**
 * The path parameter of a record lookup: the key column's own name for a one-column key whose name
 * fits in a URL template, `key` otherwise.
 */
export function keyParameterName(product: ServedProduct): string {
  const [only, ...rest] = product.key;
  return only && rest.length === 0 && /^[A-Za-z_][A-Za-z0-9_]*$/.test(only.name) ? only.name : "key";
}

/** How a key is written in the URL, for the OpenAPI document. */
export function keyDescription(product: ServedProduct): string {
  const names = product.key.map((c) => c.name);
  if (names.length === 1)
    return `The ${names[0]} of the record, written as in responses (see the record schema).`;
  return (
    `The composite key (${names.join(", ")}): the values in this order, separated by commas, each written as in ` +
    "responses. A comma or backslash inside a value is escaped with a backslash (\\, and \\\\); " +
    "percent-encode the rest as usual, e.g. 42,1 or SKU\\,7,2."
  );
}

/**
 * Splits a composite key on unescaped commas and parses each part as its column's type. Every
 * failure is a 400 naming the parameter and the key column.
 */
export function parseRecordKey(product: ServedProduct, text: string): SqlValue[] {
  const parameter = keyParameterName(product);
  const parts = product.key.length === 1 ? [text] : splitEscaped(text);
  if (parts === undefined)
    throw badParameter(parameter, "a backslash must escape a comma or another backslash");
  if (parts.length !== product.key.length)
    throw badParameter(
      parameter,
      `expected ${product.key.length} comma-separated values (${product.key.map((c) => c.name).join(", ")}), got ${parts.length}`,
    );
  return product.key.map((column, i) => {
    if (!column.parse) throw badParameter(parameter, `key column ${column.name} cannot be written in a URL`);
    const parsed = column.parse(parts[i]!);
    if (!parsed.ok) throw badParameter(parameter, `${column.name} '${parts[i]}' ${parsed.why}`);
    return parsed.value;
  });
}

function splitEscaped(text: string): string[] | undefined {
  const parts: string[] = [];
  let current = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "\\") {
      const next = text[i + 1];
      if (next !== "," && next !== "\\") return undefined;
      current += next;
      i++;
    } else if (c === ",") {
      parts.push(current);
      current = "";
    } else current += c;
  }
  parts.push(current);
  return parts;
}
