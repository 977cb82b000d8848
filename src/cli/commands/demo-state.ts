import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { RetailCursor } from "../../connectors/retail/index.ts";

/**
 * What a demo run leaves next to its store so the next run resumes the same shop without generating
 * the history again: the generator's settings, where its live stream starts and numbers its ids, and
 * what building the view from scratch cost (to compare a resume with). Written once the history is
 * committed to the store and through the pipeline; how far the live stream got is committed with
 * the events themselves (demo-raw-log.ts), and the pipeline's progress with its checkpoints.
 */
export interface DemoState {
  readonly version: 2;
  readonly customers: number;
  readonly seed: number;
  /** Live events per second; the stream's event k is due at streamStart + k·1000/rate. */
  readonly rate: number;
  /** Shop time of live event 0 (epoch ms): the generator's as-of time. */
  readonly streamStart: number;
  /** The history's last ids, which the live stream continues from. */
  readonly cursor: RetailCursor;
  /** History records loaded, and malformed ones set aside. */
  readonly historyEvents: number;
  readonly malformed: number;
  /** Wall time the first run took to build the view from scratch (generate, store, process), ms. */
  readonly buildMs: number;
}

export const STATE_FILE = "demo-state.json";
/** The engine's store folder (raw topics, pipeline tables, checkpoints) inside the state folder. */
export const STORE_FOLDER = "store";

const NUMBERS = [
  "customers",
  "seed",
  "rate",
  "streamStart",
  "historyEvents",
  "malformed",
  "buildMs",
] as const;
const CURSOR = ["customers", "transactions", "items", "sessions", "tickets", "updates"] as const;

/** The state a previous run left in `dir`, none, or why the file cannot be used. */
export function readDemoState(dir: string): { state?: DemoState } | { problem: string } {
  const path = join(dir, STATE_FILE);
  if (!existsSync(path)) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    return { problem: `${path} is not valid JSON (${(error as Error).message}); remove it or pass --fresh` };
  }
  const state = parsed as Omit<Partial<DemoState>, "version"> & { version?: unknown };
  if (state.version === 1)
    return {
      problem: `${path} was written by an earlier demo that resumed by replaying events; pass --fresh to start over with checkpoints`,
    };
  const finite = (value: unknown) => typeof value === "number" && Number.isFinite(value);
  const cursor = (typeof state.cursor === "object" && state.cursor !== null ? state.cursor : {}) as Record<
    string,
    unknown
  >;
  const wrong =
    NUMBERS.find((k) => !finite(state[k])) ??
    CURSOR.filter((k) => !finite(cursor[k])).map((k) => `cursor.${k}`)[0];
  if (state.version !== 2 || wrong)
    return {
      problem: `${path} is not a demo state (${wrong ? `field ${wrong}` : "version"}); remove it or pass --fresh`,
    };
  return { state: state as DemoState };
}

/** Writes the state atomically (a torn file would make the next run start over). */
export function writeDemoState(dir: string, state: DemoState): void {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, STATE_FILE);
  writeFileSync(`${path}.tmp`, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(`${path}.tmp`, path);
  rmSync(join(dir, BUILDING_FILE), { force: true });
}

/** Marks a store the demo is building (a first run still loading), so a later run may delete it. */
const BUILDING_FILE = "demo-building";

/** Called before a first run creates its store: until the state file exists, the store is the demo's to discard. */
export function markDemoBuilding(dir: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, BUILDING_FILE),
    "the demo's store is being built; a run without demo-state.json starts over\n",
  );
}

/**
 * Forgets a previous run: its state file and its store. Only a store the demo made goes (one with a
 * state file, or one a first run was building), and only the demo's own entries, so a state folder
 * pointed at by mistake — another tool's — loses nothing: the problem says so instead.
 */
export function clearDemoState(dir: string): string | undefined {
  const store = join(dir, STORE_FOLDER);
  const ours = existsSync(join(dir, STATE_FILE)) || existsSync(join(dir, BUILDING_FILE));
  if (existsSync(store) && !ours)
    return `${store} was not made by the demo (there is no ${STATE_FILE} next to it): choose another --state-dir`;
  rmSync(store, { recursive: true, force: true });
  rmSync(join(dir, STATE_FILE), { force: true });
  rmSync(join(dir, BUILDING_FILE), { force: true });
  return undefined;
}
