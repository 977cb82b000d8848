import type { DataType } from "../types/data-type.ts";
import type { TableSchema } from "./table-schema.ts";

/** A user-defined function registered with CREATE FUNCTION or the API. */
export interface UserFunction {
  readonly path: readonly [string, string, string];
  readonly implementation: string;
  readonly language?: string;
  readonly temporary: boolean;
  /** `CREATE TEMPORARY SYSTEM FUNCTION`: called by its bare name, ahead of the built-in functions. */
  readonly system?: boolean;
  /** What a loaded implementation declares; without one, calls take the unknown (NULL) type. */
  readonly signature?: FunctionSignature;
}

/**
 * The declared signature of a user-defined function: the binder checks calls against it. A table
 * function's `result` is a ROW whose fields are its columns, or one type (a column named `f0`).
 */
export interface FunctionSignature {
  readonly kind: "scalar" | "table" | "aggregate";
  readonly params: readonly DataType[];
  readonly result: DataType;
  readonly deterministic: boolean;
}

/**
 * The binder's one view of the world: tables and functions by name. Everything that stores tables
 * (the session catalog, a pipeline project, a remote Flink catalog) implements this narrow interface.
 */
export interface Catalog {
  readonly currentCatalog: string;
  readonly currentDatabase: string;
  /** A table by its fully qualified path, or undefined. */
  getTable(path: readonly [string, string, string]): TableSchema | undefined;
  /** Qualified names of the tables in a database, for "did you mean" hints and SHOW TABLES. */
  listTables(catalog: string, database: string): readonly string[];
  getFunction(path: readonly [string, string, string]): UserFunction | undefined;
  /** A temporary system function by its one-part name (case-insensitive, as Flink's), or undefined. */
  getSystemFunction?(name: string): UserFunction | undefined;
  hasCatalog(name: string): boolean;
  hasDatabase(catalog: string, database: string): boolean;
}

/** Completes a 1-, 2- or 3-part name with the current catalog and database. */
export function qualify(catalog: Catalog, parts: readonly string[]): [string, string, string] | undefined {
  switch (parts.length) {
    case 1:
      return [catalog.currentCatalog, catalog.currentDatabase, parts[0]!];
    case 2:
      return [catalog.currentCatalog, parts[0]!, parts[1]!];
    case 3:
      return [parts[0]!, parts[1]!, parts[2]!];
    default:
      return undefined;
  }
}
