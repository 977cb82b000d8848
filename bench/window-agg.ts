// Window aggregation throughput of the engine (TUMBLE, HOP, SESSION per key, event time) in rows/s and
// rows/s per CPU core, against DuckDB computing the same windows with integer arithmetic on the same
// rows in the same process. The engine runs each query as a stream (rows in time order, watermarks,
// windows firing as time passes) into a blackhole sink; DuckDB answers once in batch.
//   npm run bench -- window-agg [--rows 1000000] [--keys 10000] [--rate 10000]
import { DuckDBInstance } from "@duckdb/node-api";
import type { Row } from "../src/common/value.ts";
import { createEngine } from "../src/engine/index.ts";

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const ROWS = arg("rows", 1_000_000);
const KEYS = arg("keys", 10_000);
/** Events per second of event time: 10,000 spreads a million rows over 100 s. */
const RATE = arg("rate", 10_000);
const BASE = Date.UTC(2024, 0, 1);

interface Case {
  readonly name: string;
  readonly sql: string;
  readonly duckdb: string;
}

const CASES: readonly Case[] = [
  {
    name: "TUMBLE 10 s",
    sql: `SELECT k, window_start, window_end, COUNT(*), SUM(v), MAX(v)
      FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY k, window_start, window_end`,
    duckdb: "SELECT k, ts - ts % 10000 AS s, COUNT(*), SUM(v), MAX(v) FROM t GROUP BY k, s",
  },
  {
    name: "HOP 10 s / 2 s",
    sql: `SELECT k, window_start, window_end, COUNT(*), SUM(v), MAX(v)
      FROM TABLE(HOP(TABLE t, DESCRIPTOR(ts), INTERVAL '2' SECOND, INTERVAL '10' SECOND)) GROUP BY k, window_start, window_end`,
    duckdb: `SELECT k, ts - ts % 2000 - i * 2000 AS s, COUNT(*), SUM(v), MAX(v)
      FROM t CROSS JOIN range(5) AS r(i) GROUP BY k, s`,
  },
  {
    name: "SESSION 5 s",
    sql: `SELECT k, window_start, window_end, COUNT(*), SUM(v), MAX(v)
      FROM TABLE(SESSION(TABLE t PARTITION BY k, DESCRIPTOR(ts), INTERVAL '5' SECOND)) GROUP BY k, window_start, window_end`,
    duckdb: `WITH g AS (SELECT k, v, ts, ts - LAG(ts) OVER (PARTITION BY k ORDER BY ts) AS gap FROM t),
      n AS (SELECT k, v, ts, SUM(CASE WHEN gap IS NULL OR gap > 5000 THEN 1 ELSE 0 END) OVER (PARTITION BY k ORDER BY ts) AS s FROM g)
      SELECT k, MIN(ts), MAX(ts) + 5000, COUNT(*), SUM(v), MAX(v) FROM n GROUP BY k, s`,
  },
];

function generate(): Row[] {
  let seed = 42;
  const rand = (): number => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 4294967296;
  };
  return Array.from({ length: ROWS }, (_, i) => [
    `k${Math.floor(rand() * KEYS)}`,
    Math.floor(rand() * 1000),
    BASE + Math.floor((i * 1000) / RATE),
  ]);
}

interface Measured {
  readonly seconds: number;
  /** User + system time of the whole process: DuckDB's worker threads included. */
  readonly cpuSeconds: number;
}

async function measure(run: () => unknown): Promise<Measured> {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  await run();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const used = process.cpuUsage(cpu);
  return { seconds, cpuSeconds: (used.user + used.system) / 1e6 };
}

async function runEngine(rows: readonly Row[], sql: string): Promise<Measured> {
  const engine = createEngine({ clock: () => BASE });
  await engine.execute(
    "CREATE TABLE t (k STRING, v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH ('connector' = 'headwater')",
  );
  await engine.execute(
    "CREATE TABLE out_t (k STRING, ws TIMESTAMP(3), we TIMESTAMP(3), n BIGINT, s INT, hi INT) WITH ('connector' = 'blackhole')",
  );
  const insert = await engine.execute(`INSERT INTO out_t ${sql}`);
  if (insert.kind !== "insert") throw new Error("not an insert");
  engine.insertRows("t", rows);
  const measured = await measure(() => engine.runBounded());
  const failed = insert.jobs.find((j) => j.error);
  if (failed) throw failed.error;
  return measured;
}

const rows = generate();
const duck = await (await DuckDBInstance.create(":memory:")).connect();
await duck.run("CREATE TABLE t (k VARCHAR, v INTEGER, ts BIGINT)");
const appender = await duck.createAppender("t");
for (const [k, v, ts] of rows) {
  appender.appendVarchar(k as string);
  appender.appendInteger(v as number);
  appender.appendBigInt(BigInt(ts as number));
  appender.endRow();
}
appender.closeSync();

const format = (m: Measured): string =>
  `${(ROWS / m.seconds / 1e3).toFixed(0)} K rows/s, ${(ROWS / m.cpuSeconds / 1e3).toFixed(0)} K rows/s per core (${m.seconds.toFixed(3)} s wall, ${m.cpuSeconds.toFixed(3)} s CPU)`;
console.log(`${ROWS} rows, ${KEYS} keys, ${RATE} rows per second of event time`);
for (const c of CASES) {
  const ours = await runEngine(rows, c.sql);
  const theirs = await measure(() => duck.runAndReadAll(c.duckdb));
  console.log(`${c.name}`);
  console.log(`  headwater ${format(ours)}`);
  console.log(`  duckdb    ${format(theirs)}`);
  console.log(
    `  ratio headwater/duckdb: ${(theirs.seconds / ours.seconds).toFixed(3)} wall, ${(theirs.cpuSeconds / ours.cpuSeconds).toFixed(3)} per core`,
  );
}
duck.closeSync();
