import type { Collector } from "../operator.ts";

/**
 * Drops `-U` rows (Flink's DropUpdateBefore): a source whose changelog carries them, read by
 * consumers that apply `+U` by key and asked not to get them, such as a join whose input's key
 * covers the join key.
 */
export function dropUpdateBefore(into: Collector): Collector {
  return {
    collect: (kind, row) => {
      if (kind !== "-U") into.collect(kind, row);
    },
    watermark: (t) => into.watermark(t),
    idle: () => into.idle(),
  };
}
