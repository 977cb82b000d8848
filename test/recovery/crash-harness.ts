import { type ChildProcess, spawn } from "node:child_process";
import * as path from "node:path";
import { createEngine } from "../../src/engine/index.ts";
import { Store } from "../../src/store/index.ts";
import { INPUT_DDL, loadSql, OUTPUT_DDL, OUTPUT_TABLES } from "./pipeline.ts";

const NODE = path.resolve(import.meta.dirname, "../../node_modules/.bin/node");
const CHILD = path.resolve(import.meta.dirname, "crash-child.ts");

/** Writes the pipeline's inputs (Nexmark events) into a fresh store folder. */
export async function loadInputs(dir: string, events: number): Promise<void> {
  const engine = createEngine({ storeDir: dir });
  await engine.executeScript(INPUT_DDL + loadSql(events));
  await engine.runBounded();
  await engine.close();
}

interface Life {
  readonly child: ChildProcess;
  /** Resolves when the child has its tables declared and starts its statements. */
  readonly ready: Promise<void>;
  readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  readonly output: () => string;
}

function spawnChild(dir: string, intervalMs: number): Life {
  const child = spawn(NODE, ["--no-warnings", CHILD, dir, String(intervalMs)], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let resolveReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    resolveReady = resolve;
  });
  child.stdout!.on("data", (chunk: Buffer) => {
    out += chunk.toString();
    if (out.includes("ready\n")) resolveReady();
  });
  child.stderr!.on("data", (chunk: Buffer) => {
    out += chunk.toString();
  });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => {
      resolveReady();
      resolve({ code, signal });
    }),
  );
  return { child, ready, exit, output: () => out };
}

/** Runs the pipeline once without interruption; returns how long its processing took (ms). */
export async function runUninterrupted(dir: string, intervalMs: number): Promise<number> {
  const life = spawnChild(dir, intervalMs);
  await life.ready;
  const started = performance.now();
  const { code } = await life.exit;
  if (code !== 0) throw new Error(`the uninterrupted run failed (exit ${code}):\n${life.output()}`);
  return performance.now() - started;
}

/** A seeded PRNG (mulberry32): the same seed kills at the same moments of each life. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface KilledRun {
  /** Lives ended by SIGKILL. */
  readonly kills: number;
  /** Lives meant to be killed that finished first. */
  readonly finishedBeforeKill: number;
  /** Lives that resumed from a checkpoint. */
  readonly resumed: number;
}

/**
 * Runs the pipeline, killing it with SIGKILL `kills` times at random moments up to `maxDelayMs` after
 * its statements started, restarting it each time, then lets the last life run to the end.
 */
export async function runWithKills(
  dir: string,
  intervalMs: number,
  next: () => number,
  kills: number,
  maxDelayMs: number,
): Promise<KilledRun> {
  let killed = 0;
  let resumed = 0;
  let finished = 0;
  for (;;) {
    const life = spawnChild(dir, intervalMs);
    await life.ready;
    const timer =
      killed < kills ? setTimeout(() => life.child.kill("SIGKILL"), next() * maxDelayMs) : undefined;
    const { code, signal } = await life.exit;
    clearTimeout(timer);
    if (life.output().includes("resumed")) resumed++;
    if (signal === "SIGKILL") {
      killed++;
      continue;
    }
    if (code !== 0) throw new Error(`life ${killed + finished + 1} failed (exit ${code}):\n${life.output()}`);
    if (killed >= kills) return { kills: killed, finishedBeforeKill: finished, resumed };
    // It finished before its kill came: later lives find a finished pipeline.
    finished++;
    if (finished > kills) return { kills: killed, finishedBeforeKill: finished, resumed };
  }
}

/** What readers see of an output table: its records per partition in order, and its rows. */
export interface CommittedTable {
  /** `partition: key | value | headers` per record, offsets in order (timestamps are processing time). */
  readonly records: string[];
  /** The table's rows, sorted (the changelog applied). */
  readonly rows: string[];
}

export async function committedOutput(dir: string): Promise<Map<string, CommittedTable>> {
  const records = new Map<string, string[]>();
  const store = Store.open(dir);
  for (const table of OUTPUT_TABLES) {
    const lines: string[] = [];
    const consumer = store.consumer(table);
    for (;;) {
      const batches = consumer.poll();
      if (batches.length === 0) break;
      for (const { partition, records: batch } of batches)
        for (const r of batch)
          lines.push(
            `${partition}: ${hex(r.key)} | ${hex(r.value)} | ${r.headers.map(([k, v]) => `${k}=${hex(v)}`).join(",")}`,
          );
    }
    consumer.close();
    records.set(table, lines);
  }
  store.close();
  const engine = createEngine({ storeDir: dir });
  await engine.executeScript(INPUT_DDL + OUTPUT_DDL);
  const out = new Map<string, CommittedTable>();
  for (const table of OUTPUT_TABLES) {
    const rows = engine
      .table(table)
      .rows()
      .map((row) => JSON.stringify(row, (_, v) => (typeof v === "bigint" ? `${v}n` : v)))
      .sort();
    out.set(table, { records: records.get(table)!, rows });
  }
  await engine.close();
  return out;
}

function hex(bytes: Uint8Array | null): string {
  return bytes === null ? "null" : Buffer.from(bytes).toString("hex");
}
