import {
  type Clock,
  continuousRetailEvents,
  generateRetail,
  type RetailCursor,
  type RetailDataSetName,
  type RetailEvent,
} from "../../connectors/retail/index.ts";
import { createEngine, type Engine, SqlError } from "../../engine/index.ts";
import {
  loadProject,
  type Project,
  projectStatements,
  type RawTableLayout,
  rawTableLayouts,
  renderFinding,
} from "../../pipelines/index.ts";
import type { RawEventSink } from "./demo-raw-log.ts";
import type { ShopStorage } from "./demo-shop-storage.ts";

export interface ShopOptions {
  /** The pipeline project (examples/c360). */
  readonly projectDir: string;
  readonly customers: number;
  readonly seed: number;
  /** Live events per second. */
  readonly rate: number;
  /** The live stream ends after this many events in all (earlier runs' included); endless without. */
  readonly maxEvents?: number;
  /** In memory (benchmarks) or in a durable store under checkpoints (the demo), maybe resuming a run. */
  readonly storage: ShopStorage;
  /** Called as history events load: done and expected counts. */
  readonly progress?: (done: number, total: number) => void;
}

/** Why the shop could not open: the project's findings, a statement the engine refused, a raw-table mismatch. */
export class ShopError extends Error {
  override name = "ShopError";
}

/** How the shop came to its first view: built from scratch, or resumed from the store's checkpoints. */
export type ShopStart =
  | { readonly kind: "built"; readonly ms: number; readonly statements: number }
  | {
      readonly kind: "resumed";
      /** Open the store and start every statement from its checkpoint, then process what followed it. */
      readonly ms: number;
      readonly restoreMs: number;
      readonly catchUpMs: number;
      /** Regenerating the live stream's ids and random draws up to where it stopped (no engine work). */
      readonly fastForwardMs: number;
      /** What building from scratch took in the first run, for comparison. */
      readonly buildMs: number;
      /** Statements that resumed from a checkpoint, and those that found none and started over. */
      readonly restored: readonly string[];
      readonly rebuilt: readonly string[];
      /** Raw events in the store whose effect came back with the checkpoints, and those read again. */
      readonly rawRestored: number;
      readonly rawReread: number;
      /** Records every statement read again (raw and intermediate): the work after the last checkpoints. */
      readonly recordsReread: number;
    };

/** Rows fed between two runs of the engine while loading, so progress shows and memory stays flat. */
const LOAD_BATCH = 5000;
/** Checkpoints taken while loading a large history, so statements' staged output stays bounded. */
const LOAD_CHECKPOINT_EVERY = 10 * LOAD_BATCH;

/**
 * The Customer 360 shop, live: the project's pipeline on the embedded engine, its raw topics and every
 * table in the engine's durable store, each INSERT under checkpoints. A first run generates the
 * history into the raw topics; then a continuous stream of new events arrives at a fixed rate. A
 * later run on the same store restores every statement from its last checkpoint and continues the
 * stream where the raw topics' committed position says it stopped. The shop has its own clock — the
 * generator's as-of day, running at wall speed while live — so the view's judgements ("bought in the
 * last 30 days") mean what they would on the data's own today; the engine, the stream and the REST
 * server all read it.
 */
export class LiveShop {
  readonly engine: Engine;
  readonly project: Project;
  readonly customers: number;
  readonly seed: number;
  readonly rate: number;
  readonly maxEvents: number | undefined;
  /** Shop time of live event 0. */
  readonly streamStart: number;
  /** History records loaded (malformed ones are set aside, as a dead-letter queue would). */
  historyEvents = 0;
  malformed = 0;
  /** Live events committed to the raw topics (or staged for the next commit), earlier runs' included. */
  liveEvents = 0;
  /** Live events earlier runs committed, where this run's stream started. */
  resumedAt = 0;
  /** The history's last ids, which the live stream continues. */
  cursor: RetailCursor | undefined;
  startup: ShopStart | undefined;
  /** Why the pipeline stopped, if a job failed. */
  failure: string | undefined = undefined;

  private readonly layouts: ReadonlyMap<RetailDataSetName, RawTableLayout>;
  private readonly storage: ShopStorage;
  private clockOrigin: number;
  /** Wall time when the live stream started; the shop clock stands still before (while loading). */
  private wallOrigin: number | undefined;
  private stopping = false;
  private readonly sleepers = new Set<() => void>();
  private driver: ReturnType<typeof setInterval> | undefined;
  private pumping: Promise<void> | undefined;
  private live!: AsyncGenerator<RetailEvent>;
  private raw!: RawEventSink;
  /** The pipeline's next rounds, after it yielded to the event loop (runPipeline). */
  private continuation: NodeJS.Immediate | undefined;
  /** `stop` moved everything through the pipeline and checkpointed it. */
  private drained = false;
  /** Records read by the engine's sources when `drain` last checkpointed. */
  private readAtCheckpoint = 0;

  private constructor(
    options: ShopOptions,
    project: Project,
    layouts: ReadonlyMap<RetailDataSetName, RawTableLayout>,
    streamStart: number,
  ) {
    this.project = project;
    this.layouts = layouts;
    this.customers = options.customers;
    this.seed = options.seed;
    this.rate = options.rate;
    this.maxEvents = options.maxEvents;
    this.streamStart = streamStart;
    this.clockOrigin = streamStart;
    this.storage = options.storage;
    this.engine = createEngine({ clock: () => this.now(), ...options.storage.engineOptions });
  }

  /** Shop time, epoch ms: still while the shop loads, then running at wall speed. */
  now(): number {
    return this.wallOrigin === undefined
      ? this.clockOrigin
      : this.clockOrigin + Math.floor(performance.now() - this.wallOrigin);
  }

  /**
   * Opens the store, starts the project's statements (each resumes from its last checkpoint when
   * there is one) and either loads the history (first run) or processes what the raw topics hold
   * beyond the checkpoints (a later run).
   */
  static async open(options: ShopOptions): Promise<LiveShop> {
    const began = performance.now();
    const project = loadProject(options.projectDir);
    const errors = project.findings.filter((f) => f.severity === "error");
    if (errors.length > 0) throw new ShopError(errors.map((f) => renderFinding(f)).join("\n"));
    const found = rawTableLayouts(project);
    if ("problem" in found) throw new ShopError(found.problem);
    const resume = options.storage.resume;
    const generation = resume
      ? undefined
      : generateRetail({ customers: options.customers, seed: options.seed });
    let shop: LiveShop;
    try {
      shop = new LiveShop(
        options,
        project,
        found.layouts,
        resume ? resume.state.streamStart : generation!.plan.asOf,
      );
    } catch (error) {
      // Most likely another process owns the store.
      throw new ShopError(`cannot open the demo's store: ${(error as Error).message}`);
    }
    try {
      shop.resumedAt = options.storage.committedLiveEvents(shop.engine);
      // Resuming, the shop clock continues where the stream stopped: the due time of its next event.
      shop.clockOrigin = shop.dueTime(shop.resumedAt);
      const { restored, rebuilt } = await shop.startStatements();
      shop.raw = await options.storage.openRawEvents(shop.engine, found.layouts);
      if (resume) {
        if (restored.length === 0)
          throw new ShopError(
            `no statement of the demo has a checkpoint in ${resume.storeDir}: pass --fresh to start over`,
          );
        const restoreMs = performance.now() - began;
        shop.historyEvents = resume.state.historyEvents;
        shop.malformed = resume.state.malformed;
        shop.cursor = resume.state.cursor;
        await shop.drain();
        const caughtUp = performance.now();
        const rawTables = new Set([...found.layouts.values()].map((l) => l.name));
        const rawReread = recordsRead(shop.engine, (table) => rawTables.has(table));
        shop.live = shop.stream();
        await shop.fastForward(shop.resumedAt);
        const ready = performance.now();
        shop.startup = {
          kind: "resumed",
          ms: ready - began,
          restoreMs,
          catchUpMs: caughtUp - began - restoreMs,
          fastForwardMs: ready - caughtUp,
          buildMs: resume.state.buildMs,
          restored,
          rebuilt,
          rawRestored: resume.state.historyEvents + shop.resumedAt - rawReread,
          rawReread,
          recordsReread: recordsRead(shop.engine, () => true),
        };
      } else {
        await shop.loadHistory(generation!, options.progress);
        shop.live = shop.stream();
        shop.startup = {
          kind: "built",
          ms: performance.now() - began,
          statements: restored.length + rebuilt.length,
        };
      }
    } catch (error) {
      await shop.close();
      throw error;
    }
    return shop;
  }

  /** Shop time live event k is due. */
  private dueTime(k: number): number {
    return this.streamStart + Math.floor((k * 1000) / this.rate);
  }

  /** Runs the project's DDL and DML; each INSERT restores from its last checkpoint when it has one. */
  private async startStatements(): Promise<{ restored: string[]; rebuilt: string[] }> {
    const restored: string[] = [];
    const rebuilt: string[] = [];
    for (const statement of projectStatements(this.project)) {
      try {
        // Statements only start jobs; rows flow once the raw tables fill.
        for (const result of await this.engine.executeScript(statement.sql, statement.file))
          if (result.kind === "insert")
            (result.recovery?.restoredFrom ? restored : rebuilt).push(statement.table);
      } catch (error) {
        throw new ShopError(error instanceof SqlError ? error.message : String(error));
      }
    }
    return { restored, rebuilt };
  }

  private async loadHistory(
    generation: ReturnType<typeof generateRetail>,
    progress: ShopOptions["progress"],
  ): Promise<void> {
    const events: RetailEvent[] = [];
    for (const event of generation) {
      if (event.malformed) this.malformed++;
      else if (this.layouts.has(event.dataSet)) events.push(event);
    }
    this.cursor = generation.cursor ?? undefined;
    for (let i = 0; i < events.length; i++) {
      this.raw.append(events[i]!);
      if ((i + 1) % LOAD_BATCH === 0 || i + 1 === events.length) {
        this.raw.commit();
        this.engine.runUntilIdle();
        if ((i + 1) % LOAD_CHECKPOINT_EVERY === 0) await this.engine.checkpoints.checkpointAll();
        progress?.(i + 1, events.length);
      }
    }
    this.historyEvents = events.length;
    await this.drain();
  }

  /**
   * Moves everything committed through the whole pipeline and commits it: each statement's output
   * becomes visible to the next at its checkpoint, so rounds and checkpoints alternate until a round
   * reads nothing new — then the view reflects every committed raw event. A checkpoint is taken only
   * when something was read since the last one here (a resumed statement is at its checkpoint).
   */
  private async drain(): Promise<void> {
    for (;;) {
      await this.engine.settle();
      const read = recordsRead(this.engine, () => true);
      if (read === this.readAtCheckpoint) return;
      await this.engine.checkpoints.checkpointAll();
      this.readAtCheckpoint = read;
    }
  }

  /** Regenerates the stream's first `events` events without feeding them: the same ids and draws as before. */
  private async fastForward(events: number): Promise<void> {
    while (this.liveEvents < events) {
      const next = await this.live.next();
      if (next.done) break;
      this.liveEvents++;
    }
  }

  /** Keeps the live stream flowing until `stop()` or its last event; resolves when it ends. */
  start(): Promise<void> {
    this.wallOrigin = performance.now();
    this.driver = setInterval(() => this.drive(), this.storage.driveEveryMs);
    this.pumping = this.pump();
    return this.pumping;
  }

  /**
   * Stops the stream, commits what it produced and moves it through the pipeline to the view, with a
   * final checkpoint of every statement: the next run resumes exactly here.
   */
  async stop(): Promise<void> {
    // One checkpoint per statement from here, upstream first: a backlog costs its processing, not
    // a checkpoint of every statement for each level of the pipeline it has to cross.
    this.engine.checkpoints.hold();
    this.stopping = true;
    for (const wake of this.sleepers) wake();
    await this.pumping;
    if (this.driver) clearInterval(this.driver);
    this.drive();
    if (!this.failure) {
      await this.engine.checkpoints.drainInOrder(() => this.engine.settle());
      this.drained = true;
    }
  }

  /** Closes the engine and the store; the views cannot be read afterwards. */
  async close(): Promise<void> {
    if (this.continuation) clearImmediate(this.continuation);
    this.continuation = undefined;
    this.raw?.close();
    // After `stop`, the last checkpoints hold every statement's state: stopping the jobs spares the
    // engine's closing checkpoints, which would write the same state again (seconds for a large shop).
    if (this.drained) for (const job of this.engine.jobs) job.cancel();
    await this.engine.close();
  }

  private async pump(): Promise<void> {
    for (;;) {
      const next = await this.live.next();
      if (next.done || this.stopping) return;
      this.raw.append(next.value);
      this.liveEvents++;
    }
  }

  /** The live stream from event 0 (a resumed run fast-forwards it), continuing the history's ids. */
  private stream(): AsyncGenerator<RetailEvent> {
    const clock: Clock = {
      now: () => this.now(),
      sleep: (ms) =>
        new Promise<void>((resolve) => {
          if (this.stopping) return resolve();
          const wake = () => {
            clearTimeout(timer);
            this.sleepers.delete(wake);
            resolve();
          };
          const timer = setTimeout(wake, ms);
          this.sleepers.add(wake);
        }),
    };
    return continuousRetailEvents({
      customers: this.customers,
      seed: this.seed,
      ratePerSecond: this.rate,
      clock,
      start: this.streamStart,
      ...(this.cursor ? { after: this.cursor } : {}),
      ...(this.maxEvents !== undefined ? { maxEvents: this.maxEvents } : {}),
    });
  }

  /**
   * Adds an event from outside the generated stream (a benchmark's canary): staged with the stream's
   * own events, so it is committed and moved through the pipeline at the same next tick they are.
   */
  append(event: RetailEvent): void {
    this.raw.append(event);
  }

  /** Commits the new live events with the stream's position, then runs the pipeline over them. */
  private drive(): void {
    if (this.failure) return;
    if (this.raw.staged > 0) this.raw.commit(this.liveEvents);
    this.runPipeline();
  }

  /**
   * Runs the pipeline until it is at rest, giving the event loop back after each round of
   * checkpoints that committed output (then going on at once): the server's lookups see a level's
   * output when it commits, not after the levels below it have run too. A failed job stops the shop.
   */
  private runPipeline(): void {
    if (this.continuation) clearImmediate(this.continuation);
    this.continuation = undefined;
    if (!this.engine.runRounds(true))
      this.continuation = setImmediate(() => {
        this.continuation = undefined;
        if (!this.failure) this.runPipeline();
      });
    const failed = this.engine.jobs.flatMap((job) => (job.error ? [job.error.message] : []));
    if (failed.length > 0) {
      this.failure = failed.join("\n\n");
      this.stopping = true;
      for (const wake of this.sleepers) wake();
    }
  }
}

/** Records the engine's sources read since it opened, over the tables `which` selects (by name). */
function recordsRead(engine: Engine, which: (table: string) => boolean): number {
  let sum = 0;
  for (const [key, n] of Object.entries(engine.metrics())) {
    const table = /([^.]+)\.records-in$/.exec(key)?.[1];
    if (table !== undefined && which(table)) sum += n;
  }
  return sum;
}
