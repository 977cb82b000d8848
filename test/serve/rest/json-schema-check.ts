/**
 * A small JSON Schema checker for the keywords the OpenAPI document uses (type, enum, pattern,
 * minimum/maximum, properties, required, additionalProperties, items, anyOf, allOf, $ref into the
 * document's components), so tests can hold real responses against the published schemas.
 */
type Schema = Record<string, unknown>;

export function schemaErrors(value: unknown, schema: Schema, document: Schema, path = "$"): string[] {
  if (typeof schema.$ref === "string")
    return schemaErrors(value, resolve(document, schema.$ref), document, path);
  const errors: string[] = [];
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    if (!types.some((t) => hasType(value, t)))
      return [`${path}: ${JSON.stringify(value)} is not ${types.join(" or ")}`];
  }
  if (Array.isArray(schema.enum) && !schema.enum.includes(value))
    errors.push(`${path}: ${JSON.stringify(value)} not in enum`);
  if (
    typeof value === "string" &&
    typeof schema.pattern === "string" &&
    !new RegExp(schema.pattern, "u").test(value)
  )
    errors.push(`${path}: '${value}' does not match ${schema.pattern}`);
  if (typeof value === "number") {
    if (typeof schema.minimum === "number" && value < schema.minimum) errors.push(`${path}: below minimum`);
    if (typeof schema.maximum === "number" && value > schema.maximum) errors.push(`${path}: above maximum`);
  }
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const object = value as Record<string, unknown>;
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const name of (schema.required ?? []) as string[])
      if (!(name in object)) errors.push(`${path}.${name}: required but missing`);
    for (const [name, v] of Object.entries(object)) {
      if (properties[name]) errors.push(...schemaErrors(v, properties[name], document, `${path}.${name}`));
      else if (schema.additionalProperties === false) errors.push(`${path}.${name}: not allowed`);
      else if (typeof schema.additionalProperties === "object")
        errors.push(...schemaErrors(v, schema.additionalProperties as Schema, document, `${path}.${name}`));
    }
  }
  if (Array.isArray(value) && schema.items)
    for (const [i, item] of value.entries())
      errors.push(...schemaErrors(item, schema.items as Schema, document, `${path}[${i}]`));
  if (
    Array.isArray(schema.anyOf) &&
    !schema.anyOf.some((s) => schemaErrors(value, s, document, path).length === 0)
  )
    errors.push(`${path}: ${JSON.stringify(value)} matches none of anyOf`);
  for (const s of (schema.allOf ?? []) as Schema[]) errors.push(...schemaErrors(value, s, document, path));
  return errors;
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case "null":
      return value === null;
    case "integer":
      return Number.isInteger(value);
    case "number":
      return typeof value === "number";
    case "array":
      return Array.isArray(value);
    case "object":
      return value !== null && typeof value === "object" && !Array.isArray(value);
    default:
      return typeof value === type;
  }
}

/** Resolves a local reference such as `#/components/schemas/Error`; throws when it points nowhere. */
export function resolve(document: Schema, ref: string): Schema {
  if (!ref.startsWith("#/")) throw new Error(`not a local reference: ${ref}`);
  let node: unknown = document;
  for (const part of ref.slice(2).split("/")) {
    const key = part.replaceAll("~1", "/").replaceAll("~0", "~");
    node = (node as Record<string, unknown> | undefined)?.[key];
    if (node === undefined) throw new Error(`unresolved reference ${ref}`);
  }
  return node as Schema;
}
