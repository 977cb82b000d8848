// Record-grain join state: each record of a side with a unique key, counted or appended rows is its own
// state entry. A change touches one record (the checkpoint delta holds only it), a match reads without
// changing anything, a join key's records stay in arrival order through retractions, spills and
// restores (whatever order the checkpoint gives the entries back in), and snapshots of the
// join-key-grain layout that came before restore into operators that continue as that layout did.
import * as fs from "node:fs";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { RowKind } from "../../../../src/common/changelog.ts";
import { mixedHash } from "../../../../src/common/string-hash.ts";
import type { Row, SqlValue } from "../../../../src/common/value.ts";
import { createEvalContext } from "../../../../src/engine/runtime/expr/index.ts";
import type { Operator } from "../../../../src/engine/runtime/operator.ts";
import {
  createJoinSideState,
  type JoinRecord,
  type JoinSideState,
  type RecordIdentity,
} from "../../../../src/engine/runtime/operators/join/join-side-state.ts";
import { SemiAntiJoinOperator } from "../../../../src/engine/runtime/operators/join/semi-anti-join.ts";
import { StreamingJoinOperator } from "../../../../src/engine/runtime/operators/join/streaming-join.ts";
import { EncodedTierBudget } from "../../../../src/engine/runtime/state/encoded-tier-budget.ts";
import type { KeyedStateView } from "../../../../src/engine/runtime/state/keyed-state-view.ts";
import type { SpillableMap, SpillKey } from "../../../../src/engine/runtime/state/spillable-map.ts";
import { StateSpill } from "../../../../src/engine/runtime/state/state-spill.ts";
import { decodeRow, encodeKey, encodeRow } from "../../../../src/store/index.ts";
import { tempDir } from "../../../store/temp-dir.ts";
import { type Emitted, recordInto } from "../recording-collector.ts";

/** Rows are `[joinKey, id, payload]`. */
const KEY = { positions: [0], filterNulls: [true] };
const BY_ID: RecordIdentity = { kind: "byUniqueKey", positions: [1] };
const COUNTED: RecordIdentity = { kind: "counted" };
const APPENDED: RecordIdentity = { kind: "appended" };

const spills: StateSpill[] = [];
afterEach(() => {
  for (const spill of spills.splice(0)) spill.close();
});

function sideState(identity: RecordIdentity, spill?: StateSpill, ttlMs?: number): JoinSideState {
  return createJoinSideState("left", identity, KEY, ttlMs, spill);
}

/** The side's keyed state, as the checkpoint writer sees it. */
function keyedState(state: JoinSideState): SpillableMap<SpillKey, unknown> {
  const snapshot = new Map<SqlValue, SqlValue>();
  state.snapshotInto(snapshot);
  return ([...snapshot.values()][0] as KeyedStateView).state;
}

function rowsOf(state: JoinSideState, joinKey: number): Row[] {
  const into: JoinRecord[] = [];
  state.recordsOf(joinKey, into);
  return into.map((r) => r.row);
}

/** The snapshot as a checkpoint chain gives it back: through the row codec, entries in `order`. */
function restoredSnapshot(state: JoinSideState, order: (entries: [SqlValue, SqlValue][]) => void): SqlValue {
  const snapshot = new Map<SqlValue, SqlValue>();
  state.snapshotInto(snapshot);
  const copied = decodeRow(encodeRow([snapshot]))[0] as Map<SqlValue, Map<SqlValue, SqlValue>>;
  for (const [name, table] of copied) {
    const entries = [...table];
    order(entries);
    copied.set(name, new Map(entries));
  }
  return copied;
}

const ITEMS = 3000;

/** Two unique keys whose identities under join key 1 share one hash (a birthday search over ids). */
function collidingIds(): [string, string] {
  const seen = new Map<number, string>();
  for (let i = 0; ; i++) {
    const id = `k${i}`;
    const hash = mixedHash(encodeKey([1, id]));
    const earlier = seen.get(hash);
    if (earlier !== undefined) return [earlier, id];
    seen.set(hash, id);
  }
}

describe("record-grain join state", () => {
  for (const identity of [BY_ID, COUNTED, APPENDED]) {
    it(`${identity.kind}: adding a record to a join key of ${ITEMS} changes that record only`, () => {
      const state = sideState(identity);
      for (let i = 0; i < ITEMS; i++) state.add(7, [7, `item${i}`, i], 0);
      const keyed = keyedState(state);
      expect(keyed.size).toBe(ITEMS);
      keyed.checkpointed();
      state.add(7, [7, "new", -1], 0);
      expect(keyed.changesSinceCheckpoint()!.size).toBe(1);
      const [changed] = keyed.changesSinceCheckpoint()!;
      expect(keyed.peekEncoded(changed!)).toEqual([[7, "new", -1], 1, 0, 0, ITEMS]);
    });
  }

  it("a match reads without changing; a record whose matches change is the one written", () => {
    const state = sideState(BY_ID);
    for (let i = 0; i < 100; i++) state.add(1, [1, `item${i}`, i], 0);
    const keyed = keyedState(state);
    keyed.checkpointed();
    const into: JoinRecord[] = [];
    expect(state.recordsOf(1, into)).toBe(100);
    expect(keyed.changesSinceCheckpoint()!.size).toBe(0);
    state.associate(1, into[42]!, 1);
    expect(keyed.changesSinceCheckpoint()!.size).toBe(1);
    const [changed] = keyed.changesSinceCheckpoint()!;
    expect(keyed.peekEncoded(changed!)).toEqual([[1, "item42", 42], 1, 1, 0, 42]);
  });

  it("a retraction keeps the other records in arrival order; a returning record goes last", () => {
    const state = sideState(BY_ID);
    for (const id of ["a", "b", "c", "d"]) state.add(1, [1, id, 0], 0);
    state.add(2, [2, "z", 0], 0);
    state.retract(1, [1, "b", 0]);
    expect(rowsOf(state, 1).map((r) => r[1])).toEqual(["a", "c", "d"]);
    state.add(1, [1, "b", 1], 0);
    // An update without its retraction replaces the row in place.
    state.add(1, [1, "c", 1], 0);
    expect(rowsOf(state, 1)).toEqual([
      [1, "a", 0],
      [1, "c", 1],
      [1, "d", 0],
      [1, "b", 1],
    ]);
    expect(rowsOf(state, 2)).toEqual([[2, "z", 0]]);
  });

  it("counts equal rows as one record, retracted one at a time in its place", () => {
    const state = sideState(COUNTED);
    state.add(1, [1, "x", 0], 0);
    state.add(1, [1, "y", 0], 0);
    state.add(1, [1, "x", 0], 0);
    const into: JoinRecord[] = [];
    state.recordsOf(1, into);
    expect(into.map((r) => [r.row[1], r.count])).toEqual([
      ["x", 2],
      ["y", 1],
    ]);
    state.retract(1, [1, "x", 0]);
    expect(rowsOf(state, 1).map((r) => r[1])).toEqual(["x", "y"]);
    state.retract(1, [1, "x", 0]);
    expect(rowsOf(state, 1).map((r) => r[1])).toEqual(["y"]);
    state.retract(1, [1, "y", 0]);
    expect(keyedState(state).size).toBe(0);
  });

  it("keeps appended equal rows apart and retracts the first of them", () => {
    const state = sideState(APPENDED);
    for (const payload of [1, 2, 1, 3]) state.add(1, [1, "r", payload], 0);
    state.retract(1, [1, "r", 1]);
    expect(rowsOf(state, 1).map((r) => r[2])).toEqual([2, 1, 3]);
  });

  for (const identity of [BY_ID, COUNTED, APPENDED]) {
    it(`${identity.kind}: a restore rebuilds every join key's records in arrival order from entries in any order`, () => {
      const state = sideState(identity);
      for (let i = 0; i < 300; i++) {
        state.add(i % 7, [i % 7, `item${i % 50}`, i % 3], i % 4);
        if (i % 5 === 0) state.retract((i * 3) % 7, [(i * 3) % 7, `item${(i * 3) % 50}`, i % 3]);
      }
      const expected = [0, 1, 2, 3, 4, 5, 6].map((k) => rowsOf(state, k));
      const restored = sideState(identity);
      restored.restoreFrom(
        restoredSnapshot(state, (entries) => entries.reverse()) as Map<SqlValue, SqlValue>,
      );
      expect([0, 1, 2, 3, 4, 5, 6].map((k) => rowsOf(restored, k))).toEqual(expected);
      // New records still go last after a restore.
      state.add(3, [3, "after", 0], 0);
      restored.add(3, [3, "after", 0], 0);
      expect(rowsOf(restored, 3)).toEqual(rowsOf(state, 3));
    });
  }

  it("spills a hot join key's records one by one and reads them back in order", () => {
    const spill = new StateSpill(path.join(tempDir(), "spill"), 8 * 1024, new EncodedTierBudget(32 * 1024));
    spills.push(spill);
    const state = sideState(BY_ID, spill);
    const payload = "p".repeat(100);
    for (let i = 0; i < ITEMS; i++) state.add(i % 3, [i % 3, `item${i}`, payload], 0);
    const keyed = keyedState(state);
    expect(spill.spilledEntries).toBeGreaterThan(ITEMS / 2);
    expect(keyed.encodedCount).toBeGreaterThan(0);
    // A change to a key with records on disk reads and writes one record: no more read back.
    keyed.checkpointed();
    const diskBefore = spill.spilledEntries;
    state.add(0, [0, "new", payload], 0);
    expect(keyed.changesSinceCheckpoint()!.size).toBe(1);
    expect(spill.spilledEntries).toBeGreaterThanOrEqual(diskBefore - 64);
    for (let k = 0; k < 3; k++) {
      const ids = rowsOf(state, k).map((r) => r[1]);
      const expected: string[] = [];
      for (let i = k; i < ITEMS; i += 3) expected.push(`item${i}`);
      if (k === 0) expected.push("new");
      expect(ids).toEqual(expected);
    }
  });

  it("tells apart records whose identities share a hash: each is found, updated and retracted on its own", () => {
    const [a, b] = collidingIds();
    expect(mixedHash(encodeKey([1, a]))).toBe(mixedHash(encodeKey([1, b])));
    const state = sideState(BY_ID);
    for (const id of [a, "other", b]) state.add(1, [1, id, "first"], 0);
    state.add(1, [1, b, "updated"], 0);
    expect(rowsOf(state, 1)).toEqual([
      [1, a, "first"],
      [1, "other", "first"],
      [1, b, "updated"],
    ]);
    state.retract(1, [1, b, "updated"]);
    state.retract(1, [1, b, "updated"]);
    expect(rowsOf(state, 1).map((r) => r[1])).toEqual([a, "other"]);
    state.add(1, [1, b, "back"], 0);
    state.retract(1, [1, a, "first"]);
    expect(rowsOf(state, 1)).toEqual([
      [1, "other", "first"],
      [1, b, "back"],
    ]);
    expect(keyedState(state).size).toBe(2);
  });

  it("expires each record on its own after its last write", () => {
    const state = sideState(BY_ID, undefined, 100);
    state.expire(0);
    state.add(1, [1, "a", 0], 0);
    state.expire(60);
    state.add(1, [1, "b", 0], 0);
    state.expire(120);
    expect(rowsOf(state, 1).map((r) => r[1])).toEqual(["b"]);
    expect(keyedState(state).size).toBe(1);
    state.expire(200);
    expect(rowsOf(state, 1)).toEqual([]);
    expect(keyedState(state).size).toBe(0);
  });
});

const ctx = createEvalContext({ clock: () => 0 });

interface Fixture {
  readonly kind: "INNER" | "LEFT" | "RIGHT" | "FULL" | "SEMI" | "ANTI";
  readonly left: RecordIdentity;
  readonly right: RecordIdentity;
  readonly before: [number, RowKind, Row][];
  readonly after: [number, RowKind, Row][];
  /** The operator's snapshot after `before`, written by the join-key-grain layout (row codec, base64). */
  readonly snapshot: string;
  /** What that layout emitted for `after` once restored from the snapshot. */
  readonly emittedAfter: Emitted[];
}

function joinOf(f: Fixture, out: Emitted[]): Operator {
  const side = (identity: RecordIdentity) => ({ key: KEY, identity, width: 3 });
  if (f.kind === "SEMI" || f.kind === "ANTI")
    return new SemiAntiJoinOperator(
      { description: f.kind, anti: f.kind === "ANTI", left: side(f.left), right: side(f.right) },
      ctx,
      recordInto(out),
    );
  return new StreamingJoinOperator(
    {
      description: f.kind,
      left: { ...side(f.left), outer: f.kind === "LEFT" || f.kind === "FULL" },
      right: { ...side(f.right), outer: f.kind === "RIGHT" || f.kind === "FULL" },
    },
    ctx,
    recordInto(out),
  );
}

// Fixtures of earlier layouts: each holds a changelog, that layout's snapshot after its first part,
// and what it emitted for the rest once restored. `fixtures/` was written by the join-key-grain
// layout (one state value per join key, at commit f0eeb08); `fixtures/record-grain/` by the first
// record-grain layout (at cea7303: unique-key and counted records keyed by their identity's string).
const FIXTURES = path.join(import.meta.dirname, "fixtures");
const LAYOUTS = [
  { name: "the join-key-grain layout", folder: FIXTURES },
  { name: "the record-grain layout keyed by identity", folder: path.join(FIXTURES, "record-grain") },
];

describe.each(LAYOUTS)("snapshots of $name", ({ folder }) => {
  for (const file of fs.readdirSync(folder).filter((f) => f.endsWith(".json"))) {
    it(`${file}: restore into record-grain state and continue as that layout did`, () => {
      const fixture = JSON.parse(fs.readFileSync(path.join(folder, file), "utf8")) as Fixture;
      const snapshot = decodeRow(Buffer.from(fixture.snapshot, "base64"))[0]!;
      const out: Emitted[] = [];
      const op = joinOf(fixture, out);
      op.restore(snapshot);
      for (const [input, kind, row] of fixture.after) op.process(kind, row, input);
      expect(out.length).toBeGreaterThan(0);
      expect(out).toEqual(fixture.emittedAfter);
      // And equal to an uninterrupted run of the record-grain layout.
      const uninterrupted: Emitted[] = [];
      const whole = joinOf(fixture, uninterrupted);
      for (const [input, kind, row] of fixture.before) whole.process(kind, row, input);
      uninterrupted.length = 0;
      for (const [input, kind, row] of fixture.after) whole.process(kind, row, input);
      expect(uninterrupted).toEqual(fixture.emittedAfter);
    });
  }
});
