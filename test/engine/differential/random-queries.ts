// A seeded generator of small tables and GROUP BY / filter / projection queries that Flink and DuckDB
// answer alike (integer arithmetic without division, no AVG of integers, no empty global groups).

export function random(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

/** id INT (primary key), k1 STRING, k2 INT, v INT (nullable), w INT. */
export type TableRow = [number, string, number, number | null, number];

export interface Changes {
  readonly upserts: TableRow[];
  readonly deletes: number[];
}

/** Rows written in order, some ids written twice (updates), some deleted afterwards (retractions). */
export function randomChanges(rand: () => number, count: number): Changes {
  const upserts: TableRow[] = [];
  const ids = Math.max(2, Math.floor(count * 0.7));
  for (let i = 0; i < count; i++) {
    upserts.push([
      Math.floor(rand() * ids),
      ["a", "b", "c", "d"][Math.floor(rand() * 4)]!,
      Math.floor(rand() * 3),
      rand() < 0.15 ? null : Math.floor(rand() * 21) - 10,
      Math.floor(rand() * 100),
    ]);
  }
  const deletes = Array.from({ length: Math.floor(rand() * count * 0.2) }, () => Math.floor(rand() * ids));
  return { upserts, deletes };
}

/** The table's final contents: last write per id, minus the deleted ids. */
export function finalRows(changes: Changes): TableRow[] {
  const byId = new Map<number, TableRow>();
  for (const row of changes.upserts) byId.set(row[0], row);
  for (const id of changes.deletes) byId.delete(id);
  return [...byId.values()];
}

const pick = <T>(rand: () => number, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;

function predicate(rand: () => number): string {
  return pick(rand, [
    "v > 0",
    "v IS NULL",
    "v IS NOT NULL AND w < 50",
    "k1 IN ('a', 'c')",
    "k2 = 1 OR v < -3",
    "w BETWEEN 10 AND 60",
    "k1 <> 'b' AND (v + w) > 20",
    "COALESCE(v, 0) >= 0",
  ]);
}

function aggregate(rand: () => number): string {
  const base = pick(rand, [
    "COUNT(*)",
    "COUNT(v)",
    "SUM(v)",
    "MIN(v)",
    "MAX(v)",
    "SUM(w)",
    "MIN(k1)",
    "MAX(w - v)",
    "COUNT(DISTINCT k2)",
    "SUM(DISTINCT v)",
    "COUNT(DISTINCT k1)",
  ]);
  if (rand() < 0.2) return `${base} FILTER (WHERE ${predicate(rand)})`;
  return base;
}

function projection(rand: () => number): string {
  return pick(rand, [
    "id",
    "v + w",
    "w * 2 - k2",
    "CASE WHEN v > 0 THEN 'pos' WHEN v < 0 THEN 'neg' ELSE 'zero' END",
    "COALESCE(v, -100)",
    "UPPER(k1)",
    "k1 || '-x'",
    "v IS NULL",
  ]);
}

export function randomQuery(rand: () => number): string {
  const where = rand() < 0.5 ? ` WHERE ${predicate(rand)}` : "";
  switch (Math.floor(rand() * 5)) {
    case 0: {
      const items = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => projection(rand));
      return `SELECT ${items.join(", ")} FROM t${where}`;
    }
    case 1:
    case 2: {
      const keys = pick(rand, [["k1"], ["k2"], ["k1", "k2"], ["k2 * 10 + 1"]]);
      const aggs = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => aggregate(rand));
      const having = rand() < 0.3 ? ` HAVING COUNT(*) > 1` : "";
      return `SELECT ${[...keys, ...aggs].join(", ")} FROM t${where} GROUP BY ${keys.join(", ")}${having}`;
    }
    case 3: {
      // Global aggregation: Flink emits no row for an empty input, so keep only non-empty results.
      const aggs = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => aggregate(rand));
      return `SELECT ${aggs.join(", ")} FROM t${where} HAVING COUNT(*) > 0`;
    }
    default: {
      // Two levels: the inner result's updates retract through the outer aggregate.
      const inner = pick(rand, ["COUNT(*)", "SUM(w)", "MAX(v)", "MIN(w)"]);
      const outer = pick(rand, ["COUNT(*)", "SUM(x)", "MAX(x)", "MIN(x)", "COUNT(x)"]);
      return `SELECT g, ${outer} FROM (SELECT k1, k2 AS g, ${inner} AS x FROM t${where} GROUP BY k1, k2) AS s GROUP BY g`;
    }
  }
}
