// The crash harness: a child process runs the recovery pipeline (test/recovery/pipeline.ts: joins,
// aggregations, grouping sets, deduplication, Top-N, windows, a materializing sink) on the
// embedded store under checkpoints and is killed with SIGKILL at seeded random moments, then
// restarted on the same folder until it finishes. What readers can see afterwards — every output
// topic's records in order, and each table's rows — must equal an uninterrupted run on a copy of the
// same input: nothing lost, nothing duplicated, nothing reordered. A life that finishes the pipeline
// before its kill ends a round: the next kills go to a fresh copy of the inputs, and every round is
// compared. HEADWATER_SOAK=1 kills 10× more.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { random } from "../infra/seeded-random.ts";
import {
  committedOutput,
  lifeTimeoutMs,
  loadInputs,
  runUninterrupted,
  runWithKills,
} from "./crash-harness.ts";

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
      const inputs = path.join(root, "inputs");
      const reference = path.join(root, "uninterrupted");
      await loadInputs(inputs, EVENTS);
      fs.cpSync(inputs, reference, { recursive: true });

      const measured = await runUninterrupted(reference, INTERVAL_MS);
      // Lives last 1.2 × processing / kills on average: the kills spread over the whole run.
      const rounds = await runWithKills({
        inputs,
        roundDir: (n) => path.join(root, `crashed-${n}`),
        intervalMs: INTERVAL_MS,
        next: random(20_251_121),
        kills: KILLS,
        maxDelayMs: (2.4 * measured.processingMs) / KILLS,
        lifeTimeoutMs: lifeTimeoutMs(measured),
      });
      const kills = rounds.reduce((sum, r) => sum + r.kills, 0);
      expect(kills).toBe(KILLS);
      // Most lives started from a checkpoint of the one before (a kill may land in their restore:
      // how many finish it before their kill depends on the machine's load), and lives did resume.
      expect(rounds.reduce((sum, r) => sum + r.restoring, 0)).toBeGreaterThan(KILLS / 2);
      expect(rounds.reduce((sum, r) => sum + r.resumed, 0)).toBeGreaterThan(0);

      const expected = await committedOutput(reference);
      for (const round of rounds) {
        const actual = await committedOutput(round.dir);
        for (const [table, want] of expected) {
          expect(want.records.length, `${table} has output`).toBeGreaterThan(0);
          const got = actual.get(table)!;
          const where = `${path.basename(round.dir)} (${round.kills} kills), ${table}`;
          expect(got.records.length, `${where}: records`).toBe(want.records.length);
          expect(got.records, `${where}: every record, in order`).toEqual(want.records);
          expect(got.rows, `${where}: the table's rows`).toEqual(want.rows);
        }
      }
    },
    // A life starts in about a second unloaded; 50 of them under a full parallel suite on two cores
    // take a few minutes. Each life has its own limit scaled from the uninterrupted run.
    SOAK ? 4 * 3_600_000 : 1_200_000,
  );
});
