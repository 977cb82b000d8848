import { describe, expect, it } from "vitest";
import type { RowKind } from "../../../../src/common/changelog.ts";
import type { Row, SqlValue } from "../../../../src/common/value.ts";
import { createEvalContext } from "../../../../src/engine/runtime/expr/index.ts";
import type { Operator } from "../../../../src/engine/runtime/operator.ts";
import type { RecordIdentity } from "../../../../src/engine/runtime/operators/join/join-side-state.ts";
import { SemiAntiJoinOperator } from "../../../../src/engine/runtime/operators/join/semi-anti-join.ts";
import { StreamingJoinOperator } from "../../../../src/engine/runtime/operators/join/streaming-join.ts";
import { decodeRow, encodeRow } from "../../../../src/store/index.ts";
import { type Emitted, recordInto } from "../recording-collector.ts";

/** A snapshot as a checkpoint stores it: written by the row codec and read back. */
function throughCodec(state: SqlValue): SqlValue {
  return decodeRow(encodeRow([state]))[0]!;
}

const ctx = createEvalContext({ clock: () => 0 });
const KEY = { positions: [0], filterNulls: [true] };
type Input = [number, RowKind, Row];
type JoinKind = "INNER" | "LEFT" | "RIGHT" | "FULL" | "SEMI" | "ANTI";

function join(kind: JoinKind, out: Emitted[], left: RecordIdentity, right: RecordIdentity): Operator {
  const side = (identity: RecordIdentity) => ({ key: KEY, identity, width: 2 });
  if (kind === "SEMI" || kind === "ANTI")
    return new SemiAntiJoinOperator(
      { description: `Join(${kind})`, anti: kind === "ANTI", left: side(left), right: side(right) },
      ctx,
      recordInto(out),
    );
  return new StreamingJoinOperator(
    {
      description: `Join(${kind})`,
      left: { ...side(left), outer: kind === "LEFT" || kind === "FULL" },
      right: { ...side(right), outer: kind === "RIGHT" || kind === "FULL" },
    },
    ctx,
    recordInto(out),
  );
}

function run(op: Operator, inputs: readonly Input[]): void {
  for (const [input, kind, row] of inputs) op.process(kind, row, input);
}

const COUNTED: RecordIdentity = { kind: "counted" };
const BY_KEY: RecordIdentity = { kind: "byJoinKey" };

describe("StreamingJoinOperator", () => {
  it("forwards an upsert input's +U through an inner join, replacing the stored row by key", () => {
    const out: Emitted[] = [];
    const op = join("INNER", out, COUNTED, BY_KEY);
    run(op, [
      [0, "+I", [1, "a"]],
      [1, "+I", [1, "x"]],
      [1, "+U", [1, "y"]],
      [0, "+I", [1, "b"]],
      [1, "-D", [1, "y"]],
    ]);
    expect(out).toEqual([
      ["+I", [1, "a", 1, "x"]],
      ["+U", [1, "a", 1, "y"]],
      ["+I", [1, "b", 1, "y"]],
      ["-D", [1, "a", 1, "y"]],
      ["-D", [1, "b", 1, "y"]],
    ]);
  });

  it("counts an upsert update as another match on the outer side, as Flink 1.20 does", () => {
    // Without -U the replaced right row is never taken back from the left row's match count, so the
    // delete of the key leaves the left row without its NULL-padded row (fixed after Flink 1.20).
    const out: Emitted[] = [];
    const op = join("LEFT", out, COUNTED, BY_KEY);
    run(op, [
      [0, "+I", [1, "a"]],
      [1, "+I", [1, "x"]],
      [1, "+U", [1, "y"]],
      [1, "-D", [1, "y"]],
    ]);
    expect(out).toEqual([
      ["+I", [1, "a", null, null]],
      ["-D", [1, "a", null, null]],
      ["+I", [1, "a", 1, "x"]],
      ["+I", [1, "a", 1, "y"]],
      ["-D", [1, "a", 1, "y"]],
    ]);
  });

  it("emits the anti join's left rows while they have no match, retracting them on the first", () => {
    const out: Emitted[] = [];
    const op = join("ANTI", out, COUNTED, COUNTED);
    run(op, [
      [0, "+I", [1, "a"]],
      [0, "+I", [2, "b"]],
      [1, "+I", [1, "x"]],
      [1, "+I", [1, "y"]],
      [1, "-D", [1, "x"]],
      [1, "-D", [1, "y"]],
      [0, "-D", [1, "a"]],
    ]);
    expect(out).toEqual([
      ["+I", [1, "a"]],
      ["+I", [2, "b"]],
      ["-D", [1, "a"]],
      ["+I", [1, "a"]],
      ["-D", [1, "a"]],
    ]);
  });

  it("emits the semi join's left rows with the kind of the change that made them match", () => {
    const out: Emitted[] = [];
    const op = join("SEMI", out, COUNTED, COUNTED);
    run(op, [
      [0, "+I", [1, "a"]],
      [1, "+U", [1, "x"]],
      [0, "+I", [1, "b"]],
      [1, "-U", [1, "x"]],
    ]);
    expect(out).toEqual([
      ["+U", [1, "a"]],
      ["+I", [1, "b"]],
      ["-U", [1, "a"]],
      ["-U", [1, "b"]],
    ]);
  });
});

/** A changelog over two inputs with keys 0..2: inserts, and retractions of rows inserted before. */
function changelog(seed: number, length: number): Input[] {
  let s = seed;
  const rand = (n: number): number => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s % n;
  };
  const live: [number, Row][] = [];
  const inputs: Input[] = [];
  for (let i = 0; i < length; i++) {
    if (live.length > 0 && rand(3) === 0) {
      const [input, row] = live.splice(rand(live.length), 1)[0]!;
      inputs.push([input, rand(2) === 0 ? "-D" : "-U", row]);
      continue;
    }
    const input = rand(2);
    const row: Row = [rand(3), `v${rand(4)}`];
    live.push([input, row]);
    inputs.push([input, rand(4) === 0 ? "+U" : "+I", row]);
  }
  return inputs;
}

describe("join snapshots", () => {
  for (const kind of ["INNER", "LEFT", "RIGHT", "FULL", "SEMI", "ANTI"] as const) {
    it(`${kind}: restoring a snapshot taken after any change continues exactly like the uninterrupted run`, () => {
      const inputs = changelog(kind.length * 7919, 60);
      const expected: Emitted[] = [];
      run(join(kind, expected, COUNTED, COUNTED), inputs);
      for (let cut = 0; cut <= inputs.length; cut += 7) {
        const out: Emitted[] = [];
        const first = join(kind, out, COUNTED, COUNTED);
        run(first, inputs.slice(0, cut));
        const restored = join(kind, out, COUNTED, COUNTED);
        restored.restore(throughCodec(first.snapshot()));
        run(restored, inputs.slice(cut));
        expect(out).toEqual(expected);
      }
    });
  }
});
