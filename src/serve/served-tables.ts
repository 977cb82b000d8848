import type { Engine, TableView } from "../engine/index.ts";
import type { MirroredTables } from "./mirror/duckdb-mirror.ts";

/**
 * The tables of an engine session that hold rows to serve, by name: `names` when given (an unknown
 * name is an error that names it), otherwise every table the engine stores itself — no connector, or
 * `'connector' = 'headwater'` — in the order they were created.
 */
export function servedTables(engine: Engine, names?: readonly string[]): MirroredTables {
  if (names) return Object.fromEntries(names.map((n): [string, TableView] => [n, engine.table(n)]));
  const stored = engine.catalog
    .allTables()
    .filter(
      (t) => t.kind === "table" && (t.options.connector === undefined || t.options.connector === "headwater"),
    );
  return Object.fromEntries(
    stored.map((t): [string, TableView] => [t.path[2], engine.table(t.path.join("."))]),
  );
}
