import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * What a demo run leaves in its state folder so the next run resumes the same shop: the generator's
 * inputs and how far the live stream got. The demo does not use the engine's checkpoints yet, so a resumed run rebuilds
 * the view by replaying the same deterministic events (the history, then the live events 0..events-1
 * at their original times) before the stream continues with event `events`.
 */
export interface DemoState {
  readonly version: 1;
  readonly customers: number;
  readonly seed: number;
  /** Live events per second; the stream's event k is due at streamStart + k·1000/rate. */
  readonly rate: number;
  /** Shop time of live event 0 (epoch ms). */
  readonly streamStart: number;
  /** Live events emitted by every run so far. */
  readonly events: number;
  /** Shop time when the last run stopped: where the shop clock resumes. */
  readonly stoppedAt: number;
}

export const STATE_FILE = "demo-state.json";

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
  const state = parsed as Partial<DemoState>;
  const numbers = ["customers", "seed", "rate", "streamStart", "events", "stoppedAt"] as const;
  const wrong = numbers.find((k) => typeof state[k] !== "number" || !Number.isFinite(state[k]));
  if (state.version !== 1 || wrong)
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
}
