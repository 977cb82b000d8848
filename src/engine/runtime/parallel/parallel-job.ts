import { MessageChannel, type MessagePort, Worker } from "node:worker_threads";
import type { ParallelPlan } from "../../plan/parallel/parallel-plan.ts";
import type { RuntimeEnv } from "../build-pipeline.ts";
import { Job } from "../job.ts";
import type { Collector } from "../operator.ts";
import { InFlight, portChannel } from "./in-flight.ts";
import { isExchangeMessage, type ThreadMessage } from "./messages.ts";
import { buildThreadStages, type ThreadStages } from "./segments.ts";
import type { WorkerSetup } from "./worker-setup.ts";

const WORKER_ENTRY = new URL("./worker-entry.ts", import.meta.url);

export interface ParallelJobOptions {
  readonly statement: string;
  readonly parallel: ParallelPlan;
  /** The statement's sink: the collecting client of a query (a table sink is part of the plan). */
  readonly out: Collector;
  readonly env: RuntimeEnv;
  /** The session's settings, as the workers' connectors read them. */
  readonly settings: readonly (readonly [string, string])[];
}

/**
 * A statement running on `parallelism` worker threads plus the main thread (see ParallelPlan for
 * which operators run where). The engine drives it like any job: `step` runs the main thread's
 * stages; the workers run theirs on their own and exchange rows through message channels. It
 * finishes when the main thread's last stage has seen every input end, and fails with the first
 * error of any thread; the workers are terminated either way, and on cancel.
 */
export class ParallelJob extends Job {
  private readonly stages: ThreadStages;
  private readonly workers: readonly Worker[];
  private readonly inFlight: InFlight;
  private readonly env: RuntimeEnv;
  private readonly wallClock: boolean;
  private lastTime: number | undefined;
  private quiet: { promise: Promise<void>; resolve: () => void } | undefined;

  private constructor(
    options: ParallelJobOptions,
    stages: ThreadStages,
    workers: readonly Worker[],
    inFlight: InFlight,
  ) {
    const io = stages.segments.map((s) => s.job.io);
    super(
      options.statement,
      {
        sources: [],
        operators: [],
        timed: [],
        output: { count: 0 },
        readers: io.flatMap((i) => i.readers),
        writers: io.flatMap((i) => i.writers),
      },
      options.env.clock,
    );
    this.stages = stages;
    this.workers = workers;
    this.inFlight = inFlight;
    this.env = options.env;
    this.wallClock = options.env.clock === Date.now;
    for (const [i, worker] of workers.entries()) {
      worker.on("message", (message: ThreadMessage) => this.onMessage(message));
      worker.on("error", (error) => this.stop(error));
      worker.on("exit", (code) => this.stop(new Error(`worker ${i} of the statement exited (code ${code})`)));
    }
  }

  /** Starts the workers and builds the main thread's stages; the connectors are not opened yet. */
  static launch(options: ParallelJobOptions): ParallelJob {
    const { parallel } = options;
    const p = parallel.parallelism;
    const shared = InFlight.create(p);
    const inFlight = new InFlight(shared);
    const peers: (MessagePort | null)[][] = Array.from({ length: p }, () => new Array(p).fill(null));
    for (let a = 0; a < p; a++)
      for (let b = a + 1; b < p; b++) {
        const { port1, port2 } = new MessageChannel();
        peers[a]![b] = port1;
        peers[b]![a] = port2;
      }
    const workers = peers.map((ports, instance) => {
      const setup: WorkerSetup = {
        statement: options.statement,
        plan: parallel.plan,
        parallelism: p,
        instance,
        placements: parallel.placements,
        exchanges: [...parallel.exchanges.values()],
        peers: ports,
        inFlight: shared,
        timeZone: options.env.ctx.timeZone,
        idleTimeout: options.env.idleTimeout,
        settings: options.settings,
        now: options.env.clock === Date.now ? undefined : options.env.clock(),
      };
      const transferList = ports.filter((port): port is MessagePort => port !== null);
      return new Worker(WORKER_ENTRY, { workerData: setup, transferList });
    });
    try {
      const channels = workers.map((worker) => portChannel(worker, inFlight));
      const stages = buildThreadStages(parallel, {
        statement: options.statement,
        env: options.env,
        placement: "main",
        instance: 0,
        // Only the workers consume from the main thread.
        channelsOf: () => channels,
        out: options.out,
      });
      return new ParallelJob(options, stages, workers, inFlight);
    } catch (error) {
      for (const worker of workers) void worker.terminate();
      throw error;
    }
  }

  override step(max: number): boolean {
    if (this.status !== "running") return false;
    this.sendTime();
    let progressed = false;
    for (const segment of this.stages.segments) {
      const { job } = segment;
      if (job.step(max)) progressed = true;
      if (job.status === "failed") {
        this.stop(job.error?.cause ?? job.error);
        return true;
      }
      if (job.status === "finished" && !segment.ended) {
        segment.ended = true;
        segment.output?.end();
      }
    }
    for (const segment of this.stages.segments) segment.output?.flush();
    for (const input of this.stages.inputs.values()) if (input.pending) progressed = true;
    this.recordsIn = this.stages.segments.reduce((n, s) => n + s.job.recordsIn, 0);
    if (this.stages.segments.every((s) => s.job.status === "finished")) {
      this.status = "finished";
      this.shutDown();
      return true;
    }
    if (!progressed) {
      this.inFlight.release();
      this.waitForQuiet();
    }
    return progressed;
  }

  override get recordsOut(): number {
    return this.stages.segments[0]?.job.recordsOut ?? 0;
  }

  override fail(cause: unknown): void {
    super.fail(cause);
    this.shutDown();
  }

  override cancel(): void {
    super.cancel();
    this.shutDown();
  }

  override bound(): void {
    for (const { job } of this.stages.segments) job.bound();
    this.broadcast({ t: "bound" });
  }

  private onMessage(message: ThreadMessage): void {
    if (this.status !== "running") return;
    if (isExchangeMessage(message)) {
      this.inFlight.received();
      this.stages.inputs.get(message.x)?.deliver(message);
      this.env.connectors.wake();
    } else if (message.t === "failed") this.stop(new Error(message.message));
    else if (message.t === "quiet" && this.inFlight.quiet) this.quiet?.resolve();
  }

  /** A thread failed: the statement fails with its error, and the engine looks again. */
  private stop(cause: unknown): void {
    if (this.status !== "running") return;
    this.fail(cause);
    this.env.connectors.wake();
  }

  /** Makes `execute` wait until the workers have caught up with what they were sent. */
  private waitForQuiet(): void {
    if (this.quiet || this.inFlight.quiet) return;
    let resolve!: () => void;
    const promise = new Promise<void>((r) => {
      resolve = r;
    });
    this.quiet = { promise, resolve };
    void this.env.connectors.track(promise).then(() => {
      this.quiet = undefined;
    });
  }

  /** Processing time for the workers' operators, when the engine's clock is not the wall clock. */
  private sendTime(): void {
    if (this.wallClock) return;
    const now = this.env.clock();
    if (now === this.lastTime) return;
    this.lastTime = now;
    this.broadcast({ t: "time", now });
  }

  private broadcast(message: ThreadMessage): void {
    for (const worker of this.workers) {
      this.inFlight.sent();
      worker.postMessage(message);
    }
  }

  private shutDown(): void {
    for (const worker of this.workers) void worker.terminate();
    this.quiet?.resolve();
  }
}
