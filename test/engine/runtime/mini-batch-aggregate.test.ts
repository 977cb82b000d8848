import { describe, expect, it } from "vitest";
import type { RowKind } from "../../../src/common/changelog.ts";
import type { Row } from "../../../src/common/value.ts";
import { createAggregate } from "../../../src/engine/runtime/aggregates/index.ts";
import type { MiniBatch } from "../../../src/engine/runtime/mini-batch.ts";
import { GroupAggregateOperator } from "../../../src/engine/runtime/operators/group-aggregate.ts";
import { decodeRow, encodeRow } from "../../../src/store/index.ts";
import { random } from "../../infra/seeded-random.ts";
import { type Emitted, recordInto } from "./recording-collector.ts";

const INT = { kind: "INT", nullable: true } as const;

/** GROUP BY k with SUM(v), MIN(v), MAX(v), COUNT(DISTINCT v), COUNT(*). */
function operator(out: Emitted[], miniBatch?: MiniBatch, stateTtl?: number): GroupAggregateOperator {
  const spec = (name: string, distinct = false) => ({
    name,
    argTypes: name === "COUNT*" ? [] : [INT],
    resultType: INT,
    distinct,
    ignoreNulls: false,
  });
  const call = (name: string, distinct = false) => ({
    fn: createAggregate(spec(name === "COUNT*" ? "COUNT" : name, distinct)),
    args: name === "COUNT*" ? [] : [1],
  });
  return new GroupAggregateOperator(
    {
      description:
        "GroupAggregate(groupBy=[k], select=[k, SUM(v), MIN(v), MAX(v), COUNT(DISTINCT v), COUNT(*)])",
      keys: [0],
      calls: [call("SUM"), call("MIN"), call("MAX"), call("COUNT", true), call("COUNT*")],
      generateUpdateBefore: true,
      ...(miniBatch ? { miniBatch } : {}),
      ...(stateTtl ? { stateTtl } : {}),
    },
    recordInto(out),
  );
}

/** A valid changelog: inserts, and retractions (-U/+U pairs, -D) of rows inserted before. */
function randomChangelog(seed: number, length: number): [RowKind, Row][] {
  const next = random(seed);
  const live: Row[] = [];
  const out: [RowKind, Row][] = [];
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  while (out.length < length) {
    const roll = next();
    const fresh: Row = [pick(["a", "b", "c", "d"]), Math.floor(next() * 6)];
    if (roll < 0.5 || live.length === 0) {
      out.push(["+I", fresh]);
      live.push(fresh);
      continue;
    }
    const at = Math.floor(next() * live.length);
    const old = live[at]!;
    if (roll < 0.8) {
      const updated: Row = [old[0]!, Math.floor(next() * 6)];
      out.push(["-U", old], ["+U", updated]);
      live[at] = updated;
    } else {
      out.push(["-D", old]);
      live.splice(at, 1);
    }
  }
  return out;
}

/** The table a changelog describes: rows by key (the first column), -U/-D removing them. */
function materialize(changelog: readonly Emitted[]): Map<string, Row> {
  const table = new Map<string, Row>();
  for (const entry of changelog) {
    if (entry[0] === "wm" || entry[0] === "idle") continue;
    const [kind, row] = entry as [RowKind, Row];
    const key = String(row[0]);
    if (kind === "+I" || kind === "+U") table.set(key, row);
    else {
      expect(table.get(key), `${kind} of a row the changelog does not hold`).toEqual(row);
      table.delete(key);
    }
  }
  return table;
}

/** Feeds the input, ending a job step (onProcessingTime) every `step` rows, then finishes. */
function run(op: GroupAggregateOperator, input: readonly [RowKind, Row][], step: number): void {
  input.forEach(([kind, row], i) => {
    op.process(kind, row);
    if ((i + 1) % step === 0) op.onProcessingTime?.(0);
  });
  op.finish();
}

describe("mini-batch GroupAggregate", () => {
  it("a bundle of rows gives one change per key; rows that cancel out give none", () => {
    const out: Emitted[] = [];
    const op = operator(out, { allowLatencyMs: 1000, size: 100 });
    op.process("+I", ["a", 1]);
    op.process("+I", ["a", 2]);
    op.process("+I", ["b", 5]);
    op.onProcessingTime?.(0);
    expect(out).toEqual([
      ["+I", ["a", 3, 1, 2, 2, 2]],
      ["+I", ["b", 5, 5, 5, 1, 1]],
    ]);
    out.length = 0;
    // a: an update that restores its result; b: inserted and deleted; c: appears and disappears.
    for (const [kind, row] of [
      ["-U", ["a", 2]],
      ["+U", ["a", 4]],
      ["-U", ["a", 4]],
      ["+U", ["a", 2]],
      ["+I", ["b", 7]],
      ["-D", ["b", 7]],
      ["+I", ["c", 1]],
      ["-D", ["c", 1]],
      ["-D", ["zz", 1]],
    ] as [RowKind, Row][])
      op.process(kind, row);
    op.onProcessingTime?.(0);
    expect(out).toEqual([]);
    // The last row of b taken back: -D with the result it had.
    op.process("-D", ["b", 5]);
    op.finish();
    expect(out).toEqual([["-D", ["b", 5, 5, 5, 1, 1]]]);
  });

  it("a watermark ends the bundle before it passes", () => {
    const out: Emitted[] = [];
    const op = new GroupAggregateOperator(
      {
        description: "GroupAggregate",
        keys: [0],
        calls: [],
        generateUpdateBefore: true,
        miniBatch: { allowLatencyMs: 1000, size: 100 },
      },
      recordInto(out, true),
    );
    op.process("+I", ["a"]);
    op.onWatermark(10);
    expect(out).toEqual([
      ["+I", ["a"]],
      ["wm", 10],
    ]);
  });

  it("with a state TTL, an unchanged result is still emitted (Flink's stateRetentionTime > 0)", () => {
    const out: Emitted[] = [];
    const op = operator(out, { allowLatencyMs: 1000, size: 100 }, 60_000);
    op.process("+I", ["a", 1]);
    op.onProcessingTime?.(0);
    op.process("-U", ["a", 1]);
    op.process("+U", ["a", 1]);
    op.onProcessingTime?.(1);
    expect(out.map(([kind]) => kind)).toEqual(["+I", "-U", "+U"]);
  });

  it("ends in the same table as without mini-batch, over random changelogs and bundle sizes", () => {
    for (let seed = 1; seed <= 40; seed++) {
      const input = randomChangelog(seed, 60);
      const plain: Emitted[] = [];
      run(operator(plain), input, 1);
      const expected = materialize(plain);
      for (const size of [1, 2, 3, 7, 1000]) {
        for (const step of [1, 5, 1000]) {
          const batched: Emitted[] = [];
          run(operator(batched, { allowLatencyMs: 1000, size }), input, step);
          expect(materialize(batched), `seed ${seed}, size ${size}, step ${step}`).toEqual(expected);
          // A bundle of one row is the row-at-a-time operator: the same changelog.
          if (size === 1) expect(batched).toEqual(plain);
          // At most one change per key and bundle: never more rows than without mini-batch.
          expect(batched.length).toBeLessThanOrEqual(plain.length);
        }
      }
    }
  });

  it("a checkpoint in the middle of a bundle keeps its rows: restored, the changelog continues unchanged", () => {
    const input = randomChangelog(7, 40);
    const miniBatch = { allowLatencyMs: 1000, size: 6 };
    const straight: Emitted[] = [];
    run(operator(straight, miniBatch), input, 1000);
    for (let cut = 0; cut <= input.length; cut++) {
      const out: Emitted[] = [];
      const first = operator(out, miniBatch);
      for (const [kind, row] of input.slice(0, cut)) first.process(kind, row);
      const state = decodeRow(encodeRow([first.snapshot()]))[0]!;
      const second = operator(out, miniBatch);
      second.restore(state);
      run(second, input.slice(cut), 1000);
      expect(out, `checkpoint after row ${cut}`).toEqual(straight);
    }
  });

  it("a checkpoint taken with mini-batch on, restored with it off, folds the buffered rows", () => {
    const input = randomChangelog(11, 30);
    const plain: Emitted[] = [];
    run(operator(plain), input, 1);
    const out: Emitted[] = [];
    const first = operator(out, { allowLatencyMs: 1000, size: 1000 });
    for (const [kind, row] of input.slice(0, 17)) first.process(kind, row);
    const second = operator(out);
    second.restore(decodeRow(encodeRow([first.snapshot()]))[0]!);
    run(second, input.slice(17), 1);
    expect(materialize(out)).toEqual(materialize(plain));
  });
});
