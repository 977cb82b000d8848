import type { AlterFunction, CreateFunction, Drop } from "../ast/statement.ts";
import { qualify } from "../catalog/catalog.ts";
import type { FunctionNamespace, SessionCatalog } from "../catalog/session-catalog.ts";
import { mapArray } from "../map-array.ts";
import type { BindContext } from "./context.ts";

/**
 * `CREATE [TEMPORARY [SYSTEM]] FUNCTION [IF NOT EXISTS] name AS '...'`, with Flink's namespaces: a
 * temporary system function has a one-part name, a temporary function may shadow a catalog function
 * of the same name, and creating an existing function of the same namespace is an error unless IF
 * NOT EXISTS (which then leaves the existing one in place).
 */
export function bindCreateFunction(stmt: CreateFunction, ctx: BindContext, catalog: SessionCatalog): void {
  const parts = mapArray(stmt.name.parts, (p) => p.value);
  const namespace = namespaceOf(stmt);
  if (namespace === "system" && parts.length !== 1) {
    ctx.error(
      "qualified-system-function",
      `a temporary system function has a simple name, not '${parts.join(".")}'`,
      stmt.name.span,
    );
    return;
  }
  const path = namespace === "system" ? pathOfSystem(parts[0]!) : qualify(catalog, parts);
  if (!path) return;
  if (catalog.functionIn(namespace, namespace === "system" ? parts : path)) {
    if (!stmt.ifNotExists)
      ctx.error(
        "function-exists",
        `${describe(namespace)} '${parts.length === 1 && namespace === "system" ? parts[0] : path.join(".")}' already exists`,
        stmt.name.span,
      );
    return;
  }
  catalog.putFunction({
    path,
    implementation: stmt.implementation,
    temporary: stmt.temporary,
    ...(namespace === "system" ? { system: true } : {}),
    ...(stmt.language ? { language: stmt.language } : {}),
  });
}

/**
 * `ALTER [TEMPORARY [SYSTEM]] FUNCTION [IF EXISTS] name AS '...'`: the function of that namespace gets
 * the new implementation, and loses the signature of the old one until its new one is loaded.
 */
export function bindAlterFunction(stmt: AlterFunction, ctx: BindContext, catalog: SessionCatalog): void {
  const parts = mapArray(stmt.name.parts, (p) => p.value);
  const namespace = namespaceOf(stmt);
  const path = namespace === "system" ? parts : qualify(catalog, parts);
  const existing = path ? catalog.functionIn(namespace, path) : undefined;
  if (!existing) {
    if (!stmt.ifExists)
      ctx.error(
        "unknown-function",
        `${describe(namespace)} '${parts.join(".")}' does not exist`,
        stmt.name.span,
      );
    return;
  }
  const { signature: _, language: __, ...rest } = existing;
  catalog.putFunction({
    ...rest,
    implementation: stmt.implementation,
    ...(stmt.language ? { language: stmt.language } : {}),
  });
}

/** `DROP [TEMPORARY [SYSTEM]] FUNCTION [IF EXISTS] name`: only the function of that namespace. */
export function bindDropFunction(stmt: Drop, ctx: BindContext, catalog: SessionCatalog): void {
  const parts = mapArray(stmt.name.parts, (p) => p.value);
  const namespace = namespaceOf(stmt);
  const path = namespace === "system" ? parts : qualify(catalog, parts);
  if (path && namespace === "catalog" && catalog.functionIn("temporary", path)) {
    // Flink refuses to drop a catalog function hidden by a temporary one of the same name.
    ctx.error(
      "temporary-function-exists",
      `a temporary function '${path.join(".")}' shadows the catalog function: drop it first with DROP TEMPORARY FUNCTION`,
      stmt.name.span,
    );
    return;
  }
  if ((!path || !catalog.dropFunction(namespace, path)) && !stmt.ifExists)
    ctx.error("unknown-object", `${describe(namespace)} '${parts.join(".")}' does not exist`, stmt.name.span);
}

function namespaceOf(stmt: { readonly temporary: boolean; readonly system: boolean }): FunctionNamespace {
  return stmt.system ? "system" : stmt.temporary ? "temporary" : "catalog";
}

function pathOfSystem(name: string): [string, string, string] {
  return ["", "", name];
}

function describe(namespace: FunctionNamespace): string {
  return namespace === "system"
    ? "temporary system function"
    : namespace === "temporary"
      ? "temporary function"
      : "function";
}
