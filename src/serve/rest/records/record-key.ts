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
    `The composite key (${names.join(", ")}): the values in this order, each written as in responses and ` +
    "percent-encoded (a comma inside a value is %2C), joined by commas: e.g. 42,1 or SKU%2C7,2."
  );
}

/**
 * Reads the key of a lookup from the raw (still percent-encoded) last segment of the URL: commas
 * separate the values of a composite key, then each value is decoded and parsed as its column's
 * type. Every failure is a 400 naming the parameter and the key column.
 */
export function parseRecordKey(product: ServedProduct, rawSegment: string): SqlValue[] {
  const parameter = keyParameterName(product);
  const raw = product.key.length === 1 ? [rawSegment] : rawSegment.split(",");
  if (raw.length !== product.key.length)
    throw badParameter(
      parameter,
      `expected ${product.key.length} comma-separated values (${product.key.map((c) => c.name).join(", ")}), got ${raw.length}`,
    );
  return product.key.map((column, i) => {
    // The router has already decoded the whole segment, so each comma-free part decodes too.
    const text = decodeURIComponent(raw[i]!);
    if (!column.parse) throw badParameter(parameter, `key column ${column.name} cannot be written in a URL`);
    const parsed = column.parse(text);
    if (!parsed.ok) throw badParameter(parameter, `${column.name} '${text}' ${parsed.why}`);
    return parsed.value;
  });
}
