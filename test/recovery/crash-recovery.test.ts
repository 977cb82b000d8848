// The crash harness: a child process runs the recovery pipeline (test/recovery/pipeline.ts: joins,
// aggregations, grouping sets, deduplication, Top-N, windows, a materializing sink) on the
// embedded store under checkpoints and is killed with SIGKILL at seeded random moments, then
// restarted on the same folder until it finishes. What readers can see afterwards — every output
// topic's records in order, and each table's rows — must equal an uninterrupted run on a copy of the
// same input: nothing lost, nothing duplicated, nothing reordered. HEADWATER_SOAK=1 kills 10× more.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { committedOutput, loadInputs, random, runUninterrupted, runWithKills } from "./crash-harness.ts";

const SOAK = process.env.HEADWATER_SOAK === "1";
const KILLS = SOAK ? 500 : 50;
const EVENTS = 10_000;
/** A checkpoint after about every round of steps: kills land inside checkpoints as often as between. */
const INTERVAL_MS = 5;

let root: string;
beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "headwater-crash-"));
  // Children load the engine's modules from a compile cache shared by their lives.
  process.env.NODE_COMPILE_CACHE = path.join(root, "compile-cache");
});
afterAll(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

describe("crash recovery on the embedded store", () => {
  it(
    `commits the same output as an uninterrupted run after ${KILLS} SIGKILLs at seeded random moments`,
    async () => {
      const reference = path.join(root, "uninterrupted");
      const crashed = path.join(root, "crashed");
      await loadInputs(reference, EVENTS);
      fs.cpSync(reference, crashed, { recursive: true });

      const processingMs = await runUninterrupted(reference, INTERVAL_MS);
      // Lives last 1.2 × processing / kills on average: the kills spread over the whole run instead
      // of hitting a pipeline that already finished.
      const maxDelayMs = (2.4 * processingMs) / KILLS;
      const run = await runWithKills(crashed, INTERVAL_MS, random(20_251_121), KILLS, maxDelayMs);
      expect(run.kills).toBe(KILLS);
      // Most lives resumed from a checkpoint of the one before.
      expect(run.resumed).toBeGreaterThan(KILLS / 2);
      // The pipeline was still at work when the last kill came.
      expect(run.finishedBeforeKill).toBeLessThan(KILLS / 10);

      const expected = await committedOutput(reference);
      const actual = await committedOutput(crashed);
      for (const [table, want] of expected) {
        expect(want.records.length, `${table} has output`).toBeGreaterThan(0);
        const got = actual.get(table)!;
        expect(got.records.length, `${table}: records`).toBe(want.records.length);
        expect(got.records, `${table}: every record, in order`).toEqual(want.records);
        expect(got.rows, `${table}: the table's rows`).toEqual(want.rows);
      }
    },
    SOAK ? 4 * 3_600_000 : 600_000,
  );
});
