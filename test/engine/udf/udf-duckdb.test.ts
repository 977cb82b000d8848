import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Row, SqlValue } from "../../../src/common/value.ts";
import { createEngine, formatValue } from "../../../src/engine/index.ts";

/**
 * User-defined functions against DuckDB: a primary-key table receives upserts and deletes in rounds
 * (so aggregates retract and the Correlate forwards -U/+U/-D), and the engine's materialized result
 * equals DuckDB's answer, computed with built-in SQL, on the table's final contents.
 */
const FIXTURES = join(import.meta.dirname, "..", "..", "fixtures", "udf");
const SEEDS = process.env.HEADWATER_SOAK === "1" ? 300 : 12;

const QUERIES: readonly { name: string; engine: string; duckdb: string }[] = [
  {
    name: "weighted_avg per key (retracts)",
    engine: "SELECT k, weighted_avg(v, w) FROM t GROUP BY k",
    duckdb: "SELECT k, SUM(v * w) // NULLIF(SUM(w), 0) FROM t GROUP BY k",
  },
  {
    name: "count_char per row",
    engine: "SELECT id, count_char(s, 'a') FROM t",
    duckdb: "SELECT id, length(s) - length(replace(s, 'a', '')) FROM t",
  },
  {
    name: "SUM of count_char per key",
    engine: "SELECT k, SUM(count_char(s, 'b')) FROM t GROUP BY k",
    duckdb: "SELECT k, SUM(length(s) - length(replace(s, 'b', ''))) FROM t GROUP BY k",
  },
  {
    name: "LATERAL TABLE(split) words",
    engine: "SELECT id, word, length FROM t, LATERAL TABLE(split_words(s, 'c'))",
    duckdb:
      "SELECT id, word, length(word) FROM (SELECT id, unnest(string_split(s, 'c')) AS word FROM t) WHERE word <> ''",
  },
  {
    name: "LEFT JOIN LATERAL TABLE, counted per key",
    engine:
      "SELECT k, COUNT(*), COUNT(word) FROM t LEFT JOIN LATERAL TABLE(split_words(s, 'a')) ON TRUE GROUP BY k",
    duckdb: `SELECT k, COUNT(*), COUNT(word) FROM (
      SELECT t.k, w.word FROM t LEFT JOIN (
        SELECT id, word FROM (SELECT id, unnest(string_split(s, 'a')) AS word FROM t) WHERE word <> ''
      ) AS w ON w.id = t.id
    ) GROUP BY k`,
  },
];

type Change = { kind: "upsert"; row: Row } | { kind: "delete"; id: number };

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function randomChanges(rand: () => number, count: number): Change[] {
  const pick = (n: number): number => Math.floor(rand() * n);
  const word = (): string => Array.from({ length: pick(7) }, () => "abcx"[pick(4)]).join("");
  return Array.from({ length: count }, (): Change => {
    const id = pick(8);
    if (rand() < 0.2) return { kind: "delete", id };
    return { kind: "upsert", row: [id, "pqr"[pick(3)]!, pick(50), pick(4), word()] };
  });
}

function finalRows(changes: readonly Change[]): Row[] {
  const rows = new Map<number, Row>();
  for (const c of changes) {
    if (c.kind === "delete") rows.delete(c.id);
    else rows.set(c.row[0] as number, c.row);
  }
  return [...rows.values()];
}

const text = (v: unknown): string => (v === null || v === undefined ? "NULL" : String(v));

async function engineRows(changes: readonly Change[], sql: string, rand: () => number): Promise<string[]> {
  const engine = createEngine({ clock: () => 0, functionDir: FIXTURES });
  await engine.executeScript(`
    CREATE TABLE t (id INT, k STRING, v BIGINT, w INT, s STRING, PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = 'headwater');
    CREATE FUNCTION weighted_avg AS 'aggregates.ts#weightedAvg' LANGUAGE TYPESCRIPT;
    CREATE FUNCTION count_char AS 'strings.ts#countChar' LANGUAGE TYPESCRIPT;
    CREATE FUNCTION split_words AS 'strings.ts#split' LANGUAGE TYPESCRIPT;
  `);
  const result = await engine.execute(sql);
  if (result.kind !== "query") throw new Error("not a query");
  for (let at = 0; at < changes.length; ) {
    const size = 1 + Math.floor(rand() * 5);
    for (const c of changes.slice(at, at + size)) {
      if (c.kind === "delete") {
        if (finalRows(changes.slice(0, changes.indexOf(c))).some((r) => r[0] === c.id))
          engine.deleteRows("t", [[c.id, null, null, null, null]]);
      } else engine.insertRows("t", [c.row]);
    }
    at += size;
    engine.runUntilIdle();
  }
  if (result.error) return [`failed: ${result.error.message}`];
  return result
    .table()
    .map((r) =>
      r.map((v: SqlValue, i) => text(v === null ? null : formatValue(v, result.columns[i]!.type))).join("|"),
    )
    .sort();
}

let duck: Awaited<ReturnType<DuckDBInstance["connect"]>>;
beforeAll(async () => {
  duck = await (await DuckDBInstance.create(":memory:")).connect();
});
afterAll(() => duck.closeSync());

async function duckRows(changes: readonly Change[], sql: string): Promise<string[]> {
  await duck.run("DROP TABLE IF EXISTS t");
  await duck.run("CREATE TABLE t (id INTEGER, k VARCHAR, v BIGINT, w INTEGER, s VARCHAR)");
  const rows = finalRows(changes);
  if (rows.length > 0)
    await duck.run(
      `INSERT INTO t VALUES ${rows.map((r) => `(${r[0]}, '${r[1]}', ${r[2]}, ${r[3]}, '${r[4]}')`).join(", ")}`,
    );
  const reader = await duck.runAndReadAll(sql);
  return reader
    .getRows()
    .map((r) => r.map(text).join("|"))
    .sort();
}

describe("differential: user-defined functions vs DuckDB", () => {
  for (const query of QUERIES) {
    it(`${query.name}: ${SEEDS} random upsert/delete streams`, async () => {
      for (let seed = 1; seed <= SEEDS; seed++) {
        const rand = random(seed * 31 + 7);
        const changes = randomChanges(rand, 5 + Math.floor(rand() * 30));
        const mine = await engineRows(changes, query.engine, rand);
        const theirs = await duckRows(changes, query.duckdb);
        expect(mine, `seed ${seed}`).toEqual(theirs);
      }
    });
  }
});
