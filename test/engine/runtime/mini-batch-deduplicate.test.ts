import { describe, expect, it } from "vitest";
import type { Row } from "../../../src/common/value.ts";
import type { MiniBatch } from "../../../src/engine/runtime/mini-batch.ts";
import { DeduplicateOperator } from "../../../src/engine/runtime/operators/deduplicate.ts";
import { decodeRow, encodeRow } from "../../../src/store/index.ts";
import { type Emitted, recordInto } from "./recording-collector.ts";

function operator(out: Emitted[], keepLastRow: boolean, miniBatch?: MiniBatch): DeduplicateOperator {
  return new DeduplicateOperator(
    {
      description: "Deduplicate(keep=[LastRow], key=[k], order=[PROCTIME])",
      keys: [0],
      keepLastRow,
      time: "proctime",
      rowtime: 2,
      generateUpdateBefore: true,
      ...(miniBatch ? { miniBatch } : {}),
    },
    recordInto(out),
  );
}

/** Rows over four keys with repeated values, the same on every run. */
const INPUT: Row[] = Array.from({ length: 40 }, (_, i) => [`k${(i * 7) % 4}`, (i * 5) % 3, i]);

/** The kept row per key that a changelog ends with. */
function latest(changelog: readonly Emitted[]): Map<string, Row> {
  const table = new Map<string, Row>();
  for (const [kind, row] of changelog as [string, Row][])
    if (kind === "+I" || kind === "+U") table.set(String(row[0]), row);
    else table.delete(String(row[0]));
  return table;
}

describe("mini-batch processing-time deduplication", () => {
  for (const keepLastRow of [true, false]) {
    it(`keep ${keepLastRow ? "last" : "first"}: the same rows kept as row by row, a checkpoint in a bundle loses nothing`, () => {
      const plain: Emitted[] = [];
      const byRow = operator(plain, keepLastRow);
      for (const row of INPUT) byRow.process("+I", row);
      const miniBatch = { allowLatencyMs: 1000, size: 6 };
      const straight: Emitted[] = [];
      const batched = operator(straight, keepLastRow, miniBatch);
      for (const row of INPUT) batched.process("+I", row);
      batched.finish();
      expect(latest(straight)).toEqual(latest(plain));
      expect(straight.length).toBeLessThan(keepLastRow ? plain.length : plain.length + 1);
      for (const cut of [0, 3, 13, 40]) {
        const out: Emitted[] = [];
        const first = operator(out, keepLastRow, miniBatch);
        for (const row of INPUT.slice(0, cut)) first.process("+I", row);
        const second = operator(out, keepLastRow, miniBatch);
        second.restore(decodeRow(encodeRow([first.snapshot()]))[0]!);
        for (const row of INPUT.slice(cut)) second.process("+I", row);
        second.finish();
        expect(out, `checkpoint after row ${cut}`).toEqual(straight);
      }
    });
  }
});
