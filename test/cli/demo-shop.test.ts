// The Customer 360 shop behind `headwater demo c360` runs its pipeline in memory (benchmarks) or in a
// durable store under checkpoints (the demo): over the same generated events both give the same view.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LiveShop } from "../../src/cli/commands/demo-shop.ts";
import {
  DurableShopStorage,
  MemoryShopStorage,
  type ShopStorage,
} from "../../src/cli/commands/demo-shop-storage.ts";
import { CUSTOMER_VIEW } from "../../src/serve/c360/customers.ts";

const PROJECT = join(import.meta.dirname, "..", "..", "examples", "c360");
const EVENTS = 300;

/**
 * Runs a shop over the history and `EVENTS` live events, then gives its view's rows in key order and
 * the checkpoints its stop took (`checkpointed` counts completed checkpoints, if the storage tells it).
 */
async function viewAfterStream(
  storage: ShopStorage,
  checkpointed: () => number = () => 0,
): Promise<{ rows: string[]; live: number; stopCheckpoints: number; statements: number }> {
  const shop = await LiveShop.open({
    projectDir: PROJECT,
    customers: 40,
    seed: 7,
    rate: 2000,
    maxEvents: EVENTS,
    storage,
  });
  try {
    await shop.start();
    // Checkpoints already taken but still committing complete during the stop: not its work.
    const committing = shop.engine.checkpoints.list().filter((s) => s.inFlight !== undefined).length;
    const beforeStop = checkpointed();
    await shop.stop();
    const stopCheckpoints = checkpointed() - beforeStop - committing;
    expect(shop.failure).toBeUndefined();
    const rows = shop.engine
      .table(CUSTOMER_VIEW)
      .rows()
      .map((row) => JSON.stringify(row, (_, v) => (typeof v === "bigint" ? `${v}n` : v)))
      .sort();
    return {
      rows,
      live: shop.liveEvents,
      stopCheckpoints,
      statements: shop.engine.checkpoints.list().length,
    };
  } finally {
    await shop.close();
  }
}

describe("the demo's shop in memory and in the store", () => {
  it("gives the same view over the same events", async () => {
    const memory = await viewAfterStream(new MemoryShopStorage());
    const stateDir = mkdtempSync(join(tmpdir(), "headwater-shop-"));
    try {
      let checkpoints = 0;
      const durable = await viewAfterStream(
        new DurableShopStorage({
          stateDir,
          checkpointIntervalMs: 200,
          // Snapshot files durable on the thread pool, committed in rounds: the same view.
          durableInBackground: true,
          onCheckpoint: () => checkpoints++,
        }),
        () => checkpoints,
      );
      expect(memory.live).toBe(EVENTS);
      expect(durable.live).toBe(EVENTS);
      expect(memory.rows.length).toBeGreaterThanOrEqual(40);
      expect(durable.rows).toEqual(memory.rows);
      // Stopping moved the last events through the whole chain with one checkpoint per statement (not
      // one of every statement per level the events had to cross): its work is bounded by that.
      expect(durable.statements).toBeGreaterThan(5);
      expect(durable.stopCheckpoints).toBe(durable.statements);
    } finally {
      rmSync(stateDir, { recursive: true, force: true });
    }
  }, 120_000);
});
