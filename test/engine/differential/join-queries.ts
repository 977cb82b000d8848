// A seeded generator of changes to three tables and of join/subquery queries that Flink and DuckDB
// answer alike on the tables' final contents (integer columns, no empty global aggregates).
import { random } from "./random-queries.ts";

export { random };

/** l and r have a primary key (updates and deletes reach joins as -U/+U and -D); e is append-only. */
export const JOIN_TABLES = {
  l: { columns: ["id", "k", "v"], primaryKey: true },
  r: { columns: ["id", "k", "w"], primaryKey: true },
  e: { columns: ["k", "x"], primaryKey: false },
} as const;

export type TableName = keyof typeof JOIN_TABLES;
export type IntRow = (number | null)[];

/** One change, applied in order: an upsert (or append) or a delete by primary key. */
export interface Step {
  readonly table: TableName;
  readonly kind: "upsert" | "delete";
  readonly row: IntRow;
}

const pick = <T>(rand: () => number, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;

export function randomSteps(rand: () => number, count: number): Step[] {
  const steps: Step[] = [];
  const value = (range: number, nulls = 0.12): number | null =>
    rand() < nulls ? null : Math.floor(rand() * range);
  for (let i = 0; i < count; i++) {
    const table = pick(rand, ["l", "l", "r", "r", "e"] as const);
    if (table === "e") {
      steps.push({ table, kind: "upsert", row: [value(5), value(20)] });
      continue;
    }
    const id = Math.floor(rand() * 8);
    if (rand() < 0.15) steps.push({ table, kind: "delete", row: [id, null, null] });
    else steps.push({ table, kind: "upsert", row: [id, value(5), value(20)] });
  }
  return steps;
}

/** Each table's rows after all steps. */
export function finalTables(steps: readonly Step[]): Record<TableName, IntRow[]> {
  const keyed = { l: new Map<number, IntRow>(), r: new Map<number, IntRow>() };
  const e: IntRow[] = [];
  for (const s of steps) {
    if (s.table === "e") e.push(s.row);
    else if (s.kind === "delete") keyed[s.table].delete(s.row[0]!);
    else keyed[s.table].set(s.row[0]!, s.row);
  }
  return { l: [...keyed.l.values()], r: [...keyed.r.values()], e };
}

function condition(rand: () => number): string {
  return pick(rand, [
    "l.k = r.k",
    "l.k = r.k",
    "l.k = r.k AND l.v < r.w",
    "l.k = r.k AND r.w > 5",
    "l.k = r.k OR l.v = r.w",
    "l.v > r.w + 10",
    "l.k IS NOT DISTINCT FROM r.k",
    "l.k + 1 = r.k",
    "l.k = r.k AND l.id <> r.id",
  ]);
}

function filter(rand: () => number): string {
  return pick(rand, [
    "",
    "",
    " WHERE r.w > 3",
    " WHERE l.v IS NOT NULL",
    " WHERE r.w IS NULL",
    " WHERE COALESCE(r.w, 0) < 10",
    " WHERE l.k = 2 OR r.k = 3",
  ]);
}

/**
 * A query, and the table whose emptiness makes the streaming answer differ from the batch one: an
 * IN inside an expression joins the subquery's global row count, which a streaming aggregate only
 * emits while the subquery has rows (Flink behaves the same), so DuckDB is only asked when it has.
 */
export interface JoinQuery {
  readonly sql: string;
  readonly nonEmpty?: TableName;
}

/** A query over l, r and e: joins of every type, aggregates over joins, subqueries. */
export function randomJoinQuery(rand: () => number): JoinQuery {
  const type = pick(rand, ["JOIN", "LEFT JOIN", "RIGHT JOIN", "FULL JOIN"]);
  switch (Math.floor(rand() * 9)) {
    case 0:
    case 1:
      return { sql: `SELECT l.id, r.id, l.v, r.w FROM l ${type} r ON ${condition(rand)}${filter(rand)}` };
    case 2:
      return {
        sql: `SELECT l.k, COUNT(*), SUM(r.w), MAX(l.v) FROM l ${type} r ON ${condition(rand)}${filter(rand)} GROUP BY l.k`,
      };
    case 3: {
      const inner = pick(rand, ["COUNT(*)", "SUM(w)", "MAX(w)", "COUNT(w)"]);
      return {
        sql: `SELECT l.id, g.n FROM l ${type} (SELECT k, ${inner} AS n FROM r GROUP BY k) AS g ON l.k = g.k`,
      };
    }
    case 4:
      return {
        sql: `SELECT l.id, r.id, e.x FROM l ${type} r ON l.k = r.k ${pick(rand, ["JOIN", "LEFT JOIN"])} e ON ${pick(rand, ["e.k = r.k", "e.k = l.k", "e.x = l.v"])}`,
      };
    case 5: {
      const [sub, nonEmpty] = pick<[string, TableName?]>(rand, [
        ["k IN (SELECT k FROM r)"],
        ["k NOT IN (SELECT k FROM r)"],
        ["k NOT IN (SELECT k FROM r WHERE k IS NOT NULL)"],
        ["v IN (SELECT w FROM r WHERE r.k = l.k)"],
        ["EXISTS (SELECT 1 FROM r WHERE r.k = l.k)"],
        ["NOT EXISTS (SELECT 1 FROM r WHERE r.k = l.k AND r.w > l.v)"],
        ["v > (SELECT MIN(x) FROM e)"],
        ["k IN (SELECT k FROM e) OR v > 15", "e"],
        ["EXISTS (SELECT 1 FROM e WHERE e.k = l.k) OR v < 3"],
        ["k NOT IN (SELECT k FROM e WHERE x > 5)"],
      ]);
      const sql = `SELECT id, k, v FROM l WHERE ${sub}`;
      return nonEmpty ? { sql, nonEmpty } : { sql };
    }
    case 6: {
      const [scalar, nonEmpty] = pick<[string, TableName?]>(rand, [
        ["(SELECT MAX(w) FROM r WHERE r.k = l.k)"],
        ["(SELECT COUNT(*) FROM r WHERE r.k = l.k)"],
        ["(SELECT SUM(x) FROM e WHERE e.k = l.k)"],
        ["(SELECT MIN(w) FROM r)"],
        ["k IN (SELECT k FROM r)", "r"],
      ]);
      const sql = `SELECT id, ${scalar} FROM l`;
      return nonEmpty ? { sql, nonEmpty } : { sql };
    }
    case 7:
      return {
        sql: `SELECT e.k, e.x, r.id FROM e ${type} r ON e.k = r.k${pick(rand, ["", " AND e.x > r.w"])}`,
      };
    default:
      return {
        sql: `SELECT r.k, COUNT(*) FROM l ${type} r ON ${condition(rand)} GROUP BY r.k HAVING COUNT(*) > 0`,
      };
  }
}
