// Checkpoints and recovery of large state (issue 5: "recovery time for 1 GB of state", "periodic
// checkpoints without stopping processing for long"). A regular join of orders (~200-byte rows: an
// id, an amount and a 150-character note) with their payments keeps every row of both inputs in
// state, keyed by order id. One process builds it under periodic checkpoints: the orders arrive as
// fast as the engine takes them (the bulk phase: every checkpoint writes the orders that arrived since
// the one before), while payments trickle in at --payment-rate per second for --steady seconds more
// (the steady phase: a checkpoint writes the few orders payments touched). It reports per phase the
// checkpoints' pauses (max, median), the bytes each wrote, and the longest gap between two processed
// batches; then the engine closes (a last checkpoint). With --full the same runs with
// 'execution.checkpointing.incremental' = 'false' (every checkpoint whole) as a second peer. A fresh
// process then restarts the INSERT and times its resumption (read the chain, decode, restore), with
// its peak RSS. The peer, in the same run: DuckDB writes the same number of rows of the same widths
// into a database file, and a fresh process opens it and reads every row back into JavaScript.
//   npm run bench -- recovery [--state-gb 1] [--interval 10000] [--steady 60] [--payment-rate 2000] [--full] [--record]
// --record writes bench/results/recovery-<time>.{json,md}.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { createEngine, type Engine } from "../src/engine/index.ts";
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
const INTERVAL_MS = arg("interval", 10_000);
const STEADY_S = arg("steady", 60);
const PAYMENT_RATE = arg("payment-rate", 2000);
/** Encoded bytes of one order in the snapshot (row, record wrapper, join key), measured. */
const BYTES_PER_ORDER = 176;
const ORDERS = Math.round((STATE_GB * 2 ** 30) / BYTES_PER_ORDER);
const NOTE = 150;
/** The children hold the state in the JS heap: give them room (the machine has 23 GiB). */
const HEAP_MB = 16_384;

const ddl = (incremental: boolean) => `
CREATE TABLE orders (order_id BIGINT, customer_id BIGINT, amount DOUBLE, note STRING) WITH (
  'connector' = 'datagen', 'number-of-rows' = '${ORDERS}', 'rows-per-second' = '1000000000', 'seed' = '11',
  'fields.order_id.kind' = 'sequence', 'fields.order_id.start' = '1', 'fields.order_id.end' = '${ORDERS}',
  'fields.customer_id.min' = '1', 'fields.customer_id.max' = '${Math.max(1, Math.round(ORDERS / 20))}',
  'fields.amount.min' = '0', 'fields.amount.max' = '1000', 'fields.note.length' = '${NOTE}');
CREATE TABLE payments (order_id BIGINT, paid DOUBLE) WITH (
  'connector' = 'datagen', 'rows-per-second' = '${PAYMENT_RATE}', 'seed' = '12',
  'fields.order_id.min' = '1', 'fields.order_id.max' = '${ORDERS}', 'fields.paid.min' = '0', 'fields.paid.max' = '1000');
CREATE TABLE enriched (order_id BIGINT, amount DOUBLE, paid DOUBLE, note STRING) WITH ('connector' = 'blackhole');
SET 'pipeline.name' = 'orders-paid';
SET 'execution.checkpointing.incremental' = '${incremental}';
SET 'execution.checkpointing.interval' = '${INTERVAL_MS} ms';`;
const INSERT = `INSERT INTO enriched SELECT o.order_id, o.amount, p.paid, o.note
  FROM orders o JOIN payments p ON o.order_id = p.order_id`;

interface CheckpointReport {
  readonly phase: "bulk" | "steady" | "close";
  readonly durationMs: number;
  readonly bytes: number;
}
interface PhaseReport {
  readonly seconds: number;
  readonly maxGapMs: number;
}
interface BuildReport {
  readonly incremental: boolean;
  readonly bulk: PhaseReport;
  readonly steady: PhaseReport;
  readonly checkpoints: readonly CheckpointReport[];
  /** Bytes of the files a restore reads (the last checkpoint's chain, or its base). */
  readonly restoreBytes: number;
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
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Longest time between two job steps, per phase: how long processing stood still at most. */
function watchGaps(engine: Engine): { phase: "bulk" | "steady"; readonly max: Record<string, number> } {
  const watch = { phase: "bulk" as "bulk" | "steady", max: { bulk: 0, steady: 0 } as Record<string, number> };
  let lastStepEnd = 0;
  for (const job of engine.jobs) {
    const step = job.step.bind(job);
    job.step = (batch: number) => {
      const start = performance.now();
      if (lastStepEnd > 0) watch.max[watch.phase] = Math.max(watch.max[watch.phase]!, start - lastStepEnd);
      const progressed = step(batch);
      lastStepEnd = performance.now();
      return progressed;
    };
  }
  return watch;
}

/**
 * Child: runs the join under checkpoints until every order is in state, then --steady seconds of
 * payments, then closes the engine (its last checkpoint).
 */
async function build(dir: string, incremental: boolean): Promise<BuildReport> {
  const phases: CheckpointReport["phase"][] = [];
  let phase: CheckpointReport["phase"] = "bulk";
  const engine = createEngine({ storeDir: dir, checkpoints: { onCheckpoint: () => phases.push(phase) } });
  await engine.executeScript(`${ddl(incremental)}\n${INSERT};`);
  const watch = watchGaps(engine);
  const job = engine.jobs[0]!;
  // The orders end (payments never do): the bulk phase ends with them.
  let ordersEnded = false;
  for (const { reader } of job.pipeline.sources) {
    const poll = reader.poll.bind(reader);
    reader.poll = (max: number) => {
      const result = poll(max);
      if (result === "end") ordersEnded = true;
      return result;
    };
  }
  const start = performance.now();
  let steadyAt = 0;
  for (;;) {
    engine.runUntilIdle();
    if (job.error) throw job.error;
    const now = performance.now();
    if (steadyAt === 0 && ordersEnded) {
      steadyAt = now;
      phase = "steady";
      watch.phase = "steady";
    }
    if (steadyAt > 0 && now - steadyAt >= STEADY_S * 1000) break;
    await sleep(1);
  }
  const end = performance.now();
  phase = "close";
  await engine.close();
  const completed = engine.checkpoints.completed;
  const last = completed.at(-1);
  if (!last) throw new Error("no checkpoint completed");
  const folder = path.dirname(last.file);
  const restoreBytes = fs
    .readdirSync(folder)
    .reduce((sum, f) => sum + fs.statSync(path.join(folder, f)).size, 0);
  return {
    incremental,
    bulk: { seconds: (steadyAt - start) / 1000, maxGapMs: watch.max.bulk! },
    steady: { seconds: (end - steadyAt) / 1000, maxGapMs: watch.max.steady! },
    checkpoints: completed.map((c, i) => ({ phase: phases[i]!, durationMs: c.durationMs, bytes: c.bytes })),
    restoreBytes,
    peakRssBytes: peakRss(),
  };
}

/** Child: a restarted engine resumes the INSERT from its last checkpoint. */
async function resume(dir: string): Promise<ResumeReport> {
  const engine = createEngine({ storeDir: dir });
  await engine.executeScript(ddl(true));
  const rssBeforeBytes = process.memoryUsage().rss;
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = await engine.execute(INSERT);
  const ms = performance.now() - start;
  const cpuMs = cpuMillis(cpu);
  if (result.kind !== "insert" || !result.recovery?.restoredFrom)
    throw new Error("the INSERT did not resume");
  const peakRssBytes = peakRss();
  for (const job of engine.jobs) job.cancel();
  await engine.close();
  return { ms, cpuMs, rssBeforeBytes, peakRssBytes, rows: ORDERS };
}

/** Child: DuckDB writes rows of the same shapes and widths into a database file, durably. */
async function duckBuild(file: string): Promise<{ readonly ms: number; readonly bytes: number }> {
  const connection = await (await DuckDBInstance.create(file)).connect();
  const hex = (chars: number, salt: string) =>
    `substr(${Array.from({ length: Math.ceil(chars / 32) }, (_, i) => `md5(i::VARCHAR || '${salt}${i}')`).join(" || ")}, 1, ${chars})`;
  const start = performance.now();
  await connection.run(
    `CREATE TABLE orders AS SELECT i + 1 AS order_id, (1 + (hash(i) % ${Math.max(1, Math.round(ORDERS / 20))}))::BIGINT AS customer_id,
       random() * 1000 AS amount, ${hex(NOTE, "n")} AS note FROM range(${ORDERS}) t(i)`,
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
  rows += (await connection.runAndReadAll("SELECT * FROM orders")).getRows().length;
  const ms = performance.now() - start;
  const cpuMs = cpuMillis(cpu);
  const peakRssBytes = peakRss();
  connection.closeSync();
  return { ms, cpuMs, rssBeforeBytes, peakRssBytes, rows };
}

async function child(mode: string, target: string): Promise<void> {
  const report =
    mode === "build" || mode === "build-full"
      ? await build(target, mode === "build")
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

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : sorted[Math.floor((sorted.length - 1) / 2)]!;
};

/** Per phase: checkpoints, their longest and median pause, median bytes written, longest gap. */
function describeBuild(built: BuildReport, say: (line: string) => void): void {
  say(
    `${built.incremental ? "incremental" : "full (incremental off)"} checkpoints every ${INTERVAL_MS} ms; ` +
      `peak RSS ${formatBytes(built.peakRssBytes)}; a restore reads ${formatBytes(built.restoreBytes)}`,
  );
  say(
    "  phase     time   checkpoints  pause max / median    written median (max)    longest gap between batches",
  );
  for (const phase of ["bulk", "steady"] as const) {
    const taken = built.checkpoints.filter((c) => c.phase === phase);
    const pauses = taken.map((c) => c.durationMs);
    const bytes = taken.map((c) => c.bytes);
    say(
      `  ${phase.padEnd(7)} ${`${built[phase].seconds.toFixed(0)} s`.padStart(6)} ${String(taken.length).padStart(8)}     ` +
        `${`${Math.max(0, ...pauses).toFixed(0)} / ${median(pauses).toFixed(0)} ms`.padStart(18)}    ` +
        `${`${formatBytes(median(bytes))} (${formatBytes(Math.max(0, ...bytes))})`.padStart(20)}    ` +
        `${built[phase].maxGapMs.toFixed(0)} ms`,
    );
  }
  const closing = built.checkpoints.filter((c) => c.phase === "close");
  for (const c of closing)
    say(`  close: last checkpoint ${c.durationMs.toFixed(0)} ms, ${formatBytes(c.bytes)}`);
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
      `recovery: join of ${ORDERS} orders (${NOTE}-character notes) with payments (${PAYMENT_RATE}/s, ` +
        `${STEADY_S} s after the last order), checkpoint interval ${INTERVAL_MS} ms`,
    );
    const stateDir = path.join(scratch, "engine");
    const built = runChild<BuildReport>("build", stateDir);
    describeBuild(built, say);
    let full: BuildReport | undefined;
    if (process.argv.includes("--full")) {
      full = runChild<BuildReport>("build-full", path.join(scratch, "engine-full", "x"));
      describeBuild(full, say);
      const steadyMax = (b: BuildReport) =>
        Math.max(0, ...b.checkpoints.filter((c) => c.phase === "steady").map((c) => c.durationMs));
      say(
        `ratio incremental/full: steady-phase longest pause ${formatRatio(steadyMax(built) / steadyMax(full))}, ` +
          `longest gap ${formatRatio(built.steady.maxGapMs / full.steady.maxGapMs)}`,
      );
    }
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
        `${formatBytes(built.restoreBytes)} of checkpoint files`,
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
        `# Checkpoint pauses while ${formatBytes(built.restoreBytes)} of join state builds, and its recovery against DuckDB reopening the same rows\n\n` +
        `${startedAt.slice(0, 16).replace("T", " ")} UTC · ${machine.cores} cores, shared · ` +
        `load average ${machine.loadAverage.join(" ")} at start, ${os
          .loadavg()
          .map((l) => l.toFixed(2))
          .join(" ")} at the end · ` +
        `\`npm run bench -- recovery ${process.argv.slice(2).join(" ")}\`\n\n` +
        `\`\`\`\n${lines.join("\n")}\n\`\`\`\n`;
      const files = writeResultFiles(
        path.join(import.meta.dirname, "results"),
        base,
        { startedAt, machine, orders: ORDERS, built, full, resumed, duckBuilt, duckRead },
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
