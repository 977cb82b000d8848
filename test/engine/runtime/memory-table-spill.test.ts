// With a state budget, a keyed in-memory table keeps its live rows in the engine's tiers (live,
// encoded in memory, disk) like operator state: upserts still retract the row they replace, deletes
// find rows wherever they are, and a later reader starts from every live row.
import * as fs from "node:fs";
import { describe, expect, it } from "vitest";
import { createEngine, type QueryResult } from "../../../src/engine/index.ts";
import { tempDir } from "../../store/temp-dir.ts";

const KEYS = 20_000;

/** Every key written, then every third updated and every seventh deleted: the live rows left. */
function expectedRows(): [string, number][] {
  const rows: [string, number][] = [];
  for (let i = 0; i < KEYS; i++) if (i % 7 !== 0) rows.push([`k${i}`, i % 3 === 0 ? i + 1 : i]);
  return rows;
}

async function play(budget: { live: number; encoded: number } | undefined) {
  const spillDir = tempDir();
  const engine = createEngine({
    clock: () => 0,
    changelogRetention: "unread",
    spillDir,
    ...(budget ? { stateMemoryBudget: budget.live, stateEncodedBudget: budget.encoded } : {}),
  });
  await engine.execute("CREATE TABLE latest (k STRING, v INT, PRIMARY KEY (k) NOT ENFORCED)");
  const watched = (await engine.execute("SELECT k, v FROM latest")) as QueryResult;
  for (let i = 0; i < KEYS; i++) engine.insertRows("latest", [[`k${i}`, i]]);
  engine.runUntilIdle();
  const spilledFiles = fs.readdirSync(spillDir, { recursive: true }).filter((f) => String(f).endsWith(".db"));
  for (let i = 0; i < KEYS; i += 3) engine.insertRows("latest", [[`k${i}`, i + 1]]);
  for (let i = 0; i < KEYS; i += 7) engine.deleteRows("latest", [[`k${i}`, 0]]);
  engine.runUntilIdle();
  const late = (await engine.execute("SELECT k, v FROM latest")) as QueryResult;
  engine.runUntilIdle();
  const table = engine.table("latest");
  const result = {
    changelog: watched.changelog().map((c) => `${c.kind}${JSON.stringify(c.row)}`),
    late: late.table(),
    rows: table.rows(),
    spilledFiles: spilledFiles.length,
  };
  await engine.close();
  fs.rmSync(spillDir, { recursive: true, force: true });
  return result;
}

const sorted = (rows: unknown[][]) => rows.map((r) => JSON.stringify(r)).sort();

describe("a keyed in-memory table under the engine's state budget", () => {
  it("keeps its live rows beyond the budget encoded and on disk, with the same changes and rows", async () => {
    const inMemory = await play(undefined);
    const tiered = await play({ live: 64 * 1024, encoded: 256 * 1024 });
    expect(inMemory.spilledFiles).toBe(0);
    // 20,000 rows of ~20 encoded bytes past a 64 KiB live and 256 KiB shared encoded budget: on disk too.
    expect(tiered.spilledFiles).toBeGreaterThan(0);
    expect(sorted(inMemory.rows)).toEqual(sorted(expectedRows()));
    expect(sorted(tiered.rows)).toEqual(sorted(expectedRows()));
    expect(sorted(tiered.late)).toEqual(sorted(expectedRows()));
    // Every update retracts the row it replaced, every delete the row it removed, as in memory.
    expect(tiered.changelog).toEqual(inMemory.changelog);
    expect(tiered.changelog.filter((c) => c.startsWith("-U")).length).toBe(Math.ceil(KEYS / 3));
  });
});
