// The cost of user-defined functions in the engine: a query calling TypeScript UDFs against the same
// query written with built-in functions, on the same rows in the same run (ratio = UDF / built-in
// rows per second). Scalar: count_char(s, 'a') vs CHAR_LENGTH(s) - CHAR_LENGTH(REPLACE(s, 'a', ''));
// aggregate: weighted_avg(v, w) vs SUM(v * w) / SUM(w), grouped by key; both into blackhole sinks.
//   npm run bench -- udf [--rows 500000]
import { join } from "node:path";
import type { Row } from "../src/common/value.ts";
import { createEngine } from "../src/engine/index.ts";

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const ROWS = arg("rows", 500_000);
const RUNS = 3;
const FIXTURES = join(import.meta.dirname, "..", "test", "fixtures", "udf");

const PAIRS: readonly { name: string; udf: string; builtin: string; sink: string }[] = [
  {
    name: "scalar",
    udf: "SELECT k, count_char(s, 'a') FROM t",
    builtin: "SELECT k, CAST(CHAR_LENGTH(s) - CHAR_LENGTH(REPLACE(s, 'a', '')) AS BIGINT) FROM t",
    sink: "(k STRING, n BIGINT)",
  },
  {
    name: "aggregate",
    udf: "SELECT k, weighted_avg(v, w) FROM t GROUP BY k",
    builtin: "SELECT k, SUM(v * w) / SUM(w) FROM t GROUP BY k",
    sink: "(k STRING, a BIGINT, PRIMARY KEY (k) NOT ENFORCED)",
  },
];

function generate(): Row[] {
  let seed = 7;
  const rand = (): number => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 4294967296;
  };
  const word = (): string =>
    Array.from({ length: 4 + Math.floor(rand() * 12) }, () => "abcd"[Math.floor(rand() * 4)]).join("");
  return Array.from({ length: ROWS }, () => [
    `k${Math.floor(rand() * 1000)}`,
    word(),
    Math.floor(rand() * 1000),
    1 + Math.floor(rand() * 5),
  ]);
}

/** Best rows/s over RUNS fresh engines. */
async function rowsPerSecond(query: string, sink: string, rows: Row[]): Promise<number> {
  let best = 0;
  for (let run = 0; run < RUNS; run++) {
    const engine = createEngine({ clock: () => 0, functionDir: FIXTURES });
    await engine.executeScript(`
      CREATE TABLE t (k STRING, s STRING, v BIGINT, w INT) WITH ('connector' = 'headwater');
      CREATE TABLE out_t ${sink} WITH ('connector' = 'blackhole');
      CREATE FUNCTION count_char AS 'strings.ts#countChar' LANGUAGE TYPESCRIPT;
      CREATE FUNCTION weighted_avg AS 'aggregates.ts#weightedAvg' LANGUAGE TYPESCRIPT;
    `);
    const insert = await engine.execute(`INSERT INTO out_t ${query}`);
    if (insert.kind !== "insert") throw new Error("not an insert");
    engine.insertRows("t", rows);
    const start = process.hrtime.bigint();
    engine.runUntilIdle();
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const failed = insert.jobs.find((j) => j.error);
    if (failed) throw failed.error;
    best = Math.max(best, ROWS / seconds);
    await engine.close();
  }
  return best;
}

const rows = generate();
console.log(`${ROWS} rows, best of ${RUNS}`);
for (const pair of PAIRS) {
  const udf = await rowsPerSecond(pair.udf, pair.sink, rows);
  const builtin = await rowsPerSecond(pair.builtin, pair.sink, rows);
  console.log(
    `${pair.name.padEnd(9)} UDF ${(udf / 1e6).toFixed(2)} M rows/s  built-in ${(builtin / 1e6).toFixed(2)} M rows/s  ratio ${(udf / builtin).toFixed(2)}`,
  );
}
