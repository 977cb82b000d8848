// Checkpoint cost. Part 1, overhead: throughput of Nexmark q5 and q8 (nexmark connector → blackhole)
// and of a GROUP BY over many keys (datagen → blackhole), each run twice in this process — without
// checkpoints and with them every --interval — on the same seeded input; the ratio is the share of
// throughput checkpoints cost. Part 2, state: one checkpoint of the GROUP BY's state (time and bytes
// per key), against DuckDB making a table of the same number of rows durable (appender + CHECKPOINT
// into a database file) in the same run. Part 3, recovery: the time a restarted engine takes to
// resume the GROUP BY from its last checkpoint (read, decode, restore), against DuckDB opening its
// database file and reading the same rows back.
//   npm run bench -- checkpoint [--events 2000000] [--rows 2000000] [--keys 200000] [--interval 1000] [--rounds 2]
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { createEngine, type Engine } from "../src/engine/index.ts";

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const EVENTS = arg("events", 2_000_000);
const ROWS = arg("rows", 2_000_000);
const KEYS = arg("keys", 200_000);
const INTERVAL_MS = arg("interval", 1000);
const CORPUS = path.join(import.meta.dirname, "..", "test", "corpus", "nexmark");
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "headwater-bench-checkpoint-"));

interface Case {
  readonly name: string;
  /** Rows the source produces. */
  readonly rows: number;
  readonly script: string;
}

function nexmarkCase(query: string): Case {
  const ddl = fs
    .readFileSync(path.join(CORPUS, "ddl.sql"), "utf8")
    .replace("'events.num' = '100000000'", `'events.num' = '${EVENTS}', 'seed' = '42'`);
  return {
    name: `Nexmark ${query}`,
    rows: EVENTS,
    script: `${ddl}\n${fs.readFileSync(path.join(CORPUS, `${query}.sql`), "utf8")}`,
  };
}

const GROUP_BY: Case = {
  name: `GROUP BY ${KEYS} keys`,
  rows: ROWS,
  script: `
CREATE TABLE src (k BIGINT, v INT) WITH ('connector' = 'datagen', 'number-of-rows' = '${ROWS}',
  'rows-per-second' = '1000000000', 'fields.k.min' = '1', 'fields.k.max' = '${KEYS}',
  'fields.v.min' = '0', 'fields.v.max' = '1000', 'seed' = '7');
CREATE TABLE totals (k BIGINT, n BIGINT, s INT, hi INT, PRIMARY KEY (k) NOT ENFORCED) WITH ('connector' = 'blackhole');
INSERT INTO totals SELECT k, COUNT(*), SUM(v), MAX(v) FROM src GROUP BY k;`,
};

interface Run {
  readonly seconds: number;
  readonly engine: Engine;
  readonly dir: string;
}

async function run(c: Case, checkpoints: boolean): Promise<Run> {
  const dir = fs.mkdtempSync(path.join(scratch, "run-"));
  const engine = createEngine({
    storeDir: dir,
    ...(checkpoints ? { checkpoints: { intervalMs: INTERVAL_MS } } : {}),
  });
  const start = performance.now();
  await engine.executeScript(c.script);
  await engine.runBounded();
  const seconds = (performance.now() - start) / 1000;
  const failed = engine.jobs.find((j) => j.error);
  if (failed) throw failed.error;
  await engine.close();
  return { seconds, engine, dir };
}

/** Restarts the case's INSERT on a checkpointed run's folder: ms until it has resumed. */
async function resume(c: Case, dir: string): Promise<number> {
  const engine = createEngine({ storeDir: dir, checkpoints: { intervalMs: INTERVAL_MS } });
  const statements = c.script.trim().split(/;\s*\n/);
  await engine.executeScript(`${statements.slice(0, -1).join(";\n")};`);
  const start = performance.now();
  const result = await engine.execute(statements.at(-1)!);
  const ms = performance.now() - start;
  if (result.kind !== "insert" || !result.recovery?.restoredFrom)
    throw new Error("the statement did not resume");
  await engine.close();
  return ms;
}

/** Runs alternate (without, with, without, with) so JIT warm-up favours neither; the faster of each counts. */
const ROUNDS = arg("rounds", 2);

console.log(
  `checkpoint interval ${INTERVAL_MS} ms; each case ${ROUNDS}× without and with checkpoints, alternating, best of each`,
);
let groupState: { ms: number; bytes: number; dir: string } | undefined;
for (const c of [nexmarkCase("q5"), nexmarkCase("q8"), GROUP_BY]) {
  let plain: Run | undefined;
  let checkpointed: Run | undefined;
  for (let round = 0; round < ROUNDS; round++) {
    const a = await run(c, false);
    if (!plain || a.seconds < plain.seconds) plain = a;
    const b = await run(c, true);
    if (!checkpointed || b.seconds < checkpointed.seconds) checkpointed = b;
  }
  const taken = checkpointed!.engine.checkpoints.completed;
  const last = taken.at(-1);
  const mean = taken.reduce((sum, t) => sum + t.durationMs, 0) / Math.max(1, taken.length);
  const rate = (r: Run) => `${(c.rows / r.seconds / 1e3).toFixed(0)} K rows/s`;
  const ratio = plain!.seconds / checkpointed!.seconds;
  console.log(
    `${c.name.padEnd(22)} without ${rate(plain!).padStart(13)}   with ${rate(checkpointed!).padStart(13)}   ` +
      `ratio ${ratio.toFixed(3)} (overhead ${((1 - ratio) * 100).toFixed(1)}%)   ` +
      `${taken.length} checkpoints, mean ${mean.toFixed(1)} ms, last ${((last?.bytes ?? 0) / 1024).toFixed(0)} KiB`,
  );
  if (c === GROUP_BY && last) groupState = { ms: last.durationMs, bytes: last.bytes, dir: checkpointed!.dir };
}

// DuckDB making the same number of rows (key, count, sum, max) durable in a database file.
const duckFile = path.join(scratch, "state.duckdb");
const duck = await (await DuckDBInstance.create(duckFile)).connect();
await duck.run("CREATE TABLE state (k BIGINT, n BIGINT, s INTEGER, hi INTEGER)");
await duck.run("CHECKPOINT");
const emptySize = fs.statSync(duckFile).size;
const duckStart = performance.now();
const appender = await duck.createAppender("state");
for (let k = 1; k <= KEYS; k++) {
  appender.appendBigInt(BigInt(k));
  appender.appendBigInt(BigInt(ROWS / KEYS));
  appender.appendInteger((k * 7919) % 500_000);
  appender.appendInteger(k % 1000);
  appender.endRow();
}
appender.closeSync();
await duck.run("CHECKPOINT");
const duckMs = performance.now() - duckStart;
const duckBytes = fs.statSync(duckFile).size - emptySize;
duck.closeSync();

if (groupState) {
  const perKey = (ms: number, bytes: number) =>
    `${((ms * 1000) / KEYS).toFixed(2)} µs/key, ${(bytes / KEYS).toFixed(1)} bytes/key`;
  console.log(`\nstate of ${KEYS} keys, one checkpoint (capture, encode, write, fsync, commit):`);
  console.log(`headwater  ${groupState.ms.toFixed(1)} ms  ${perKey(groupState.ms, groupState.bytes)}`);
  console.log(
    `duckdb     ${duckMs.toFixed(1)} ms  ${perKey(duckMs, duckBytes)}  (append + CHECKPOINT of the same rows)`,
  );
  console.log(
    `ratio headwater/duckdb: time ${(groupState.ms / duckMs).toFixed(2)}, bytes ${(groupState.bytes / duckBytes).toFixed(2)}`,
  );
}
if (groupState) {
  const resumeMs = await resume(GROUP_BY, groupState.dir);
  const duckReopen = performance.now();
  const reopened = await (await DuckDBInstance.create(duckFile)).connect();
  const rows = (await reopened.runAndReadAll("SELECT * FROM state")).getRows().length;
  const duckReadMs = performance.now() - duckReopen;
  reopened.closeSync();
  console.log(`\nrecovery of ${KEYS} keys (${(groupState.bytes / 2 ** 20).toFixed(1)} MiB of state):`);
  console.log(`headwater  ${resumeMs.toFixed(1)} ms to resume the GROUP BY from its checkpoint`);
  console.log(`duckdb     ${duckReadMs.toFixed(1)} ms to open its file and read the ${rows} rows`);
  console.log(`ratio headwater/duckdb: ${(resumeMs / duckReadMs).toFixed(2)}`);
}
fs.rmSync(scratch, { recursive: true, force: true });
