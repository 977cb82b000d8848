import { type ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
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
  /** Resolves at the first checkpoint this life completes (or when it exits). */
  readonly progress: Promise<void>;
  readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  readonly output: () => string;
}

/** The child's arguments after the folder and interval: `["kafka", bootstrap, prefix]` for Kafka sinks. */
export type Sinks = readonly string[];

function spawnChild(dir: string, intervalMs: number, sinks: Sinks, script = CHILD): Life {
  const child = spawn(NODE, ["--no-warnings", script, dir, String(intervalMs), ...sinks], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let resolveReady: () => void = () => {};
  let resolveProgress: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    resolveReady = resolve;
  });
  const progress = new Promise<void>((resolve) => {
    resolveProgress = resolve;
  });
  child.stdout!.on("data", (chunk: Buffer) => {
    out += chunk.toString();
    if (out.includes("ready\n")) resolveReady();
    if (out.includes("\ncheckpoint ")) resolveProgress();
  });
  child.stderr!.on("data", (chunk: Buffer) => {
    out += chunk.toString();
  });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => {
      resolveReady();
      resolveProgress();
      resolve({ code, signal });
    }),
  );
  return { child, ready, progress, exit, output: () => out };
}

/** How long an uninterrupted life took: to start (spawn to "ready") and to process everything. */
export interface Measured {
  readonly startupMs: number;
  readonly processingMs: number;
}

/** Runs the pipeline once without interruption and measures it. */
export async function runUninterrupted(
  dir: string,
  intervalMs: number,
  sinks: Sinks = [],
  child?: string,
): Promise<Measured> {
  const spawned = performance.now();
  const life = spawnChild(dir, intervalMs, sinks, child);
  await life.ready;
  const started = performance.now();
  const { code } = await life.exit;
  if (code !== 0) throw new Error(`the uninterrupted run failed (exit ${code}):\n${life.output()}`);
  return { startupMs: started - spawned, processingMs: performance.now() - started };
}

/**
 * How long one life may take before the harness gives up on it: ten uninterrupted runs, and at
 * least a minute — a loaded machine slows every life alike, a hung one never ends.
 */
export function lifeTimeoutMs(measured: Measured): number {
  return Math.max(60_000, 10 * (measured.startupMs + measured.processingMs));
}

/** A run of the pipeline on fresh inputs, killed and restarted until one life finished it. */
export interface Round {
  /** Its store folder (a copy of the inputs). */
  readonly dir: string;
  readonly sinks: Sinks;
  /** Lives ended by SIGKILL in this round. */
  readonly kills: number;
  /** Lives that resumed from a checkpoint of the one before (printed it: their restore completed). */
  readonly resumed: number;
  /** Lives that started with a checkpoint of the round behind them: killed during or after their restore. */
  readonly restoring: number;
}

export interface KillPlan {
  /** A store folder holding the loaded inputs: each round runs on a copy of it. */
  readonly inputs: string;
  /** The folder of round `n` (created as a copy of the inputs). */
  readonly roundDir: (n: number) => string;
  /** The child's sink arguments in round `n` (Kafka: topics of its own). */
  readonly sinks?: (n: number) => Sinks;
  readonly intervalMs: number;
  readonly next: () => number;
  readonly kills: number;
  readonly maxDelayMs: number;
  readonly lifeTimeoutMs: number;
  /**
   * When a life's kill timer starts: when its statements start (`ready`), or at its first completed
   * checkpoint (`checkpoint`, for pipelines whose lives spend long starting up: each life then
   * makes progress). With `ready`, a life after the round's first one that still has no checkpoint
   * to resume from aims at its first checkpoint: the first life's kill may land before any
   * checkpoint (a restart from the inputs), but a chain of such lives — each as likely to die before
   * its first checkpoint as the last — would leave most of the kills testing nothing else.
   */
  readonly aim?: "ready" | "checkpoint";
  /** The child script each life runs (crash-child.ts by default): same arguments, same output lines. */
  readonly child?: string;
}

/**
 * Kills the pipeline with SIGKILL `kills` times, each at a random moment up to `maxDelayMs` after
 * its aim, restarting it on the same folder each time. When a life finishes the pipeline before its
 * kill came (a machine less loaded than when the delays were measured), the next kills go to a new
 * round on a fresh copy of the inputs: every kill lands in a pipeline with work left. The round
 * under way when the kills are spent runs to its end.
 */
export async function runWithKills(plan: KillPlan): Promise<Round[]> {
  const rounds: Round[] = [];
  let killed = 0;
  for (let n = 0; killed < plan.kills || rounds.length === 0; n++) {
    const dir = plan.roundDir(n);
    fs.cpSync(plan.inputs, dir, { recursive: true });
    const sinks = plan.sinks?.(n) ?? [];
    let kills = 0;
    let resumed = 0;
    let restoring = 0;
    let checkpointed = false;
    for (let life = 1; ; life++) {
      const aim = life > 1 && !checkpointed ? "checkpoint" : (plan.aim ?? "ready");
      const ending = await runLife(
        dir,
        sinks,
        plan,
        aim,
        killed < plan.kills,
        `round ${n + 1}, life ${life}`,
      );
      if (ending.resumed) resumed++;
      if (checkpointed) restoring++;
      checkpointed ||= ending.checkpointed || ending.resumed;
      if (ending.killed) {
        kills++;
        killed++;
        continue;
      }
      break;
    }
    rounds.push({ dir, sinks, kills, resumed, restoring });
  }
  return rounds;
}

async function runLife(
  dir: string,
  sinks: Sinks,
  plan: KillPlan,
  aim: "ready" | "checkpoint",
  kill: boolean,
  name: string,
): Promise<{ killed: boolean; resumed: boolean; checkpointed: boolean }> {
  const life = spawnChild(dir, plan.intervalMs, sinks, plan.child);
  let hung = false;
  const watchdog = setTimeout(() => {
    hung = true;
    life.child.kill("SIGKILL");
  }, plan.lifeTimeoutMs);
  try {
    await (aim === "checkpoint" ? life.progress : life.ready);
    const timer = kill
      ? setTimeout(() => life.child.kill("SIGKILL"), plan.next() * plan.maxDelayMs)
      : undefined;
    const { code, signal } = await life.exit;
    clearTimeout(timer);
    if (hung)
      throw new Error(
        `${name} did not end within ${plan.lifeTimeoutMs} ms (10 uninterrupted runs):\n${life.output()}`,
      );
    const resumed = life.output().includes("resumed");
    const checkpointed = life.output().includes("\ncheckpoint ");
    if (signal === "SIGKILL") return { killed: true, resumed, checkpointed };
    if (code !== 0) throw new Error(`${name} failed (exit ${code}):\n${life.output()}`);
    return { killed: false, resumed, checkpointed };
  } finally {
    clearTimeout(watchdog);
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
