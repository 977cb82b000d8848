import { JavaRandom } from "../functions/java-random.ts";

/**
 * What an expression may read besides its row: the processing-time clock (NOW, CURRENT_TIMESTAMP,
 * PROCTIME...), the session time zone (`table.local-time-zone`) and the random source of RAND().
 * Injectable so tests and replays are deterministic.
 */
export interface EvalContext {
  /** Processing time, epoch milliseconds. */
  currentTimestamp(): number;
  /** An IANA zone id or a fixed offset such as `+08:00`; `UTC` by default, as in Flink. */
  readonly timeZone: string;
  /** A uniform double in [0, 1) for RAND() without a seed. */
  random(): number;
}

export interface EvalContextOptions {
  readonly clock?: () => number;
  readonly timeZone?: string;
  /** Seed of the RAND() source; without it the sequence differs per run, as in Flink. */
  readonly seed?: number;
}

export function createEvalContext(options: EvalContextOptions = {}): EvalContext {
  const clock = options.clock ?? Date.now;
  const rng = new JavaRandom(options.seed ?? Math.floor(Math.random() * 2 ** 48));
  return {
    currentTimestamp: clock,
    timeZone: options.timeZone ?? "UTC",
    random: () => rng.nextDouble(),
  };
}
