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
  rawRow,
  rawTableLayouts,
  renderFinding,
} from "../../pipelines/index.ts";

export interface ShopOptions {
  /** The pipeline project (examples/c360). */
  readonly projectDir: string;
  readonly customers: number;
  readonly seed: number;
  /** Live events per second. */
  readonly rate: number;
  /** Shop time of live event 0. */
  readonly streamStart?: number;
  /** Live events already emitted by earlier runs, replayed at their original times before the stream goes on. */
  readonly replay?: number;
  /** Where the shop clock starts; the generator's as-of time by default. */
  readonly clockStart?: number;
  /** Called as history and replayed events load: done and expected counts. */
  readonly progress?: (done: number, total: number) => void;
}

/** Why the shop could not open: the project's findings, a statement the engine refused, a raw-table mismatch. */
export class ShopError extends Error {
  override name = "ShopError";
}

/** Rows fed between two runs of the engine while loading, so progress shows and memory stays flat. */
const LOAD_BATCH = 5000;
/** How often the engine moves live events through the pipeline. */
const DRIVE_EVERY_MS = 20;

/**
 * The Customer 360 shop, live: the project's pipeline running on the embedded engine, fed the
 * generated history, then a continuous stream of new events at a fixed rate. The shop has its own
 * clock — the generator's as-of day, running at wall speed — so the view's judgements ("bought in the
 * last 30 days") mean what they would on the data's own today; the engine, the stream and the REST
 * server all read it.
 */
export class LiveShop {
  readonly engine: Engine;
  readonly project: Project;
  readonly customers: number;
  readonly seed: number;
  readonly rate: number;
  /** Shop time of live event 0. */
  readonly streamStart: number;
  /** History records loaded (malformed ones are set aside, as a dead-letter queue would). */
  historyEvents = 0;
  malformed = 0;
  /** Live events emitted so far, earlier runs' included. */
  liveEvents = 0;
  /** Live events replayed from earlier runs when this one opened. */
  readonly replayed: number;
  /** Why the pipeline stopped, if a job failed. */
  failure: string | undefined = undefined;

  private readonly layouts: ReadonlyMap<RetailDataSetName, RawTableLayout>;
  private cursor: RetailCursor | null = null;
  private readonly clockOrigin: number;
  /** Wall time when the live stream started; the shop clock stands still before (while loading). */
  private wallOrigin: number | undefined;
  private stopping = false;
  private readonly sleepers = new Set<() => void>();
  private driver: ReturnType<typeof setInterval> | undefined;
  private pumping: Promise<void> | undefined;
  private live!: AsyncGenerator<RetailEvent>;

  private constructor(
    options: ShopOptions,
    project: Project,
    layouts: ReadonlyMap<RetailDataSetName, RawTableLayout>,
    asOf: number,
  ) {
    this.project = project;
    this.layouts = layouts;
    this.customers = options.customers;
    this.seed = options.seed;
    this.rate = options.rate;
    this.clockOrigin = options.clockStart ?? asOf;
    this.streamStart = options.streamStart ?? this.clockOrigin;
    this.engine = createEngine({ clock: () => this.now() });
    this.replayed = options.replay ?? 0;
  }

  /** Shop time, epoch ms: still while the shop loads, then running at wall speed. */
  now(): number {
    return this.wallOrigin === undefined
      ? this.clockOrigin
      : this.clockOrigin + Math.floor(performance.now() - this.wallOrigin);
  }

  /** Loads the project, starts its statements and feeds the history and any replayed live events. */
  static async open(options: ShopOptions): Promise<LiveShop> {
    const project = loadProject(options.projectDir);
    const errors = project.findings.filter((f) => f.severity === "error");
    if (errors.length > 0) throw new ShopError(errors.map((f) => renderFinding(f)).join("\n"));
    const found = rawTableLayouts(project);
    if ("problem" in found) throw new ShopError(found.problem);
    const generation = generateRetail({ customers: options.customers, seed: options.seed });
    const shop = new LiveShop(options, project, found.layouts, generation.plan.asOf);
    for (const statement of projectStatements(project)) {
      try {
        // Statements only start jobs; rows flow once the raw tables fill below.
        await shop.engine.executeScript(statement.sql, statement.file);
      } catch (error) {
        throw new ShopError(error instanceof SqlError ? error.message : String(error));
      }
    }
    shop.loadHistory(generation, options.progress);
    shop.live = shop.stream();
    await shop.replayLive(options.progress);
    return shop;
  }

  private loadHistory(
    generation: ReturnType<typeof generateRetail>,
    progress: ShopOptions["progress"],
  ): void {
    const events: RetailEvent[] = [];
    for (const event of generation) {
      if (event.malformed) this.malformed++;
      else if (this.layouts.has(event.dataSet)) events.push(event);
    }
    this.cursor = generation.cursor;
    for (let i = 0; i < events.length; i++) {
      this.insert(events[i]!);
      if ((i + 1) % LOAD_BATCH === 0 || i + 1 === events.length) {
        this.drive();
        progress?.(i + 1, events.length + this.replayed);
      }
    }
    this.historyEvents = events.length;
  }

  private async replayLive(progress: ShopOptions["progress"]): Promise<void> {
    // Every replayed event was due before the shop clock's start, so the stream emits them at once.
    while (this.liveEvents < this.replayed) {
      const next = await this.live.next();
      if (next.done) break;
      this.insert(next.value);
      this.liveEvents++;
      if (this.liveEvents % LOAD_BATCH === 0 || this.liveEvents === this.replayed) {
        this.drive();
        progress?.(this.historyEvents + this.liveEvents, this.historyEvents + this.replayed);
      }
    }
  }

  /** Keeps the live stream flowing until `stop()`. */
  start(): void {
    this.wallOrigin = performance.now();
    this.driver = setInterval(() => this.drive(), DRIVE_EVERY_MS);
    this.pumping = this.pump();
  }

  /** Stops the stream and moves what arrived through the pipeline. */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const wake of this.sleepers) wake();
    await this.pumping;
    if (this.driver) clearInterval(this.driver);
    this.drive();
  }

  private async pump(): Promise<void> {
    for (;;) {
      const next = await this.live.next();
      if (next.done || this.stopping) return;
      this.insert(next.value);
      this.liveEvents++;
    }
  }

  /** The live stream from event 0: one generator, first replaying earlier runs' events, then live. */
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
    });
  }

  private insert(event: RetailEvent): void {
    const layout = this.layouts.get(event.dataSet);
    if (layout) this.engine.insertRows(layout.name, [rawRow(layout, event)], { timestamp: event.eventTime });
  }

  /** Runs the pipeline over what arrived; a failed job stops the shop with its message. */
  private drive(): void {
    if (this.failure) return;
    this.engine.runUntilIdle();
    const failed = this.engine.jobs.flatMap((job) => (job.error ? [job.error.message] : []));
    if (failed.length > 0) {
      this.failure = failed.join("\n\n");
      this.stopping = true;
      for (const wake of this.sleepers) wake();
    }
  }
}
