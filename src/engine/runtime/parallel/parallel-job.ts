import type { TableSchema } from "../../../sql/catalog/table-schema.ts";
import type { ParallelPlan } from "../../plan/parallel/parallel-plan.ts";
import type { RuntimeEnv } from "../build-pipeline.ts";
import { Job } from "../job.ts";
import type { Collector } from "../operator.ts";
import { InFlight } from "./in-flight.ts";
import { type ControlMessage, isExchangeMessage, type ThreadMessage } from "./messages.ts";
import { buildThreadStages, sourceRecordsIn, type ThreadStages } from "./segments.ts";
import type { WorkerPool } from "./worker-pool.ts";
import type { StatementSetup } from "./worker-setup.ts";

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
 * A statement running on a pool of worker threads plus the main thread (see ParallelPlan for which
 * operators run where). The engine drives it like any job: `step` runs the main thread's stages; the
 * workers run theirs on their own and exchange rows through message ports. It finishes when the
 * main thread's last stage has seen every input end, and fails with the first error of any thread;
 * its worker instances are stopped either way, and on cancel.
 */
export class ParallelJob extends Job {
  private readonly stages: ThreadStages;
  private readonly pool: WorkerPool;
  private readonly id: number;
  private readonly inFlight: InFlight;
  private readonly env: RuntimeEnv;
  /**
   * Whether `execute` waits for the workers: when every source is read by the main thread, their
   * work follows from what it sent. Sources read on the workers are new input arriving on its own,
   * as from Kafka, which `execute` does not wait for (an endless stream would never let it return).
   */
  private readonly waitsForWorkers: boolean;
  private lastTime: number | undefined;
  /** Rows each worker's instance has read from sources, as last reported. */
  private readonly workerRecordsIn: number[];
  /** The statement's source tables by path, for the counters the workers' connectors report. */
  private readonly tables: ReadonlyMap<string, TableSchema>;
  /** Workers whose instance has finished every stage. */
  private readonly workersFinished = new Set<number>();
  private quiet: { resolve: () => void } | undefined;

  private constructor(
    options: ParallelJobOptions,
    pool: WorkerPool,
    id: number,
    stages: ThreadStages,
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
    this.pool = pool;
    this.id = id;
    this.stages = stages;
    this.inFlight = inFlight;
    this.env = options.env;
    this.workerRecordsIn = new Array<number>(pool.parallelism).fill(0);
    this.tables = new Map(
      options.parallel.nodes.flatMap((p) =>
        p.node.kind === "TableSourceScan" ? [[p.node.table.path.join("."), p.node.table] as const] : [],
      ),
    );
    const { nodes, placements } = options.parallel;
    this.waitsForWorkers = !nodes.some((p, i) => p.inputs.length === 0 && placements[i] === "workers");
  }

  /**
   * Starts the statement's instances on the pool's workers and builds the main thread's stages; the
   * main thread's connectors are opened by the engine.
   */
  static launch(options: ParallelJobOptions, pool: WorkerPool): ParallelJob {
    const { parallel, env } = options;
    const shared = InFlight.create(pool.parallelism);
    const inFlight = new InFlight(shared);
    let job: ParallelJob | undefined;
    const early: ThreadMessage[] = [];
    let crash: Error | undefined;
    const id = pool.register({
      message: (message) => {
        if (job) job.onMessage(message);
        else early.push(message);
      },
      crashed: (error) => {
        if (job) job.stop(error);
        else crash = error;
      },
    });
    const setup: StatementSetup = {
      statement: options.statement,
      plan: parallel.plan,
      placements: parallel.placements,
      exchanges: [...parallel.exchanges.values()],
      inFlight: shared,
      timeZone: env.ctx.timeZone,
      idleTimeout: env.idleTimeout,
      settings: options.settings,
      now: env.clock === Date.now ? undefined : env.clock(),
    };
    try {
      for (let i = 0; i < pool.parallelism; i++) pool.post(i, { t: "start", s: id, setup });
      const stages = buildThreadStages(parallel, {
        statement: options.statement,
        id,
        env,
        placement: "main",
        instance: 0,
        // Only the workers consume from the main thread.
        channelsOf: () => pool.channels(inFlight),
        out: options.out,
      });
      job = new ParallelJob(options, pool, id, stages, inFlight);
    } catch (error) {
      pool.release(id);
      throw error;
    }
    for (const message of early) job.onMessage(message);
    if (crash) job.stop(crash);
    return job;
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
    this.countRecordsIn();
    if (
      this.stages.segments.every((s) => s.job.status === "finished") &&
      this.workersFinished.size === this.pool.parallelism
    ) {
      this.status = "finished";
      this.shutDown();
      return true;
    }
    if (!progressed) {
      this.inFlight.release();
      if (this.inFlight.quiet) this.quiet?.resolve();
      else this.waitForQuiet();
    }
    return progressed;
  }

  /** Resolves once the pool's workers are up: a statement starts running then, as a Flink job once deployed. */
  get started(): Promise<void> {
    return this.pool.ready;
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
    this.broadcast({ t: "bound", s: this.id });
  }

  private onMessage(message: ThreadMessage): void {
    if (message.t === "progress" || message.t === "finished") {
      this.workerRecordsIn[message.from] = message.recordsIn;
      this.countRecordsIn();
      for (const { table, metric, n } of message.counters) {
        const schema = this.tables.get(table.join("."));
        if (schema) this.env.connectors.count(schema, metric, n);
      }
      if (message.t === "progress") return;
      this.workersFinished.add(message.from);
      this.env.connectors.wake();
    }
    if (this.status !== "running") return;
    if (isExchangeMessage(message)) {
      this.inFlight.received();
      this.stages.inputs.get(message.x)?.deliver(message);
      this.env.connectors.wake();
    } else if (message.t === "failed") this.stop(new Error(message.message));
    else if (message.t === "quiet" && this.inFlight.quiet) this.quiet?.resolve();
  }

  private countRecordsIn(): void {
    this.recordsIn = sourceRecordsIn(this.stages) + this.workerRecordsIn.reduce((a, b) => a + b, 0);
  }

  /** A thread failed: the statement fails with its error, and the engine looks again. */
  private stop(cause: unknown): void {
    if (this.status !== "running") return;
    this.fail(cause);
    this.env.connectors.wake();
  }

  /** Makes `execute` wait until the workers have caught up with what they were sent. */
  private waitForQuiet(): void {
    if (this.quiet || !this.waitsForWorkers) return;
    const waiting = new Promise<void>((resolve) => {
      this.quiet = { resolve };
    });
    void this.env.connectors.track(waiting).then(() => {
      this.quiet = undefined;
    });
  }

  /** Processing time for the workers' operators, when the engine's clock is not the wall clock. */
  private sendTime(): void {
    if (this.env.clock === Date.now) return;
    const now = this.env.clock();
    if (now === this.lastTime) return;
    this.lastTime = now;
    this.broadcast({ t: "time", s: this.id, now });
  }

  private broadcast(message: ControlMessage): void {
    for (let i = 0; i < this.pool.parallelism; i++) {
      this.inFlight.sent();
      this.pool.post(i, message);
    }
  }

  private shutDown(): void {
    this.pool.release(this.id);
    this.quiet?.resolve();
  }
}
