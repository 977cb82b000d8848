// GROUP BY throughput of the engine: rows/s and rows/s per CPU core (process.cpuUsage), against DuckDB
// running the same query on the same rows in the same process. The engine runs the query as a stream
// (one changelog row out per change, -U/+U pairs included); DuckDB answers once in batch, so the ratio
// is an upper bound on what the incremental engine can match.
//   npm run bench -- engine-agg [--rows 1000000] [--keys 10000]
import { DuckDBInstance } from "@duckdb/node-api";
import type { Row } from "../src/common/value.ts";
import { createEngine } from "../src/engine/index.ts";

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const ROWS = arg("rows", 1_000_000);
const KEYS = arg("keys", 10_000);
const QUERY = "SELECT k, COUNT(*) AS n, SUM(v) AS s, MAX(v) AS hi FROM t GROUP BY k";

function generate(): Row[] {
  let seed = 42;
  const rand = (): number => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 4294967296;
  };
  return Array.from({ length: ROWS }, () => [`k${Math.floor(rand() * KEYS)}`, Math.floor(rand() * 1000)]);
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

const rows = generate();

const engine = createEngine({ clock: () => 0 });
await engine.execute("CREATE TABLE t (k STRING, v INT) WITH ('connector' = 'headwater')");
// A blackhole sink, as Nexmark's benchmarks use: the figure is the operators', not a result store's.
await engine.execute(
  "CREATE TABLE out_t (k STRING, n BIGINT, s INT, hi INT, PRIMARY KEY (k) NOT ENFORCED) WITH ('connector' = 'blackhole')",
);
const insert = await engine.execute(`INSERT INTO out_t ${QUERY}`);
if (insert.kind !== "insert") throw new Error("not an insert");
engine.insertRows("t", rows);
const ours = await measure(() => engine.runUntilIdle());
const failed = insert.jobs.find((j) => j.error);
if (failed) throw failed.error;

const duck = await (await DuckDBInstance.create(":memory:")).connect();
await duck.run("CREATE TABLE t (k VARCHAR, v INTEGER)");
const appender = await duck.createAppender("t");
for (const [k, v] of rows) {
  appender.appendVarchar(k as string);
  appender.appendInteger(v as number);
  appender.endRow();
}
appender.closeSync();
const theirs = await measure(() => duck.runAndReadAll(QUERY));
duck.closeSync();

const report = (name: string, m: Measured): void => {
  const perSecond = ROWS / m.seconds;
  const perCore = ROWS / m.cpuSeconds;
  console.log(
    `${name.padEnd(9)} ${(perSecond / 1e6).toFixed(2)} M rows/s  ${(perCore / 1e6).toFixed(2)} M rows/s per core  (${m.seconds.toFixed(3)} s wall, ${m.cpuSeconds.toFixed(3)} s CPU)`,
  );
};
console.log(`${ROWS} rows, ${KEYS} keys: ${QUERY}`);
report("headwater", ours);
report("duckdb", theirs);
console.log(
  `ratio headwater/duckdb: ${(theirs.seconds / ours.seconds).toFixed(3)} wall, ${(theirs.cpuSeconds / ours.cpuSeconds).toFixed(3)} per core`,
);
