import { type ConnectorContext, ConnectorError } from "../../../connectors/index.ts";
import { numberNodes } from "../../plan/parallel/parallel-plan.ts";
import type { RuntimeEnv } from "../build-pipeline.ts";
import { createEvalContext } from "../expr/index.ts";
import { MemoryTables } from "../memory-table.ts";
import type { Channel } from "./exchange-output.ts";
import { InFlight, type MessageTarget, portChannel } from "./in-flight.ts";
import { type ConnectorCount, isExchangeMessage, type ThreadMessage, type WorkerReport } from "./messages.ts";
import { buildThreadStages, sourceRecordsIn, type ThreadStages } from "./segments.ts";
import type { StatementSetup } from "./worker-setup.ts";

/** Rows moved per source per pass, as the engine's own loop does. */
const BATCH = 1024;

/** Where a worker's statements send: the main thread, and each other worker (null for itself). */
export interface WorkerLinks {
  readonly instance: number;
  readonly parallelism: number;
  readonly main: MessageTarget;
  readonly peers: readonly (MessageTarget | null)[];
}

/**
 * A worker's instance of one parallel statement: its stages, driven whenever a message or a
 * connector wakes it, until no row can move; then it releases the messages it processed.
 */
export class WorkerStatement {
  private readonly id: number;
  private readonly links: WorkerLinks;
  private readonly inFlight: InFlight;
  private stages: ThreadStages = { segments: [], inputs: new Map() };
  private now: number | undefined;
  private scheduled = false;
  private stopped = false;
  /** The connectors are open: before that, a poll would find a reader with nothing assigned yet. */
  private opened = false;
  private reportedRecordsIn = 0;
  /** Connector counters since the last report, by table and metric. */
  private counters = new Map<string, ConnectorCount>();

  constructor(id: number, setup: StatementSetup, links: WorkerLinks) {
    this.id = id;
    this.links = links;
    // The worker holds one unit of the count until its first pass.
    this.inFlight = new InFlight(setup.inFlight, 1);
    this.now = setup.now;
    try {
      this.stages = this.build(setup);
      const io = this.stages.segments.flatMap((s) => [...s.job.io.readers, ...s.job.io.writers]);
      Promise.all(io.map((c) => c.open())).then(
        () => {
          this.opened = true;
          this.schedule();
        },
        (error) => this.fail(error),
      );
    } catch (error) {
      this.fail(error);
    }
  }

  receive(message: ThreadMessage): void {
    this.inFlight.received();
    // A finished or failed instance has nothing to do with it; the count must still go down.
    if (this.stopped) {
      this.inFlight.release();
      return;
    }
    if (message.t === "bound") for (const { job } of this.stages.segments) job.bound();
    else if (message.t === "time") this.now = message.now;
    else this.deliver(message);
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    void Promise.allSettled(
      this.stages.segments.flatMap((s) => [
        ...s.job.io.readers.map((r) => r.close()),
        ...s.job.io.writers.map((w) => w.close()),
      ]),
    );
  }

  private build(setup: StatementSetup): ThreadStages {
    const { instance, parallelism } = this.links;
    const settings = new Map(setup.settings);
    const clock = setup.now === undefined ? Date.now : () => this.now!;
    const connectors: ConnectorContext = {
      store: undefined,
      clock,
      wake: () => this.schedule(),
      track: (work) => work,
      setting: (key) => settings.get(key),
      schemaRegistryUrl: undefined,
      print: (line, standardError) => (standardError ? process.stderr : process.stdout).write(`${line}\n`),
      deadLetters: () => {
        throw new ConnectorError("a parallel statement's workers do not write dead-letter tables");
      },
      count: (table, metric, n = 1) => {
        const key = `${table.path.join(".")}\u0000${metric}`;
        const counted = this.counters.get(key);
        this.counters.set(key, { table: table.path, metric, n: (counted?.n ?? 0) + n });
      },
    };
    const env: RuntimeEnv = {
      ctx: createEvalContext({ clock, timeZone: setup.timeZone }),
      tables: new MemoryTables(),
      store: undefined,
      // Lookup joins, which probe the store's views, run in the main thread (see distribution.ts).
      storeView: () => {
        throw new ConnectorError("a parallel statement's workers do not read the embedded store");
      },
      connectors,
      clock,
      idleTimeout: setup.idleTimeout,
      split: { index: instance, count: parallelism },
    };
    const local: Channel = { send: (message) => this.deliver(message) };
    const toMain = portChannel(this.links.main, this.inFlight);
    const peers = this.links.peers.map((port) => (port ? portChannel(port, this.inFlight) : local));
    return buildThreadStages(
      {
        plan: setup.plan,
        parallelism,
        nodes: numberNodes(setup.plan),
        placements: setup.placements,
        exchanges: new Map(setup.exchanges.map((e) => [e.producer, e])),
      },
      {
        statement: setup.statement,
        id: this.id,
        env,
        placement: "workers",
        instance,
        channelsOf: (exchange) => (exchange.to === "main" ? [toMain] : peers),
      },
    );
  }

  private deliver(message: ThreadMessage): void {
    if (isExchangeMessage(message)) this.stages.inputs.get(message.x)?.deliver(message);
  }

  private schedule(): void {
    if (this.scheduled || this.stopped || !this.opened) return;
    this.scheduled = true;
    setImmediate(() => this.run());
  }

  private report(message: WorkerReport): void {
    this.links.main.postMessage(message);
  }

  private fail(error: unknown): void {
    this.stopped = true;
    this.report({ t: "failed", s: this.id, message: error instanceof Error ? error.message : String(error) });
  }

  /** Moves rows through the stages until none can move, then releases what it received. */
  private run(): void {
    this.scheduled = false;
    if (this.stopped) return;
    for (;;) {
      let progressed = false;
      for (const segment of this.stages.segments) {
        const { job } = segment;
        if (job.step(BATCH)) progressed = true;
        if (job.status === "failed") {
          this.fail(job.error?.cause ?? job.error);
          return;
        }
        if (job.status === "finished" && !segment.ended) {
          segment.ended = true;
          segment.output?.end();
        }
      }
      for (const segment of this.stages.segments) segment.output?.flush();
      for (const input of this.stages.inputs.values()) if (input.pending) progressed = true;
      if (!progressed) break;
    }
    const recordsIn = sourceRecordsIn(this.stages);
    const finished = this.stages.segments.every((s) => s.ended);
    if (finished) this.stopped = true;
    if (finished || recordsIn !== this.reportedRecordsIn || this.counters.size > 0) {
      this.reportedRecordsIn = recordsIn;
      const counters = [...this.counters.values()];
      this.counters = new Map();
      const t = finished ? "finished" : "progress";
      this.report({ t, s: this.id, from: this.links.instance, recordsIn, counters });
    }
    if (this.inFlight.release()) this.report({ t: "quiet", s: this.id });
  }
}
