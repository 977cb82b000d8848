import type { Diagnostic } from "../../common/diagnostic.ts";
import type { SourceText } from "../../common/source.ts";
import type { Insert, Statement } from "../../sql/ast/statement.ts";
import {
  BindContext,
  type BoundQuery,
  type BoundStatement,
  bindQuery,
  bindScript,
} from "../../sql/binder/index.ts";
import { qualify } from "../../sql/catalog/catalog.ts";
import type { SessionCatalog } from "../../sql/catalog/session-catalog.ts";
import type { TableSchema } from "../../sql/catalog/table-schema.ts";
import { parseScript } from "../../sql/parser/index.ts";
import type { TableWrite } from "./model.ts";

export interface ParsedFile {
  readonly source: SourceText;
  readonly statements: readonly Statement[];
  readonly diagnostics: readonly Diagnostic[];
}

export function parseFile(source: SourceText): ParsedFile {
  const parsed = parseScript(source);
  return { source, statements: parsed.statements, diagnostics: parsed.diagnostics };
}

export interface BoundDdl {
  readonly schema?: TableSchema;
  /** The query of a CTAS, view or materialized table, bound, as a query statement. */
  readonly query?: Extract<BoundStatement, { kind: "query" }>;
  readonly diagnostics: readonly Diagnostic[];
}

const UNKNOWN_TABLE = "bind/unknown-table";

/**
 * Binds DDL files in dependency order: a file that fails only because a table it reads (CTAS, view,
 * LIKE) is not declared yet is retried after the others, until no file makes progress. The last
 * round binds what remains and keeps its errors.
 */
export function bindDdlFiles(files: readonly ParsedFile[], catalog: SessionCatalog): Map<string, BoundDdl> {
  const out = new Map<string, BoundDdl>();
  let pending = [...files];
  for (;;) {
    const deferred: ParsedFile[] = [];
    for (const file of pending) {
      const result = bindScript(file.statements, catalog);
      const waiting =
        result.diagnostics.length > 0 && result.diagnostics.every((d) => d.code === UNKNOWN_TABLE);
      if (waiting) deferred.push(file);
      else out.set(file.source.name, ddlResult(file, result.diagnostics, catalog));
    }
    if (deferred.length === 0) return out;
    if (deferred.length === pending.length) {
      for (const file of deferred) {
        const result = bindScript(file.statements, catalog);
        out.set(file.source.name, ddlResult(file, result.diagnostics, catalog));
      }
      return out;
    }
    pending = deferred;
  }
}

function ddlResult(file: ParsedFile, diagnostics: readonly Diagnostic[], catalog: SessionCatalog): BoundDdl {
  const all = [...file.diagnostics, ...diagnostics];
  for (const statement of file.statements) {
    if (
      statement.kind !== "createTable" &&
      statement.kind !== "createView" &&
      statement.kind !== "createMaterializedTable"
    )
      continue;
    const path = qualify(
      catalog,
      statement.name.parts.map((p) => p.value),
    );
    const schema = path ? catalog.getTable(path) : undefined;
    const defining = statement.kind === "createTable" ? statement.asQuery : statement.query;
    // Bound again on its own for lineage; its errors were already reported by bindScript.
    const query = defining ? bindQuery(defining, new BindContext(catalog), undefined) : undefined;
    return {
      ...(schema ? { schema } : {}),
      ...(query ? { query: { kind: "query" as const, query, statement } } : {}),
      diagnostics: all,
    };
  }
  return { diagnostics: all };
}

export interface BoundDml {
  readonly writes: readonly (TableWrite & { readonly target: TableSchema })[];
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Binds a DML file. Statements that bind cleanly give their INSERT trees; an INSERT with errors is
 * bound again query-only (the binder keeps placeholders for what failed), so its dependencies and
 * lineage are still known while its errors are reported.
 */
export function bindDmlFile(file: ParsedFile, catalog: SessionCatalog): BoundDml {
  const result = bindScript(file.statements, catalog);
  const writes: (TableWrite & { target: TableSchema })[] = [];
  for (const { statement, bound } of result.statements) {
    if (bound) {
      for (const insert of insertsOf(bound)) {
        writes.push({
          query: insert.query,
          targetColumns: insert.targetColumns,
          file: file.source.name,
          target: insert.table,
          statement: insert,
        });
      }
      continue;
    }
    const inserts =
      statement.kind === "insert" ? [statement] : statement.kind === "statementSet" ? statement.inserts : [];
    for (const insert of inserts) {
      const partial = bindPartialInsert(insert, catalog);
      if (partial) writes.push({ ...partial, file: file.source.name });
    }
  }
  return { writes, diagnostics: [...file.diagnostics, ...result.diagnostics] };
}

type BoundInsert = Extract<BoundStatement, { kind: "insert" }>;

function insertsOf(bound: BoundStatement): BoundInsert[] {
  if (bound.kind === "insert") return [bound];
  if (bound.kind === "statementSet") return bound.inserts.flatMap(insertsOf);
  return [];
}

function bindPartialInsert(
  insert: Insert,
  catalog: SessionCatalog,
): { query: BoundQuery; targetColumns: number[]; target: TableSchema } | undefined {
  const path = qualify(
    catalog,
    insert.table.parts.map((p) => p.value),
  );
  const target = path ? catalog.getTable(path) : undefined;
  if (!target) return undefined;
  const query = bindQuery(insert.source, new BindContext(catalog), undefined);
  const writable = target.columns
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => !c.virtual && c.origin !== "computed" && c.origin !== "system");
  const named = insert.columns.map((n) => writable.find(({ c }) => c.name === n.value)?.i ?? -1);
  const targetColumns = (insert.columns.length > 0 ? named : writable.map(({ i }) => i)).slice(
    0,
    query.columns.length,
  );
  return { query, targetColumns, target };
}

/** The table an INSERT of this file writes first (shift_left's rule for naming a table folder). */
export function insertTargetName(file: ParsedFile): string | undefined {
  for (const statement of file.statements) {
    const insert =
      statement.kind === "insert"
        ? statement
        : statement.kind === "statementSet"
          ? statement.inserts[0]
          : undefined;
    if (insert) return insert.table.parts[insert.table.parts.length - 1]!.value;
  }
  return undefined;
}

/** The table, view or materialized table a DDL file creates. */
export function createdTableName(file: ParsedFile): string | undefined {
  for (const statement of file.statements) {
    if (
      statement.kind === "createTable" ||
      statement.kind === "createView" ||
      statement.kind === "createMaterializedTable"
    )
      return statement.name.parts[statement.name.parts.length - 1]!.value;
  }
  return undefined;
}
