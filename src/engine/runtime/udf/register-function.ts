import { qualify } from "../../../sql/catalog/catalog.ts";
import type { SessionCatalog } from "../../../sql/catalog/session-catalog.ts";
import type { UdfDefinition } from "./udf-definition.ts";
import { signatureOf } from "./udf-signature.ts";

/**
 * `engine.registerFunction(name, definition)`: a simple name registers a temporary system function
 * (Flink's `createTemporarySystemFunction`), a qualified one a temporary catalog function. Throws
 * (with what is wrong) for a malformed definition or a name already taken.
 */
export function registerFunction(catalog: SessionCatalog, name: string, definition: UdfDefinition): void {
  const parts = name.split(".");
  if (parts.some((p) => p.trim() === "") || parts.length > 3)
    throw new Error(`'${name}' is not a function name (name, database.name or catalog.database.name)`);
  const system = parts.length === 1;
  const path = system ? (["", "", name] as const) : qualify(catalog, parts)!;
  if (catalog.functionIn(system ? "system" : "temporary", system ? parts : path))
    throw new Error(`function '${name}' is already registered`);
  const signature = signatureOf(definition, `function '${name}'`);
  catalog.putFunction({
    path,
    implementation: "<registerFunction>",
    temporary: true,
    ...(system ? { system: true } : {}),
    signature,
  });
}
