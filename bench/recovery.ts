// Recovery of large state (issue 5: "recovery time for 1 GB of state"). A regular join of orders
// (~200-byte rows: ids, an amount and a 150-character note) with their customers keeps every row of
// both inputs in state. One process builds it — the bounded join runs under periodic checkpoints and
// the engine closes, writing its last checkpoint — and reports the longest checkpoint and the longest
// gap between two processed batches (a checkpoint stops processing while it runs). A fresh process
// then restarts the INSERT and times its resumption (read, decode, restore), with its peak RSS. The
// peer, in the same run: DuckDB writes the same number of rows of the same widths into a database
// file, and a fresh process opens it and reads every row back into JavaScript.
//   npm run bench -- recovery [--state-gb 1] [--interval 60000] [--record]
// --record writes bench/results/recovery-<time>.{json,md}.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { createEngine } from "../src/engine/index.ts";
import { formatBytes, formatRatio } from "./lib/format.ts";
import { machineInfo } from "./lib/machine.ts";
import { resultBaseName, writeResultFiles } from "./lib/result-files.ts";

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) {
    console.error(`--${name} must be a positive number`);
    process.exit(2);
  }
  return value;
};
const STATE_GB = arg("state-gb", 1);
const INTERVAL_MS = arg("interval", 60_000);
/** Encoded bytes of one order in the snapshot (row, record wrapper, join key), measured. */
const BYTES_PER_ORDER = 176;
const ORDERS = Math.round((STATE_GB * 2 ** 30) / BYTES_PER_ORDER);
const CUSTOMERS = Math.max(1, Math.round(ORDERS / 20));
const NOTE = 150;
const NAME = 40;
/** The children hold the state in the JS heap: give them room (the machine has 23 GiB). */
const HEAP_MB = 16_384;

const DDL = `
CREATE TABLE orders (customer_id BIGINT, order_id BIGINT, amount DOUBLE, note STRING) WITH (
  'connector' = 'datagen', 'number-of-rows' = '${ORDERS}', 'rows-per-second' = '1000000000', 'seed' = '11',
  'fields.customer_id.min' = '1', 'fields.customer_id.max' = '${CUSTOMERS}',
  'fields.order_id.kind' = 'sequence', 'fields.order_id.start' = '1', 'fields.order_id.end' = '${ORDERS}',
  'fields.amount.min' = '0', 'fields.amount.max' = '1000', 'fields.note.length' = '${NOTE}');
CREATE TABLE customers (id BIGINT, name STRING, segment INT) WITH (
  'connector' = 'datagen', 'number-of-rows' = '${CUSTOMERS}', 'rows-per-second' = '1000000000', 'seed' = '12',
  'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '${CUSTOMERS}',
  'fields.name.length' = '${NAME}', 'fields.segment.min' = '1', 'fields.segment.max' = '9');
CREATE TABLE enriched (order_id BIGINT, name STRING, segment INT, amount DOUBLE, note STRING) WITH ('connector' = 'blackhole');
SET 'pipeline.name' = 'orders-enriched';
SET 'execution.checkpointing.interval' = '${INTERVAL_MS} ms';`;
const INSERT = `INSERT INTO enriched SELECT o.order_id, c.name, c.segment, o.amount, o.note
  FROM orders o JOIN customers c ON o.customer_id = c.id`;

interface BuildReport {
  readonly seconds: number;
  readonly checkpoints: {
    readonly durationMs: number;
    readonly captureMs: number;
    readonly writeMs: number;
    readonly bytes: number;
  }[];
  readonly maxGapMs: number;
  readonly snapshotBytes: number;
  readonly peakRssBytes: number;
}
interface ResumeReport {
  readonly ms: number;
  /** CPU time of the process meanwhile (user + system): on a shared machine, wall time waits for cores. */
  readonly cpuMs: number;
  readonly rssBeforeBytes: number;
  readonly peakRssBytes: number;
  readonly rows: number;
}

const peakRss = (): number => process.resourceUsage().maxRSS * 1024;
const cpuMillis = (since: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

/** Child: runs the join to the end of its input under checkpoints, then closes the engine. */
async function build(dir: string): Promise<BuildReport> {
  const engine = createEngine({ storeDir: dir });
  await engine.executeScript(`${DDL}\n${INSERT};`);
  // A checkpoint runs between two rounds of job steps: the longest gap between steps is the
  // longest time processing stood still.
  let lastStepEnd = 0;
  let maxGapMs = 0;
  for (const job of engine.jobs) {
    const step = job.step.bind(job);
    job.step = (batch: number) => {
      const start = performance.now();
      if (lastStepEnd > 0) maxGapMs = Math.max(maxGapMs, start - lastStepEnd);
      const progressed = step(batch);
      lastStepEnd = performance.now();
      return progressed;
    };
  }
  const start = performance.now();
  await engine.runBounded();
  const failed = engine.jobs.find((j) => j.error);
  if (failed) throw failed.error;
  await engine.close();
  const seconds = (performance.now() - start) / 1000;
  const checkpoints = engine.checkpoints.completed.map(({ durationMs, captureMs, writeMs, bytes }) => ({
    durationMs,
    captureMs,
    writeMs,
    bytes,
  }));
  const last = engine.checkpoints.completed.at(-1);
  if (!last) throw new Error("no checkpoint completed");
  return {
    seconds,
    checkpoints,
    maxGapMs,
    snapshotBytes: fs.statSync(last.file).size,
    peakRssBytes: peakRss(),
  };
}

/** Child: a restarted engine resumes the INSERT from its last checkpoint. */
async function resume(dir: string): Promise<ResumeReport> {
  const engine = createEngine({ storeDir: dir });
  await engine.executeScript(DDL);
  const rssBeforeBytes = process.memoryUsage().rss;
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = await engine.execute(INSERT);
  const ms = performance.now() - start;
  const cpuMs = cpuMillis(cpu);
  if (result.kind !== "insert" || !result.recovery?.restoredFrom)
    throw new Error("the INSERT did not resume");
  const peakRssBytes = peakRss();
  await engine.close();
  return { ms, cpuMs, rssBeforeBytes, peakRssBytes, rows: ORDERS + CUSTOMERS };
}

/** Child: DuckDB writes rows of the same shapes and widths into a database file, durably. */
async function duckBuild(file: string): Promise<{ readonly ms: number; readonly bytes: number }> {
  const connection = await (await DuckDBInstance.create(file)).connect();
  const hex = (chars: number, salt: string) =>
    `substr(${Array.from({ length: Math.ceil(chars / 32) }, (_, i) => `md5(i::VARCHAR || '${salt}${i}')`).join(" || ")}, 1, ${chars})`;
  const start = performance.now();
  await connection.run(
    `CREATE TABLE orders AS SELECT (1 + (hash(i) % ${CUSTOMERS}))::BIGINT AS customer_id, i + 1 AS order_id,
       random() * 1000 AS amount, ${hex(NOTE, "n")} AS note FROM range(${ORDERS}) t(i)`,
  );
  await connection.run(
    `CREATE TABLE customers AS SELECT i + 1 AS id, ${hex(NAME, "c")} AS name, (1 + i % 9)::INTEGER AS segment
       FROM range(${CUSTOMERS}) t(i)`,
  );
  await connection.run("CHECKPOINT");
  const ms = performance.now() - start;
  connection.closeSync();
  return { ms, bytes: fs.statSync(file).size };
}

/** Child: a fresh process opens the DuckDB file and reads every row back. */
async function duckRead(file: string): Promise<ResumeReport> {
  const rssBeforeBytes = process.memoryUsage().rss;
  const cpu = process.cpuUsage();
  const start = performance.now();
  const connection = await (await DuckDBInstance.create(file)).connect();
  let rows = 0;
  for (const table of ["orders", "customers"])
    rows += (await connection.runAndReadAll(`SELECT * FROM ${table}`)).getRows().length;
  const ms = performance.now() - start;
  const cpuMs = cpuMillis(cpu);
  const peakRssBytes = peakRss();
  connection.closeSync();
  return { ms, cpuMs, rssBeforeBytes, peakRssBytes, rows };
}

async function child(mode: string, target: string): Promise<void> {
  const report =
    mode === "build"
      ? await build(target)
      : mode === "resume"
        ? await resume(target)
        : mode === "duck-build"
          ? await duckBuild(target)
          : await duckRead(target);
  fs.writeFileSync(path.join(path.dirname(target), `${mode}.json`), JSON.stringify(report));
}

function runChild<T>(mode: string, target: string): T {
  const result = spawnSync(
    process.execPath,
    [
      `--max-old-space-size=${HEAP_MB}`,
      "--no-warnings",
      ...process.execArgv.filter((a) => a.startsWith("--cpu-prof")),
      import.meta.filename,
      "--child",
      mode,
      target,
      ...process.argv.slice(2),
    ],
    { stdio: "inherit" },
  );
  if (result.status !== 0) throw new Error(`${mode} failed (exit ${result.status})`);
  return JSON.parse(fs.readFileSync(path.join(path.dirname(target), `${mode}.json`), "utf8")) as T;
}

async function main(): Promise<void> {
  const machine = machineInfo();
  const startedAt = new Date().toISOString();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "headwater-bench-recovery-"));
  try {
    const lines: string[] = [];
    const say = (line: string) => {
      console.log(line);
      lines.push(line);
    };
    say(
      `recovery: join of ${ORDERS} orders (${NOTE}-character notes) with ${CUSTOMERS} customers, ` +
        `checkpoint interval ${INTERVAL_MS} ms`,
    );
    const stateDir = path.join(scratch, "engine");
    const built = runChild<BuildReport>("build", stateDir);
    say(
      `build: ${built.seconds.toFixed(1)} s, peak RSS ${formatBytes(built.peakRssBytes)}; ` +
        `longest gap between two processed batches ${built.maxGapMs.toFixed(0)} ms`,
    );
    say("checkpoints (processing stops while one runs): size, total = capture + encode/write/fsync, ms");
    for (const c of built.checkpoints)
      say(
        `  ${formatBytes(c.bytes).padStart(9)}  ${c.durationMs.toFixed(0).padStart(6)} = ${c.captureMs.toFixed(0).padStart(5)} + ` +
          `${c.writeMs.toFixed(0).padStart(6)}   ${((c.bytes / 2 ** 20 / c.durationMs) * 1000).toFixed(0)} MiB/s`,
      );
    const resumed = runChild<ResumeReport>("resume", stateDir);
    const duckFile = path.join(scratch, "duck", "state.duckdb");
    fs.mkdirSync(path.dirname(duckFile));
    const duckBuilt = runChild<{ ms: number; bytes: number }>("duck-build", duckFile);
    const duckRead = runChild<ResumeReport>("duck-read", duckFile);
    const rate = (r: ResumeReport) => `${(((r.rows / r.ms) * 1000) / 1e6).toFixed(2)} M rows/s`;
    say("");
    say(
      `                 resume  (CPU)        rows        rate            peak RSS (before)   state on disk`,
    );
    say(
      `headwater   ${`${(resumed.ms / 1000).toFixed(2)} s`.padStart(10)} (${(resumed.cpuMs / 1000).toFixed(1)} s) ${String(resumed.rows).padStart(9)}  ` +
        `${rate(resumed).padStart(15)}  ${formatBytes(resumed.peakRssBytes).padStart(9)} (${formatBytes(resumed.rssBeforeBytes)})  ` +
        `${formatBytes(built.snapshotBytes)} snapshot`,
    );
    say(
      `duckdb      ${`${(duckRead.ms / 1000).toFixed(2)} s`.padStart(10)} (${(duckRead.cpuMs / 1000).toFixed(1)} s) ${String(duckRead.rows).padStart(9)}  ` +
        `${rate(duckRead).padStart(15)}  ${formatBytes(duckRead.peakRssBytes).padStart(9)} (${formatBytes(duckRead.rssBeforeBytes)})  ` +
        `${formatBytes(duckBuilt.bytes)} database (written in ${(duckBuilt.ms / 1000).toFixed(1)} s)`,
    );
    say(
      `ratio headwater/duckdb: resume time ${formatRatio(resumed.ms / duckRead.ms)} (CPU ${formatRatio(resumed.cpuMs / duckRead.cpuMs)}), ` +
        `peak RSS ${formatRatio(resumed.peakRssBytes / duckRead.peakRssBytes)}`,
    );
    if (process.argv.includes("--record")) {
      const base = resultBaseName("recovery", startedAt);
      const markdown =
        `# Recovery of ${formatBytes(built.snapshotBytes)} of join state against DuckDB reopening the same rows\n\n` +
        `${startedAt.slice(0, 16).replace("T", " ")} UTC · ${machine.cores} cores, shared · ` +
        `load average ${machine.loadAverage.join(" ")} at start · \`npm run bench -- recovery ${process.argv.slice(2).join(" ")}\`\n\n` +
        `\`\`\`\n${lines.join("\n")}\n\`\`\`\n`;
      const files = writeResultFiles(
        path.join(import.meta.dirname, "results"),
        base,
        { startedAt, machine, orders: ORDERS, customers: CUSTOMERS, built, resumed, duckBuilt, duckRead },
        markdown,
      );
      console.log(`\nwrote ${files.join(", ")}`);
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

const childAt = process.argv.indexOf("--child");
if (childAt >= 0) await child(process.argv[childAt + 1]!, process.argv[childAt + 2]!);
else await main();
