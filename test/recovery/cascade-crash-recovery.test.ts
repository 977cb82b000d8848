// Exactly-once holds with the checkpoint cascade: a chain of three INSERTs over store tables, each
// level checkpointing as soon as the level before committed, is killed with SIGKILL at seeded random
// moments and restarted on the same folder until it finishes (the crash harness). What readers see of
// every level afterwards must equal an uninterrupted run: the append level holds every bid exactly
// once, the aggregates the same rows.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngine } from "../../src/engine/index.ts";
import { random } from "../infra/seeded-random.ts";
import { CHAIN_DDL, CHAIN_TABLES, INPUT_DDL } from "./cascade-pipeline.ts";
import { lifeTimeoutMs, loadInputs, runUninterrupted, runWithKills } from "./crash-harness.ts";

const KILLS = 12;
const EVENTS = 10_000;
const INTERVAL_MS = 20;
const CHILD = path.join(import.meta.dirname, "cascade-child.ts");

let root: string;
beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "headwater-cascade-"));
  process.env.NODE_COMPILE_CACHE = path.join(root, "compile-cache");
});
afterAll(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

/** Each table's rows as readers see them, sorted; and the input's bid count. */
async function committed(dir: string): Promise<{ bids: number; tables: Map<string, string[]> }> {
  const engine = createEngine({ storeDir: dir });
  await engine.executeScript(INPUT_DDL + CHAIN_DDL);
  const text = (row: unknown[]) => JSON.stringify(row, (_, v) => (typeof v === "bigint" ? `${v}n` : v));
  const tables = new Map(CHAIN_TABLES.map((t) => [t, engine.table(t).rows().map(text).sort()]));
  const bids = engine.table("bid").rows().length;
  await engine.close();
  return { bids, tables };
}

describe("checkpoint cascade under crashes", () => {
  it(`commits every level exactly once across ${KILLS} SIGKILLs`, async () => {
    const inputs = path.join(root, "inputs");
    const reference = path.join(root, "uninterrupted");
    await loadInputs(inputs, EVENTS);
    fs.cpSync(inputs, reference, { recursive: true });
    const measured = await runUninterrupted(reference, INTERVAL_MS, [], CHILD);
    const rounds = await runWithKills({
      inputs,
      roundDir: (n) => path.join(root, `crashed-${n}`),
      intervalMs: INTERVAL_MS,
      next: random(20_260_101),
      kills: KILLS,
      maxDelayMs: (2.4 * measured.processingMs) / KILLS,
      lifeTimeoutMs: lifeTimeoutMs(measured),
      child: CHILD,
    });
    expect(rounds.reduce((sum, r) => sum + r.kills, 0)).toBe(KILLS);
    expect(rounds.reduce((sum, r) => sum + r.resumed, 0)).toBeGreaterThan(KILLS / 2);

    const expected = await committed(reference);
    expect(expected.tables.get("bid_copy")).toHaveLength(expected.bids);
    expect(JSON.parse(expected.tables.get("bid_total")![0]!)[2]).toBe(expected.bids);
    for (const round of rounds) {
      const actual = await committed(round.dir);
      for (const table of CHAIN_TABLES)
        expect(actual.tables.get(table), `${path.basename(round.dir)}, ${table}`).toEqual(
          expected.tables.get(table),
        );
    }
  }, 1_200_000);
});
