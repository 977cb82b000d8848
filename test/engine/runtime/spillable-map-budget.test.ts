// How a SpillableMap divides its budget: entries beyond it go to disk least recently used first,
// in batches, and every value comes back as it was; a state of few large values stays in memory
// (an entry counts at most 4 KiB against the budget) rather than rewrite a large value per write.
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Row } from "../../../src/common/value.ts";
import { SpillableMap, sqlValueCodec } from "../../../src/engine/runtime/state/spillable-map.ts";
import { StateSpill } from "../../../src/engine/runtime/state/state-spill.ts";
import { tempDir } from "../../store/temp-dir.ts";

let spill: StateSpill | undefined;
afterEach(() => spill?.close());

/** A state whose entries beyond the live budget go straight to disk (no encoded tier: see spillable-map-tiers). */
function map(budget: number): SpillableMap<string, Row> {
  spill = new StateSpill(path.join(tempDir(), "spill"), budget);
  return new SpillableMap(sqlValueCodec<Row>(), spill);
}

/** A row of about `bytes` encoded bytes. */
const row = (i: number, bytes: number): Row => [i, "x".repeat(bytes)];

describe("SpillableMap within its budget", () => {
  it("spills small entries beyond the budget and reads every one back as written", () => {
    const state = map(64 * 1024);
    for (let i = 0; i < 20_000; i++) state.set(`k${i}`, row(i, 100));
    expect(state.size).toBe(20_000);
    // About 64 KiB / 200 bytes stay in memory; the rest is on disk.
    expect(state.spilled).toBeGreaterThan(19_000);
    for (let i = 0; i < 20_000; i += 7) expect(state.get(`k${i}`)).toEqual(row(i, 100));
    expect(state.size).toBe(20_000);
  });

  it("keeps a state of few large values in memory beyond its budget", () => {
    // 100 values of 10 KB: 1 MB against a 500 KiB budget, but each counts only 4 KiB.
    const state = map(500 * 1024);
    for (let round = 0; round < 3; round++)
      for (let i = 0; i < 100; i++) state.set(`k${i}`, row(i + round, 10_000));
    expect(state.spilled).toBe(0);
    expect(state.size).toBe(100);
  });

  it("spills large values too once there are more than the budget / 4 KiB of them", () => {
    const state = map(400 * 1024);
    for (let i = 0; i < 300; i++) state.set(`k${i}`, row(i, 10_000));
    // 400 KiB / 4 KiB = 100 stay in memory, less at most a batch (a 32nd) evicted ahead.
    expect(state.spilled).toBeGreaterThanOrEqual(200);
    expect(state.spilled).toBeLessThanOrEqual(203);
    for (let i = 0; i < 300; i++) expect(state.get(`k${i}`)).toEqual(row(i, 10_000));
  });
});
