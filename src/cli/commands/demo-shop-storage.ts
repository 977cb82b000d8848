import { join } from "node:path";
import type { RetailDataSetName } from "../../connectors/retail/index.ts";
import type { CompletedCheckpoint, Engine, EngineOptions } from "../../engine/index.ts";
import type { RawTableLayout } from "../../pipelines/index.ts";
import { committedLiveEvents, MemoryRawEvents, RawEventLog, type RawEventSink } from "./demo-raw-log.ts";
import { type DemoState, STORE_FOLDER } from "./demo-state.ts";

/** An earlier run the shop resumes: its saved settings and the store holding its checkpoints. */
export interface ShopResume {
  readonly state: DemoState;
  readonly storeDir: string;
}

/**
 * Where the shop keeps its tables, and what follows from it: the engine's options, where generated
 * events go, how often they are committed, and whether an earlier run can be resumed.
 */
export interface ShopStorage {
  readonly engineOptions: Pick<EngineOptions, "storeDir" | "checkpoints">;
  /** How often live events are committed and moved through the pipeline, ms. */
  readonly driveEveryMs: number;
  /** The earlier run this one continues, if any. */
  readonly resume: ShopResume | undefined;
  /** Live events earlier runs committed: where this run's stream continues. */
  committedLiveEvents(engine: Engine): number;
  /** The sink of generated events, once the engine ran the raw tables' DDL. */
  openRawEvents(
    engine: Engine,
    layouts: ReadonlyMap<RetailDataSetName, RawTableLayout>,
  ): Promise<RawEventSink>;
}

/**
 * Tables in the engine's memory (benchmarks): rows are visible as soon as the engine runs, so events
 * are moved often; nothing survives the process.
 */
export class MemoryShopStorage implements ShopStorage {
  readonly engineOptions = {};
  readonly driveEveryMs = 20;
  readonly resume = undefined;

  committedLiveEvents(): number {
    return 0;
  }

  async openRawEvents(
    engine: Engine,
    layouts: ReadonlyMap<RetailDataSetName, RawTableLayout>,
  ): Promise<RawEventSink> {
    return new MemoryRawEvents(engine, layouts);
  }
}

export interface DurableShopOptions {
  /** The demo's state folder: the engine's store lives in its `store` subfolder. */
  readonly stateDir: string;
  /** `execution.checkpointing.interval` of every statement, ms. */
  readonly checkpointIntervalMs: number;
  /** What an earlier run left: resume from its store instead of generating the history. */
  readonly previous?: DemoState;
  /** A statement with new input checkpoints this long after its last one (default: a quarter interval). */
  readonly inputPauseMs?: number;
  /**
   * Snapshot fsyncs on the thread pool, off the event loop serving lookups (default false: at
   * 1,000 events/s on a loaded machine each trip back to a busy loop cost more than the fsync).
   */
  readonly durableInBackground?: boolean;
  /** Told of each completed checkpoint (the freshness benchmark's timeline). */
  readonly onCheckpoint?: (checkpoint: CompletedCheckpoint) => void;
}

/** The input pause as a share of the checkpoint interval. */
const INPUT_PAUSE_SHARE = 0.25;

/**
 * Every table in a durable store under `<state dir>/store`, each INSERT under checkpoints (what
 * `headwater demo c360` runs). Each commit of live events is a store transaction (a few fsyncs), and
 * readers see new rows at the statements' checkpoints anyway, so events are moved less often.
 */
export class DurableShopStorage implements ShopStorage {
  readonly engineOptions: Pick<EngineOptions, "storeDir" | "checkpoints">;
  readonly driveEveryMs = 100;
  readonly resume: ShopResume | undefined;

  constructor(options: DurableShopOptions) {
    const storeDir = join(options.stateDir, STORE_FOLDER);
    const { checkpointIntervalMs: intervalMs, onCheckpoint } = options;
    // Input-driven checkpoints: the view is fresh about a pause plus the cascade after an event, not an interval.
    const inputPauseMs = options.inputPauseMs ?? intervalMs * INPUT_PAUSE_SHARE;
    this.engineOptions = {
      storeDir,
      checkpoints: {
        intervalMs,
        inputPauseMs,
        durableInBackground: options.durableInBackground ?? false,
        ...(onCheckpoint ? { onCheckpoint } : {}),
      },
    };
    this.resume = options.previous ? { state: options.previous, storeDir } : undefined;
  }

  committedLiveEvents(engine: Engine): number {
    return this.resume ? (committedLiveEvents(engine.store!) ?? 0) : 0;
  }

  openRawEvents(
    engine: Engine,
    layouts: ReadonlyMap<RetailDataSetName, RawTableLayout>,
  ): Promise<RawEventSink> {
    return RawEventLog.open(engine, layouts);
  }
}
