import type { RowKind } from "../../../src/common/changelog.ts";
import type { Row } from "../../../src/common/value.ts";
import type { Collector } from "../../../src/engine/runtime/operator.ts";

/** What an operator under test emitted: rows as `[kind, row]`, watermarks as `["wm", t]`. */
export type Emitted = [RowKind, Row] | ["wm", number] | ["idle"];

/** A collector recording rows (and, with `withTime`, watermarks and idleness) in order. */
export function recordInto(out: Emitted[], withTime = false): Collector {
  return {
    collect: (kind, row) => void out.push([kind, [...row]]),
    watermark: (t) => void (withTime && out.push(["wm", t])),
    idle: () => void (withTime && out.push(["idle"])),
  };
}
