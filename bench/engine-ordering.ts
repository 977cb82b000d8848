// Throughput of deduplication, Top-N and OVER aggregation: rows/s and rows/s per CPU core
// (process.cpuUsage), against DuckDB running the same query on the same rows in the same process.
// The engine runs each query as a stream into a blackhole sink (every change emitted as it happens,
// watermarks included); DuckDB answers once in batch, so the ratio is an upper bound on what an
// incremental engine can match.
//   npm run bench -- engine-ordering [--rows 1000000] [--keys 10000]
import { DuckDBInstance, DuckDBTimestampValue } from "@duckdb/node-api";
import type { Row } from "../src/common/value.ts";
import { createEngine } from "../src/engine/index.ts";

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const ROWS = arg("rows", 1_000_000);
const KEYS = arg("keys", 10_000);

/** `duckdb`: the same query for DuckDB when it cannot run the Flink SQL (window TVFs). */
const QUERIES: { name: string; sql: string; sink: string; duckdb?: string }[] = [
  {
    name: "top-10 (AppendOnlyTopN, rank number)",
    sql: "SELECT * FROM (SELECT k, v, ts, ROW_NUMBER() OVER (PARTITION BY k ORDER BY v DESC) AS rn FROM t) WHERE rn <= 10",
    sink: "k STRING, v INT, ts TIMESTAMP(3), rn BIGINT",
  },
  {
    name: "dedup keep last (rowtime)",
    sql: "SELECT k, v, ts FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY k ORDER BY ts DESC) AS rn FROM t) WHERE rn = 1",
    sink: "k STRING, v INT, ts TIMESTAMP(3)",
  },
  {
    name: "OVER ROWS 10 PRECEDING (rowtime)",
    sql: "SELECT k, v, SUM(v) OVER (PARTITION BY k ORDER BY ts ROWS BETWEEN 10 PRECEDING AND CURRENT ROW) AS s FROM t",
    sink: "k STRING, v INT, s INT",
  },
  {
    name: "window top-3 per key (WindowRank, TUMBLE 10 s)",
    sql: "SELECT k, v, ts, window_start, rn FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end, k ORDER BY v DESC) AS rn FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '10' SECOND))) WHERE rn <= 3",
    sink: "k STRING, v INT, ts TIMESTAMP(3), window_start TIMESTAMP(3), rn BIGINT",
    duckdb:
      "SELECT k, v, ts, ws, rn FROM (SELECT *, time_bucket(INTERVAL 10 SECOND, ts) AS ws, ROW_NUMBER() OVER (PARTITION BY k, time_bucket(INTERVAL 10 SECOND, ts) ORDER BY v DESC) AS rn FROM t) WHERE rn <= 3",
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
  // Event time advances one millisecond per row, a few milliseconds out of order.
  return Array.from({ length: ROWS }, (_, i) => [
    `k${Math.floor(rand() * KEYS)}`,
    Math.floor(rand() * 1000),
    1_700_000_000_000 + i - Math.floor(rand() * 5),
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

const report = (name: string, m: Measured): void => {
  console.log(
    `  ${name.padEnd(9)} ${(ROWS / m.seconds / 1e6).toFixed(2)} M rows/s  ${(ROWS / m.cpuSeconds / 1e6).toFixed(2)} M rows/s per core  (${m.seconds.toFixed(3)} s wall, ${m.cpuSeconds.toFixed(3)} s CPU)`,
  );
};

const rows = generate();

const duck = await (await DuckDBInstance.create(":memory:")).connect();
await duck.run("CREATE TABLE t (k VARCHAR, v INTEGER, ts TIMESTAMP)");
const appender = await duck.createAppender("t");
for (const [k, v, ts] of rows) {
  appender.appendVarchar(k as string);
  appender.appendInteger(v as number);
  appender.appendTimestamp(new DuckDBTimestampValue(BigInt(ts as number) * 1000n));
  appender.endRow();
}
appender.closeSync();

console.log(`${ROWS} rows, ${KEYS} keys`);
for (const q of QUERIES) {
  const engine = createEngine({ clock: () => 0 });
  await engine.execute(
    "CREATE TABLE t (k STRING, v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH ('connector' = 'headwater')",
  );
  await engine.execute(`CREATE TABLE out_t (${q.sink}) WITH ('connector' = 'blackhole')`);
  const insert = await engine.execute(`INSERT INTO out_t ${q.sql}`);
  if (insert.kind !== "insert") throw new Error("not an insert");
  engine.insertRows("t", rows);
  const ours = await measure(() => engine.runBounded());
  const failed = insert.jobs.find((j) => j.error);
  if (failed) throw failed.error;
  const theirs = await measure(() => duck.runAndReadAll(q.duckdb ?? q.sql));
  console.log(q.name);
  report("headwater", ours);
  report("duckdb", theirs);
  console.log(
    `  ratio headwater/duckdb: ${(theirs.seconds / ours.seconds).toFixed(3)} wall, ${(theirs.cpuSeconds / ours.cpuSeconds).toFixed(3)} per core`,
  );
}
duck.closeSync();
