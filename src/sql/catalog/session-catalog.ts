import { keepShapeAlive } from "../../common/keep-shape.ts";
import { mapArray } from "../map-array.ts";
import type { Catalog, UserFunction } from "./catalog.ts";
import type { TableSchema } from "./table-schema.ts";

export const DEFAULT_CATALOG = "default_catalog";
export const DEFAULT_DATABASE = "default_database";

const key = (path: readonly string[]): string => path.join("\u0000");
// Function names are case-insensitive in Flink (FunctionIdentifier normalizes them).
const functionKey = (path: readonly string[]): string => key(mapArray(path, (p) => p.toLowerCase()));

/**
 * Tables by path. Looked up part by part: the binder resolves a table for every reference, and the
 * parts are the lexer's interned words, whose hashes V8 has cached, where a joined key would be a new
 * string to hash each time. Each table remembers when its path was first added, for listing in that
 * order (replacing a table keeps its place, as Flink's catalogs list them).
 */
class TablesByPath {
  private readonly byCatalog = new Map<string, Map<string, Map<string, PlacedTable>>>();
  private added = 0;

  get(path: readonly [string, string, string]): TableSchema | undefined {
    return this.byCatalog.get(path[0])?.get(path[1])?.get(path[2])?.table;
  }

  set(table: TableSchema): void {
    const [catalog, database, name] = table.path;
    let databases = this.byCatalog.get(catalog);
    if (databases === undefined) {
      databases = new Map();
      this.byCatalog.set(catalog, databases);
    }
    let tables = databases.get(database);
    if (tables === undefined) {
      tables = new Map();
      databases.set(database, tables);
    }
    const placed = tables.get(name);
    if (placed === undefined) tables.set(name, { table, place: this.added++ });
    else placed.table = table;
  }

  delete(path: readonly [string, string, string]): boolean {
    return this.byCatalog.get(path[0])?.get(path[1])?.delete(path[2]) ?? false;
  }

  /** Every table in the order added, each under its {@link key}. */
  entries(): [string, TableSchema][] {
    return mapArray(this.inOrder(), (table) => [key(table.path), table]);
  }

  values(): TableSchema[] {
    return this.inOrder();
  }

  private inOrder(): TableSchema[] {
    const placed: PlacedTable[] = [];
    for (const databases of this.byCatalog.values())
      for (const tables of databases.values()) for (const p of tables.values()) placed.push(p);
    placed.sort((a, b) => a.place - b.place);
    return mapArray(placed, (p) => p.table);
  }
}

interface PlacedTable {
  table: TableSchema;
  readonly place: number;
}

/** Which of a session's function namespaces a CREATE or DROP addresses. */
export type FunctionNamespace = "catalog" | "temporary" | "system";

/**
 * The in-memory catalog of one session: what CREATE/DROP/ALTER/USE statements change, in order.
 * Temporary objects shadow permanent ones of the same name, as in Flink.
 */
export class SessionCatalog implements Catalog {
  currentCatalog = DEFAULT_CATALOG;
  currentDatabase = DEFAULT_DATABASE;
  private readonly databases = new Map<string, Set<string>>([[DEFAULT_CATALOG, new Set([DEFAULT_DATABASE])]]);
  private readonly tables = new TablesByPath();
  private readonly temporaryTables = new TablesByPath();
  private readonly functions: Readonly<Record<FunctionNamespace, Map<string, UserFunction>>> = {
    catalog: new Map(),
    temporary: new Map(),
    system: new Map(),
  };

  getTable(path: readonly [string, string, string]): TableSchema | undefined {
    return this.temporaryTables.get(path) ?? this.tables.get(path);
  }

  listTables(catalog: string, database: string): readonly string[] {
    const names = new Set<string>();
    for (const table of [...this.tables.values(), ...this.temporaryTables.values()]) {
      if (table.path[0] === catalog && table.path[1] === database) names.add(table.path[2]);
    }
    return [...names].sort();
  }

  allTables(): readonly TableSchema[] {
    const byKey = new Map(this.tables.entries());
    for (const [k, t] of this.temporaryTables.entries()) byKey.set(k, t);
    return [...byKey.values()];
  }

  /** A temporary function shadows the catalog function of the same name, as in Flink. */
  getFunction(path: readonly [string, string, string]): UserFunction | undefined {
    // The binder asks for every call; most sessions define no function, and the key costs more than the lookup.
    const { temporary, catalog } = this.functions;
    if (temporary.size === 0 && catalog.size === 0) return undefined;
    const name = functionKey(path);
    return temporary.get(name) ?? catalog.get(name);
  }

  getSystemFunction(name: string): UserFunction | undefined {
    const system = this.functions.system;
    return system.size === 0 ? undefined : system.get(functionKey([name]));
  }

  /** The function of one namespace (a system function's path is its name alone). */
  functionIn(namespace: FunctionNamespace, path: readonly string[]): UserFunction | undefined {
    return this.functions[namespace].get(functionKey(path));
  }

  hasCatalog(name: string): boolean {
    return this.databases.has(name);
  }

  hasDatabase(catalog: string, database: string): boolean {
    return this.databases.get(catalog)?.has(database) ?? false;
  }

  putTable(table: TableSchema): void {
    (table.temporary ? this.temporaryTables : this.tables).set(table);
  }

  dropTable(path: readonly [string, string, string], temporary: boolean): boolean {
    return (temporary ? this.temporaryTables : this.tables).delete(path);
  }

  putFunction(fn: UserFunction): void {
    const namespace = namespaceOf(fn);
    this.functions[namespace].set(functionKey(namespace === "system" ? [fn.path[2]] : fn.path), fn);
  }

  dropFunction(namespace: FunctionNamespace, path: readonly string[]): boolean {
    return this.functions[namespace].delete(functionKey(path));
  }

  createCatalog(name: string): void {
    if (!this.databases.has(name)) this.databases.set(name, new Set([DEFAULT_DATABASE]));
  }

  dropCatalog(name: string): boolean {
    return this.databases.delete(name);
  }

  createDatabase(catalog: string, database: string): void {
    this.databases.get(catalog)?.add(database);
  }

  dropDatabase(catalog: string, database: string): boolean {
    return this.databases.get(catalog)?.delete(database) ?? false;
  }
}

function namespaceOf(fn: UserFunction): FunctionNamespace {
  return fn.system ? "system" : fn.temporary ? "temporary" : "catalog";
}

keepShapeAlive(new SessionCatalog());
