// Rowtime deduplication whose consumer needs no -U keeps only each key's rowtime: its changelog is the
// one the row-keeping operator emits minus the -U rows, late and equal rowtimes included, in memory and
// spilled; its state holds numbers; snapshots of the row layout (fixtures written before the change)
// restore into it and continue as that layout did.
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import type { Row, SqlValue } from "../../../src/common/value.ts";
import { DEDUPLICATE_STATE, DeduplicateOperator } from "../../../src/engine/runtime/operators/deduplicate.ts";
import { StateSpill } from "../../../src/engine/runtime/state/state-spill.ts";
import { decodeRow, encodeRow } from "../../../src/store/row-codec.ts";
import { random } from "../../infra/seeded-random.ts";
import { tempDir } from "../../store/temp-dir.ts";
import { type Emitted, recordInto } from "./recording-collector.ts";
import { expectRestoredLike, runRestoredMidway } from "./spill-run.ts";

/** Rows are [k, v, ts]: keyed on k, ordered by the rowtime ts. */
interface Options {
  readonly keepLastRow: boolean;
  readonly generateUpdateBefore: boolean;
  readonly stateTtl?: number;
  readonly spill?: StateSpill;
}

function operator(out: Emitted[], options: Options): DeduplicateOperator {
  return new DeduplicateOperator(
    {
      description: `Deduplicate(keep=[${options.keepLastRow ? "LastRow" : "FirstRow"}], key=[k], order=[ROWTIME])`,
      keys: [0],
      time: "rowtime",
      rowtime: 2,
      ...options,
    },
    recordInto(out),
  );
}

function play(op: DeduplicateOperator, rows: readonly Row[]): void {
  for (const row of rows) op.process("+I", row);
}

function emitted(rows: readonly Row[], options: Options): Emitted[] {
  const out: Emitted[] = [];
  play(operator(out, options), rows);
  return out;
}

/** The kept values of a snapshot, by key (read through the row codec, as a checkpoint stores them). */
function keptValues(op: DeduplicateOperator): Map<SqlValue, SqlValue> {
  const snapshot = decodeRow(encodeRow([op.snapshot()]))[0] as Map<SqlValue, SqlValue>;
  return snapshot.get(DEDUPLICATE_STATE) as Map<SqlValue, SqlValue>;
}

// a: later (t=7), equal (t=7) and late (t=3) rows; b: a late row first kept by keep-first; a NULL
// rowtime, which compares as 0 (as the row layout compared it).
const ROWS: Row[] = [
  ["a", 1, 5],
  ["b", 1, 4],
  ["a", 2, 7],
  ["a", 3, 7],
  ["a", 4, 3],
  ["b", 2, 2],
  ["c", 1, null],
  ["c", 2, 0],
  ["c", 3, -1],
];

describe("rowtime deduplication, keep last", () => {
  it("without -U: +I, then +U for a later or equal rowtime; a late row is dropped", () => {
    expect(emitted(ROWS, { keepLastRow: true, generateUpdateBefore: false })).toEqual([
      ["+I", ["a", 1, 5]],
      ["+I", ["b", 1, 4]],
      ["+U", ["a", 2, 7]],
      ["+U", ["a", 3, 7]],
      ["+I", ["c", 1, null]],
      ["+U", ["c", 2, 0]],
    ]);
  });

  it("with -U: the kept row is retracted before each +U", () => {
    expect(emitted(ROWS, { keepLastRow: true, generateUpdateBefore: true })).toEqual([
      ["+I", ["a", 1, 5]],
      ["+I", ["b", 1, 4]],
      ["-U", ["a", 1, 5]],
      ["+U", ["a", 2, 7]],
      ["-U", ["a", 2, 7]],
      ["+U", ["a", 3, 7]],
      ["+I", ["c", 1, null]],
      ["-U", ["c", 1, null]],
      ["+U", ["c", 2, 0]],
    ]);
  });
});

describe("rowtime deduplication, keep first", () => {
  it("without -U: +I, then +U only for a strictly earlier rowtime", () => {
    expect(emitted(ROWS, { keepLastRow: false, generateUpdateBefore: false })).toEqual([
      ["+I", ["a", 1, 5]],
      ["+I", ["b", 1, 4]],
      ["+U", ["a", 4, 3]],
      ["+U", ["b", 2, 2]],
      ["+I", ["c", 1, null]],
      ["+U", ["c", 3, -1]],
    ]);
  });

  it("with -U: the kept row is retracted before each +U", () => {
    expect(emitted(ROWS, { keepLastRow: false, generateUpdateBefore: true })).toEqual([
      ["+I", ["a", 1, 5]],
      ["+I", ["b", 1, 4]],
      ["-U", ["a", 1, 5]],
      ["+U", ["a", 4, 3]],
      ["-U", ["b", 1, 4]],
      ["+U", ["b", 2, 2]],
      ["+I", ["c", 1, null]],
      ["-U", ["c", 1, null]],
      ["+U", ["c", 3, -1]],
    ]);
  });
});

/** 3,000 rows over 500 keys, rowtimes mostly rising with ties, one in five far behind. */
function randomRows(seed: number, count = 3000, keys = 500): Row[] {
  const next = random(seed);
  return Array.from({ length: count }, (_, i) => {
    const late = next() < 0.2;
    const ts = late ? Math.floor(next() * 50) : Math.floor(i / 10) + Math.floor(next() * 3);
    return [`k${Math.floor(next() * keys)}`, i, ts];
  });
}

const withoutUpdateBefore = (changelog: readonly Emitted[]) => changelog.filter(([kind]) => kind !== "-U");

describe.each([true, false])("rowtime deduplication without -U (keep last: %s)", (keepLastRow) => {
  it("emits what the row-keeping operator emits but its -U, and keeps a number per key", () => {
    const rows = randomRows(keepLastRow ? 5 : 6);
    const rowsKept: Emitted[] = [];
    const withRows = operator(rowsKept, { keepLastRow, generateUpdateBefore: true });
    play(withRows, rows);
    const rowtimesKept: Emitted[] = [];
    const withRowtimes = operator(rowtimesKept, { keepLastRow, generateUpdateBefore: false });
    play(withRowtimes, rows);
    expect(rowtimesKept.filter(([kind]) => kind === "+U").length).toBeGreaterThan(100);
    expect(rowtimesKept).toEqual(withoutUpdateBefore(rowsKept));

    const rowtimes = keptValues(withRowtimes);
    const keptRows = keptValues(withRows);
    expect(rowtimes.size).toBe(keptRows.size);
    for (const [key, row] of keptRows) expect(rowtimes.get(key)).toBe((row as Row)[2]);
  });

  it("spilled under a tiny budget: the same changelog, most keys on disk, a snapshot restores midway", () => {
    const rows = randomRows(7, 6000, 3000);
    const options = { keepLastRow, generateUpdateBefore: false };
    const inMemory = emitted(rows, options);
    const spill = new StateSpill(path.join(tempDir(), "spill"), 1024);
    const spilled: Emitted[] = [];
    play(operator(spilled, { ...options, spill }), rows);
    expect(spill.spilledEntries).toBeGreaterThan(2000);
    spill.close();
    expect(spilled).toEqual(inMemory);

    const restored = runRestoredMidway(
      (out, spill) => operator(out, { ...options, spill }),
      (op, played: readonly Row[]) => play(op as DeduplicateOperator, played),
      rows,
      rows.length / 2,
      1024,
    );
    expectRestoredLike(restored, inMemory);
  });

  it("a snapshot of rowtimes does not restore into an operator that emits -U", () => {
    const saved = operator([], { keepLastRow, generateUpdateBefore: false });
    play(saved, ROWS);
    const withRows = operator([], { keepLastRow, generateUpdateBefore: true });
    expect(() => withRows.restore(decodeRow(encodeRow([saved.snapshot()]))[0]!)).toThrow(
      "the snapshot keeps only rowtimes (taken without -U), this plan emits -U and needs the rows",
    );
  });
});

type Step = { row: Row } | { now: number };

interface Fixture {
  readonly config: Options;
  readonly before: Step[];
  /** The operator's snapshot after `before`, encoded with the row codec, base64. */
  readonly snapshot: string;
  readonly after: Step[];
  readonly emittedAfter: Emitted[];
}

function playSteps(op: DeduplicateOperator, steps: readonly Step[]): void {
  for (const step of steps)
    if ("row" in step) op.process("+I", step.row);
    else op.onProcessingTime?.(step.now);
}

// Snapshots written by the row layout (every kept row whole, at commit 15b4279) of rowtime
// deduplication without -U, with and without state TTL, and what that layout emitted after them.
const FIXTURES = path.join(import.meta.dirname, "fixtures", "deduplicate-rows");

describe("snapshots of the row layout", () => {
  for (const file of fs.readdirSync(FIXTURES).filter((f) => f.endsWith(".json")))
    it(`${file}: restores as rowtimes and continues as the row layout did`, () => {
      const fixture = JSON.parse(fs.readFileSync(path.join(FIXTURES, file), "utf8")) as Fixture;
      const snapshot = decodeRow(Buffer.from(fixture.snapshot, "base64"))[0]!;
      const savedRows = (snapshot as Map<SqlValue, SqlValue>).get(DEDUPLICATE_STATE) as Map<
        SqlValue,
        SqlValue
      >;
      expect([...savedRows.values()].every(Array.isArray)).toBe(true);

      const out: Emitted[] = [];
      const op = operator(out, fixture.config);
      op.restore(snapshot);
      const rowtimes = keptValues(op);
      expect(rowtimes.size).toBe(savedRows.size);
      for (const [key, row] of savedRows) expect(rowtimes.get(key)).toBe((row as Row)[2]);
      playSteps(op, fixture.after);
      expect(out.length).toBeGreaterThan(0);
      expect(out).toEqual(fixture.emittedAfter);

      // And equal to an uninterrupted run of the rowtime layout.
      const uninterrupted: Emitted[] = [];
      const whole = operator(uninterrupted, fixture.config);
      playSteps(whole, fixture.before);
      uninterrupted.length = 0;
      playSteps(whole, fixture.after);
      expect(uninterrupted).toEqual(fixture.emittedAfter);
    });
});
