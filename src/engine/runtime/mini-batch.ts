import { parseDuration } from "../../connectors/index.ts";
import type { TableIo } from "./io/table-io.ts";
import { SettingError } from "./session-config.ts";

/**
 * Flink's mini-batch options (`table.exec.mini-batch.*`) as a statement starts with them. A bundle
 * of input rows is folded per key at once; it ends when it holds `size` rows, at the job's next step
 * (each step reads at most one batch per source, so rows never wait for a timer), before a
 * watermark passes, and when the input ends. `allowLatencyMs` is the bound Flink's MiniBatchAssigner
 * enforces with processing-time markers; the engine's step loop stays well within it.
 */
export interface MiniBatch {
  readonly allowLatencyMs: number;
  readonly size: number;
}

export const MINI_BATCH_ENABLED = "table.exec.mini-batch.enabled";
export const MINI_BATCH_ALLOW_LATENCY = "table.exec.mini-batch.allow-latency";
export const MINI_BATCH_SIZE = "table.exec.mini-batch.size";

/**
 * The mini-batch options, or undefined when mini-batch is off. Enabled, both the latency and the
 * size must be positive, as Flink requires (its defaults, 0 ms and -1, reject an enabled mini-batch).
 */
export function miniBatchOf(setting: (key: string) => string | undefined): MiniBatch | undefined {
  if (setting(MINI_BATCH_ENABLED)?.trim().toLowerCase() !== "true") return undefined;
  const latency = parseDuration(setting(MINI_BATCH_ALLOW_LATENCY) ?? "0 ms") ?? 0;
  if (latency <= 0)
    throw new SettingError(
      `'${MINI_BATCH_ENABLED}' is 'true' but '${MINI_BATCH_ALLOW_LATENCY}' is not set: MiniBatch Latency must be greater than 0 ms`,
    );
  const size = Number(setting(MINI_BATCH_SIZE) ?? -1);
  if (!(size > 0))
    throw new SettingError(
      `'${MINI_BATCH_ENABLED}' is 'true' but '${MINI_BATCH_SIZE}' is not set: it must be greater than 0`,
    );
  return { allowLatencyMs: latency, size };
}

/** `{ miniBatch }` for an operator's config when the statement runs with mini-batch on, else `{}`. */
export function miniBatchOption(env: Partial<Pick<TableIo, "connectors">>): { miniBatch?: MiniBatch } {
  const miniBatch = env.connectors && miniBatchOf(env.connectors.setting);
  return miniBatch ? { miniBatch } : {};
}
