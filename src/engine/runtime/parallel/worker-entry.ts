// The entry point of a parallel statement's worker thread: runs its instance of every parallel stage.
import { type MessagePort, parentPort, workerData } from "node:worker_threads";
import { type ConnectorContext, ConnectorError } from "../../../connectors/index.ts";
import { numberNodes } from "../../plan/parallel/parallel-plan.ts";
import type { RuntimeEnv } from "../build-pipeline.ts";
import { createEvalContext } from "../expr/index.ts";
import { MemoryTables } from "../memory-table.ts";
import type { Channel } from "./exchange-output.ts";
import { InFlight, portChannel } from "./in-flight.ts";
import { isExchangeMessage, type ThreadMessage, type WorkerReport } from "./messages.ts";
import { buildThreadStages, type ThreadStages } from "./segments.ts";
import type { WorkerSetup } from "./worker-setup.ts";

/** Rows moved per source per pass, as the engine's own loop does. */
const BATCH = 1024;

const setup = workerData as WorkerSetup;
const parent = parentPort!;
let now = setup.now;
const clock = now === undefined ? Date.now : () => now!;
const inFlight = new InFlight(setup.inFlight, 1);
const settings = new Map(setup.settings);
let scheduled = false;
let stopped = false;

function schedule(): void {
  if (scheduled || stopped) return;
  scheduled = true;
  setImmediate(run);
}

function report(message: WorkerReport): void {
  parent.postMessage(message);
}

function fail(error: unknown): void {
  stopped = true;
  report({ t: "failed", message: error instanceof Error ? error.message : String(error) });
}

const connectors: ConnectorContext = {
  store: undefined,
  clock,
  wake: schedule,
  track: (work) => work,
  setting: (key) => settings.get(key),
  schemaRegistryUrl: undefined,
  print: (line, standardError) => (standardError ? process.stderr : process.stdout).write(`${line}\n`),
  deadLetters: () => {
    throw new ConnectorError("a parallel statement's workers do not write dead-letter tables");
  },
  count: () => {},
};
const base = createEvalContext({ clock, timeZone: setup.timeZone });
const env: RuntimeEnv = {
  ctx: base,
  tables: new MemoryTables(),
  store: undefined,
  connectors,
  clock,
  idleTimeout: setup.idleTimeout,
  split: { index: setup.instance, count: setup.parallelism },
};

const local: Channel = { send: (message) => deliver(message) };
const toMain = portChannel(parent, inFlight);
const peers = setup.peers.map((port) => (port ? portChannel(port, inFlight) : local));

let stages: ThreadStages = { segments: [], inputs: new Map() };
try {
  stages = buildThreadStages(
    {
      plan: setup.plan,
      parallelism: setup.parallelism,
      nodes: numberNodes(setup.plan),
      placements: setup.placements,
      exchanges: new Map(setup.exchanges.map((e) => [e.producer, e])),
    },
    {
      statement: setup.statement,
      env,
      placement: "workers",
      instance: setup.instance,
      channelsOf: (exchange) => (exchange.to === "main" ? [toMain] : peers),
    },
  );
  const io = stages.segments.flatMap((s) => [...s.job.io.readers, ...s.job.io.writers]);
  Promise.all(io.map((c) => c.open())).then(schedule, fail);
} catch (error) {
  fail(error);
}

function deliver(message: ThreadMessage): void {
  if (isExchangeMessage(message)) stages.inputs.get(message.x)?.deliver(message);
}

function onMessage(message: ThreadMessage): void {
  inFlight.received();
  if (message.t === "bound") for (const { job } of stages.segments) job.bound();
  else if (message.t === "time") now = message.now;
  else deliver(message);
  schedule();
}

parent.on("message", onMessage);
for (const port of setup.peers) (port as MessagePort | null)?.on("message", onMessage);

/** Moves rows through this worker's stages until none can move, then releases what it received. */
function run(): void {
  scheduled = false;
  if (stopped) return;
  for (;;) {
    let progressed = false;
    for (const segment of stages.segments) {
      const { job } = segment;
      if (job.step(BATCH)) progressed = true;
      if (job.status === "failed") {
        fail(job.error?.cause ?? job.error);
        return;
      }
      if (job.status === "finished" && !segment.ended) {
        segment.ended = true;
        segment.output?.end();
      }
    }
    for (const segment of stages.segments) segment.output?.flush();
    for (const input of stages.inputs.values()) if (input.pending) progressed = true;
    if (!progressed) break;
  }
  if (inFlight.release()) report({ t: "quiet" });
}
