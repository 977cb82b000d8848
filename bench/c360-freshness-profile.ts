// Where a durable canary's time goes: the durable shop of c360-freshness (`headwater demo c360`'s
// store and checkpoints) with a timeline beside the canaries — when each statement's checkpoint that
// made a canary visible in its output table committed, every checkpoint's duration and size, the
// engine's rounds, event-loop stalls and garbage collections. Prints the slowest canaries with their
// stages and what the process was doing meanwhile, then totals.
//
//   npm run bench -- c360-freshness-profile [-- --customers 10000 --rate 1000 --seconds 20 --checkpoint-interval 1
//     --input-pause <ms> --fsync-in-background]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay, type PerformanceEntry, PerformanceObserver } from "node:perf_hooks";
import { LiveShop } from "../src/cli/commands/demo-shop.ts";
import { DurableShopStorage } from "../src/cli/commands/demo-shop-storage.ts";
import { columnIndex, generateRetail } from "../src/connectors/retail/index.ts";
import type { CompletedCheckpoint, TableView } from "../src/engine/index.ts";
import { CheckpointStorage } from "../src/engine/runtime/checkpoint/checkpoint-storage.ts";
import { CompactionThread } from "../src/engine/runtime/checkpoint/compaction-thread.ts";

const PROJECT = join(import.meta.dirname, "..", "examples", "c360");
/** The canary's path: each table keyed by customer_id it crosses, in order. */
const STAGES = ["src_c360_customers", "c360_fct_customer_profile", "customer_analytics_c360"] as const;

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at < 0 ? fallback : Number(process.argv[at + 1]);
}

interface Span {
  readonly at: number;
  readonly ms: number;
  readonly what: string;
}

const customers = option("customers", 10_000);
const rate = option("rate", 1000);
const seconds = option("seconds", 20);
const canariesPerSecond = option("canaries", 10);
const intervalS = option("checkpoint-interval", 1);
const pauseMs = option("input-pause", -1);

const t0 = performance.now();
const rel = (t: number): string => `${((t - t0) / 1000).toFixed(3)}s`;
const checkpoints: (CompletedCheckpoint & { at: number })[] = [];
const canaries = new Map<string, { written: number; stages: number[] }>();
let shop: LiveShop | undefined;
const stageTables: TableView[] = [];

/** After each commit: which pending canaries its output table now shows. */
function onCheckpoint(checkpoint: CompletedCheckpoint): void {
  const at = performance.now();
  checkpoints.push({ ...checkpoint, at });
  const stage = STAGES.findIndex((t) => checkpoint.statement.includes(t));
  if (stage < 0 || !shop) return;
  const table = stageTables[stage] ?? shop.engine.table(STAGES[stage]!);
  stageTables[stage] = table;
  for (const [id, canary] of canaries)
    if (canary.stages[stage] === undefined && table.lookup([id]) !== undefined) canary.stages[stage] = at;
}

const stateDir = mkdtempSync(join(tmpdir(), "headwater-freshness-profile-"));
const rounds: Span[] = [];
const stalls: Span[] = [];
const gcs: Span[] = [];
/** What else holds the loop: checkpoints taken from the timer, compaction slices, retention, raw-event commits. */
const chores: Span[] = [];
let inRound = false;
/** Wraps a method so each call of at least 1 ms becomes a span named `what`. */
function timed<T extends object>(target: T, method: keyof T & string, what: (self: T) => string): void {
  const original = target[method] as unknown as (...args: unknown[]) => unknown;
  (target as Record<string, unknown>)[method] = function (this: T, ...args: unknown[]) {
    const started = performance.now();
    try {
      return original.apply(this, args);
    } finally {
      const ms = performance.now() - started;
      if (ms >= 1) chores.push({ at: started, ms, what: what(this) });
    }
  };
}
// Compactions run on a thread of their own: from asking to the base in place, beside the loop's spans.
const compact = CompactionThread.prototype.compact;
CompactionThread.prototype.compact = function (this: CompactionThread, chain, checkpointId, target) {
  const started = performance.now();
  const task = compact.call(this, chain, checkpointId, target);
  void task.outcome.then(() =>
    chores.push({
      at: started,
      ms: performance.now() - started,
      what: `compaction (thread) ${target.slice(-60)}`,
    }),
  );
  return task;
};
timed(CheckpointStorage.prototype, "retain", () => "retention");
try {
  const storage = new DurableShopStorage({
    stateDir,
    checkpointIntervalMs: intervalS * 1000,
    onCheckpoint,
    ...(pauseMs >= 0 ? { inputPauseMs: pauseMs } : {}),
    durableInBackground: process.argv.includes("--fsync-in-background"),
  });
  shop = await LiveShop.open({ projectDir: PROJECT, customers, seed: 42, rate, storage });
  const engine = shop.engine;
  console.log(
    `c360-freshness-profile: ${customers} customers loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s; ` +
      `${rate} events/s, ${canariesPerSecond} canaries/s, ${seconds} s, ${intervalS} s checkpoints`,
  );
  // The shop's drives run rounds until at rest or a round of checkpoints committed (Engine.runRounds).
  const runRounds = engine.runRounds.bind(engine);
  engine.runRounds = (yieldOnCommit) => {
    const started = performance.now();
    inRound = true;
    try {
      return runRounds(yieldOnCommit);
    } finally {
      inRound = false;
      rounds.push({ at: started, ms: performance.now() - started, what: "rounds" });
    }
  };
  // afterRound inside runRounds is part of a round; from the coordinator's timer it is a chore of its own.
  const coordinator = engine.checkpoints as unknown as Record<string, unknown>;
  timed(coordinator, "afterRound", () => (inRound ? "afterRound (in a round)" : "afterRound (timer)"));
  const raw = (shop as unknown as { raw: Record<string, unknown> }).raw;
  timed(raw, "commit", () => "raw events commit");
  const gcObserver = new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      gcs.push({
        at: e.startTime,
        ms: e.duration,
        what: `gc kind ${(e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind ?? "?"}`,
      });
  });
  gcObserver.observe({ entryTypes: ["gc"] });
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  let lastTick = performance.now();
  let lastCpu = process.cpuUsage();
  // A stall's CPU time beside its wall time: a stall with little CPU is the OS running others, not us.
  const ticker = setInterval(() => {
    const now = performance.now();
    const cpu = process.cpuUsage(lastCpu);
    lastCpu = process.cpuUsage();
    if (now - lastTick > 60) {
      const cpuMs = (cpu.user + cpu.system) / 1000;
      stalls.push({ at: lastTick, ms: now - lastTick, what: `stall (process CPU ${cpuMs.toFixed(0)} ms)` });
    }
    lastTick = now;
  }, 10);

  const template = [...generateRetail({ customers: 1, seed: 42 })].find((e) => e.dataSet === "customers")!;
  const at = columnIndex("customers");
  const view = engine.table(STAGES[STAGES.length - 1]!);
  const visible = new Map<string, number>();
  const unseen = new Map<string, number>();
  // Visibility as REST sees it: the view's lookup, polled from a timer on this thread (a stall delays it as it would REST).
  const poller = setInterval(() => {
    for (const [id, written] of unseen)
      if (view.lookup([id]) !== undefined) {
        visible.set(id, performance.now() - written);
        unseen.delete(id);
      }
  }, 2);
  const progress = setInterval(() => {
    const last = checkpoints[checkpoints.length - 1];
    console.log(
      `  ${rel(performance.now())}: ${shop!.liveEvents} live events, canaries ${visible.size}/${canaries.size} visible, ` +
        `${checkpoints.length} checkpoints (last ${last ? `${last.statement.slice(-40)} ${rel(last.at)}` : "-"}), ` +
        `${stalls.length} stalls, ${rounds.length} rounds`,
    );
  }, 2000);

  // Views opened before measuring: the first look at a table reads its whole topic.
  for (const stage of STAGES) stageTables.push(engine.table(stage));
  const checkpointsBefore = checkpoints.length;
  void shop.start();
  await sleep(2000);
  const measureStarted = performance.now();
  const cpuBefore = process.cpuUsage();
  // Canaries for `seconds` of wall time, however few a stalled event loop lets through.
  for (let n = 0; performance.now() - measureStarted < seconds * 1000; n++) {
    const id = `CANARY${String(n).padStart(6, "0")}`;
    const row = [...template.row];
    row[at.customer_id!] = id;
    row[at.email!] = `${id.toLowerCase()}@example.com`;
    row[at.registration_date!] = shop.now();
    shop.append({ ...template, row, eventTime: shop.now() });
    canaries.set(id, { written: performance.now(), stages: [] });
    unseen.set(id, performance.now());
    await sleep(1000 / canariesPerSecond);
  }
  const giveUp = performance.now() + 20_000;
  while (visible.size < canaries.size && performance.now() < giveUp) await sleep(10);
  const measureEnded = performance.now();
  const cpu = process.cpuUsage(cpuBefore);
  clearInterval(poller);
  clearInterval(progress);
  clearInterval(ticker);
  delay.disable();
  gcObserver.disconnect();
  const stopping = performance.now();
  await shop.stop();
  const stopped = performance.now();
  await shop.close();
  console.log(
    `stop (drain and last checkpoints) ${((stopped - stopping) / 1000).toFixed(1)} s, close ${((performance.now() - stopped) / 1000).toFixed(1)} s`,
  );

  const inWindow = <T extends { at: number }>(list: readonly T[]): T[] =>
    list.filter((s) => s.at >= measureStarted && s.at <= measureEnded);
  const wall = measureEnded - measureStarted;
  const cps = inWindow(checkpoints.slice(checkpointsBefore));
  const sum = (list: readonly { ms: number }[]) => list.reduce((s, x) => s + x.ms, 0);
  const cpMs = cps.reduce((s, c) => s + c.durationMs, 0);
  console.log(
    `window ${(wall / 1000).toFixed(1)} s; CPU ${(((cpu.user + cpu.system) / 1000 / wall) * 100).toFixed(0)} % of one core; ` +
      `checkpoints ${cps.length} taking ${cpMs.toFixed(0)} ms (${((cpMs / wall) * 100).toFixed(1)} % of wall), ` +
      `${(cps.reduce((s, c) => s + c.bytes, 0) / 1e6).toFixed(1)} MB`,
  );
  console.log(
    `rounds ${inWindow(rounds).length} taking ${sum(inWindow(rounds)).toFixed(0)} ms, longest ${Math.max(0, ...inWindow(rounds).map((r) => r.ms)).toFixed(0)} ms; ` +
      `gc ${inWindow(gcs).length} taking ${sum(inWindow(gcs)).toFixed(0)} ms, longest ${Math.max(0, ...inWindow(gcs).map((g) => g.ms)).toFixed(0)} ms; ` +
      `event-loop delay p50 ${(delay.percentile(50) / 1e6).toFixed(0)} ms p99 ${(delay.percentile(99) / 1e6).toFixed(0)} ms max ${(delay.max / 1e6).toFixed(0)} ms`,
  );
  const byStatement = new Map<string, CompletedCheckpoint[]>();
  for (const c of cps) byStatement.set(c.statement, [...(byStatement.get(c.statement) ?? []), c]);
  for (const [statement, list] of byStatement) {
    const durations = list.map((c) => c.durationMs).sort((a, b) => a - b);
    console.log(
      `  ${statement.padEnd(90).slice(-60)} ${String(list.length).padStart(3)} checkpoints, ` +
        `median ${durations[Math.floor(durations.length / 2)]!.toFixed(0)} ms, max ${durations[durations.length - 1]!.toFixed(0)} ms, ` +
        `${(list.reduce((s, c) => s + c.bytes, 0) / list.length / 1e3).toFixed(0)} kB each`,
    );
  }
  const sorted = [...canaries].sort((a, b) => (visible.get(b[0]) ?? 1e9) - (visible.get(a[0]) ?? 1e9));
  const latencies = [...visible.values()].sort((a, b) => a - b);
  const pct = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? Number.NaN;
  console.log(
    `canaries ${visible.size}/${canaries.size}: p50 ${pct(0.5).toFixed(0)} ms, p99 ${pct(0.99).toFixed(0)} ms, max ${latencies[latencies.length - 1]?.toFixed(0)} ms`,
  );
  // The latencies in writing order, 5 s at a time: whether the tail grows as the run goes on.
  const inOrder = [...canaries].map(([id, c]) => ({ at: c.written, ms: visible.get(id) }));
  for (let from = measureStarted; from < measureEnded; from += 5000) {
    const slice = inOrder.filter((c) => c.at >= from && c.at < from + 5000).map((c) => c.ms ?? Number.NaN);
    if (slice.length > 0)
      console.log(
        `  written at +${((from - measureStarted) / 1000).toFixed(0)} s: max ${Math.max(...slice).toFixed(0)} ms of ${slice.length}`,
      );
  }
  // Where each canary's time goes: to its source's commit (the drive tick, the source's checkpoint),
  // each level of the cascade, and from the view's commit to the lookup seeing it (the loop busy after
  // the commit: the rest of its rounds).
  const legs = ["to source commit", "source → profile", "profile → view", "view commit → REST"];
  const legTimes = legs.map(() => [] as number[]);
  for (const [id, canary] of canaries) {
    const rest = visible.get(id);
    const [s0, s1, s2] = canary.stages;
    if (rest === undefined || s0 === undefined || s1 === undefined || s2 === undefined) continue;
    const times = [s0 - canary.written, s1 - s0, s2 - s1, canary.written + rest - s2];
    for (const [i, ms] of times.entries()) legTimes[i]!.push(ms);
  }
  for (const [i, leg] of legs.entries()) {
    const times = legTimes[i]!.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? Number.NaN;
    console.log(
      `  leg ${leg.padEnd(20)} p50 ${at(0.5).toFixed(0).padStart(5)} ms, p90 ${at(0.9).toFixed(0).padStart(5)} ms, max ${at(1).toFixed(0).padStart(5)} ms`,
    );
  }
  const choreKinds = new Map<string, { n: number; ms: number; max: number }>();
  for (const c of inWindow(chores)) {
    const kind = c.what.replace(/(compaction \(thread\)).*/, "$1");
    const k = choreKinds.get(kind) ?? { n: 0, ms: 0, max: 0 };
    choreKinds.set(kind, { n: k.n + 1, ms: k.ms + c.ms, max: Math.max(k.max, c.ms) });
  }
  for (const [kind, k] of choreKinds)
    console.log(
      `  ${kind.padEnd(28)} ${String(k.n).padStart(5)} calls, ${k.ms.toFixed(0).padStart(6)} ms, longest ${k.max.toFixed(0)} ms`,
    );
  const stallList = inWindow(stalls);
  const stallCpu = stallList.reduce((sum, st) => sum + Number(/CPU (\d+)/.exec(st.what)?.[1] ?? 0), 0);
  console.log(
    `  stalls ${stallList.length} taking ${sum(stallList).toFixed(0)} ms wall, ${stallCpu.toFixed(0)} ms of it on this process's CPU`,
  );
  console.log("slowest canaries (stage times from writing):");
  for (const [id, canary] of sorted.slice(0, 5)) {
    const stages = canary.stages.map((t, i) => `${STAGES[i]} +${(t - canary.written).toFixed(0)}`).join(", ");
    console.log(`  ${id} written ${rel(canary.written)}: ${stages}; REST +${visible.get(id)?.toFixed(0)}`);
    const end = canary.written + (visible.get(id) ?? 30_000);
    const during = [
      ...cps.map((c) => ({
        at: c.at - c.durationMs,
        ms: c.durationMs,
        what:
          `checkpoint ${c.statement.slice(-40)} #${c.id} ${(c.bytes / 1e3).toFixed(0)} kB ` +
          `(capture ${c.captureMs.toFixed(0)}, write ${c.writeMs.toFixed(0)}, to commit ${(c.durationMs - c.captureMs - c.writeMs).toFixed(0)} ms)`,
      })),
      ...rounds,
      ...chores,
      ...stalls,
      ...gcs,
    ]
      .filter((s) => s.at + s.ms >= canary.written && s.at <= end && s.ms >= 50)
      .sort((a, b) => a.at - b.at);
    for (const s of during) console.log(`      ${rel(s.at)} ${s.ms.toFixed(0).padStart(6)} ms ${s.what}`);
  }
} finally {
  rmSync(stateDir, { recursive: true, force: true });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
