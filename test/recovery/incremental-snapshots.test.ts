// Incremental snapshot files without an engine: a SpillableMap (in memory and spilled) changed at
// random between checkpoints, each checkpoint a delta of the one before; the chain read back equals
// the map at that checkpoint. Compaction merges a chain into a base — also when stopped halfway, as a
// kill would, and on the compaction thread — and retention keeps exactly the files the retained
// checkpoints need.
import * as fs from "node:fs";
import * as path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { SqlValue } from "../../src/common/value.ts";
import { ChainCompaction } from "../../src/engine/runtime/checkpoint/chain-compaction.ts";
import { CheckpointStorage } from "../../src/engine/runtime/checkpoint/checkpoint-storage.ts";
import { CompactionThread } from "../../src/engine/runtime/checkpoint/compaction-thread.ts";
import {
  readSnapshotFile,
  readSnapshotHeader,
  type SnapshotHeader,
} from "../../src/engine/runtime/checkpoint/snapshot-file.ts";
import { SpillableMap, type StateCodec } from "../../src/engine/runtime/state/spillable-map.ts";
import { StateSpill } from "../../src/engine/runtime/state/state-spill.ts";
import { random } from "../infra/seeded-random.ts";
import { tempDir } from "../store/temp-dir.ts";

/** A mutable value, changed in place after `get` as operators do. */
interface Counter {
  n: number;
  label: string;
}
const CODEC: StateCodec<Counter> = {
  encode: (c) => [c.n, c.label],
  decode: (saved) => {
    const [n, label] = saved as [number, string];
    return { n, label };
  },
};

const spills: StateSpill[] = [];
afterEach(() => {
  for (const spill of spills.splice(0)) spill.close();
});

/** Two keyed states (one spilling past a tiny budget) and the truth they should hold. */
function states(dir: string) {
  const spill = new StateSpill(path.join(dir, "spill"), 2_000);
  spills.push(spill);
  return {
    memory: new SpillableMap<string, Counter>(CODEC, undefined),
    spilled: new SpillableMap<string | number, Counter>(CODEC, spill),
    truth: [new Map<SqlValue, SqlValue>(), new Map<SqlValue, SqlValue>()],
  };
}

/** Random writes, in-place updates after get, takes and deletes; `truth` follows along encoded. */
function change(
  map: SpillableMap<string | number, Counter>,
  truth: Map<SqlValue, SqlValue>,
  next: () => number,
  ops: number,
  numericKeys: boolean,
): void {
  for (let i = 0; i < ops; i++) {
    const id = Math.floor(next() * 400);
    const key = numericKeys && id % 2 === 0 ? id : `k${id}`;
    const roll = next();
    if (roll < 0.4) {
      const value = { n: i, label: "x".repeat(id % 30) };
      map.set(key, value);
      truth.set(key, CODEC.encode(value));
    } else if (roll < 0.7) {
      const value = map.get(key);
      if (value) {
        value.n += 1;
        truth.set(key, CODEC.encode(value));
      }
    } else if (roll < 0.85) {
      map.take(key);
      truth.delete(key);
    } else {
      map.delete(key);
      truth.delete(key);
    }
  }
}

const sortedEntries = (map: Map<SqlValue, SqlValue>) =>
  [...map]
    .map(([key, value]) => [`${typeof key}:${String(key)}`, value] as const)
    .sort((a, b) => a[0].localeCompare(b[0]));

function header(id: number, parent?: number): SnapshotHeader {
  return {
    kind: "checkpoint",
    statement: "s",
    sql: "INSERT INTO t SELECT 1",
    fingerprint: "f",
    checkpointId: id,
    createdAt: "2026-01-01T00:00:00.000Z",
    ...(parent === undefined ? {} : { parent }),
  };
}

/**
 * Checkpoints 1..count of the two states into `storage`, changing them at random in between; the
 * first is whole, each later one a delta of the one before. Returns the truth at each checkpoint.
 */
function checkpointChain(storage: CheckpointStorage, dir: string, count: number, seed: number) {
  const { memory, spilled, truth } = states(dir);
  const next = random(seed);
  const truths: [Map<SqlValue, SqlValue>, Map<SqlValue, SqlValue>][] = [];
  const sizes: number[] = [];
  for (let id = 1; id <= count; id++) {
    change(memory as SpillableMap<string | number, Counter>, truth[0]!, next, id === 1 ? 600 : 60, false);
    change(spilled, truth[1]!, next, id === 1 ? 600 : 60, true);
    if (id === 4) {
      // A state emptied and refilled (as a restore does) is written whole, inside a delta.
      memory.clear();
      truth[0]!.clear();
      change(memory as SpillableMap<string | number, Counter>, truth[0]!, next, 30, false);
    }
    const tree = new Map<SqlValue, SqlValue>([
      ["position", id],
      ["memory", memory.checkpointView()],
      ["spilled", spilled.checkpointView()],
    ]);
    const written = storage.write(
      storage.checkpointFile("s", id),
      header(id, id === 1 ? undefined : id - 1),
      tree,
    );
    for (const table of written.tables) table.state.checkpointed();
    sizes.push(written.bytes);
    truths.push([new Map(truth[0]!), new Map(truth[1]!)]);
  }
  expect(spilled.spilled).toBeGreaterThan(0);
  return { truths, sizes };
}

function expectState(file: string, id: number, truth: [Map<SqlValue, SqlValue>, Map<SqlValue, SqlValue>]) {
  const state = readSnapshotFile(file).state as Map<SqlValue, SqlValue>;
  expect(state.get("position")).toBe(id);
  expect(sortedEntries(state.get("memory") as Map<SqlValue, SqlValue>)).toEqual(sortedEntries(truth[0]));
  expect(sortedEntries(state.get("spilled") as Map<SqlValue, SqlValue>)).toEqual(sortedEntries(truth[1]));
}

describe("incremental snapshots", () => {
  it("restore each checkpoint of a chain to exactly the state it was taken of", () => {
    for (const seed of [1, 2, 3]) {
      const dir = tempDir();
      const storage = new CheckpointStorage(path.join(dir, "chk"), path.join(dir, "sp"));
      const { truths, sizes } = checkpointChain(storage, dir, 8, seed);
      for (let id = 1; id <= 8; id++) expectState(storage.restoreFile("s", id), id, truths[id - 1]!);
      // A delta holds what changed: far less than the whole state.
      expect(Math.max(...sizes.slice(4))).toBeLessThan(sizes[0]! / 2);
      expect(readSnapshotHeader(storage.checkpointFile("s", 8)).parent).toBe(7);
    }
  });

  it("compact a chain into a base that restores the same state, in slices, and survive a kill halfway", () => {
    const dir = tempDir();
    const storage = new CheckpointStorage(path.join(dir, "chk"), path.join(dir, "sp"));
    const { truths } = checkpointChain(storage, dir, 6, 11);
    const chain = storage.chainOf("s", 6).map((link) => link.file);
    expect(chain.map((f) => path.basename(f))).toEqual([1, 2, 3, 4, 5, 6].map((i) => `chk-${i}.snapshot`));

    // Killed between two slices: a temporary file is left, the chain still restores, a restart removes it.
    const killed = new ChainCompaction(chain, 6, storage.baseFile("s", 6), 16);
    killed.run(0);
    killed.run(0);
    expect(killed.outcome).toBeUndefined();
    expect(fs.existsSync(`${storage.baseFile("s", 6)}.tmp`)).toBe(true);
    storage.discardIncomplete("s", 6);
    expect(fs.existsSync(`${storage.baseFile("s", 6)}.tmp`)).toBe(false);
    expectState(storage.restoreFile("s", 6), 6, truths[5]!);
    killed.abandon();

    const compaction = new ChainCompaction(chain, 6, storage.baseFile("s", 6), 16);
    let slices = 0;
    while (compaction.outcome === undefined) {
      compaction.run(0);
      slices++;
    }
    expect(compaction.outcome).toMatchObject({ bytes: expect.any(Number) });
    expect(slices).toBeGreaterThan(2);
    expect(storage.restoreFile("s", 6)).toBe(storage.baseFile("s", 6));
    expect(readSnapshotHeader(storage.baseFile("s", 6)).parent).toBeUndefined();
    expectState(storage.baseFile("s", 6), 6, truths[5]!);
  });

  it("compact on the compaction thread: the same base, a damaged chain refused, an abandoned merge harmless", async () => {
    const dir = tempDir();
    const storage = new CheckpointStorage(path.join(dir, "chk"), path.join(dir, "sp"));
    const { truths } = checkpointChain(storage, dir, 6, 17);
    const thread = new CompactionThread();
    try {
      const base = storage.baseFile("s", 6);
      const chain = storage.chainOf("s", 6).map((link) => link.file);
      // Abandoned at once: whatever the thread got to, the chain still restores and no base is in place.
      const abandoned = thread.compact(chain, 6, base);
      abandoned.abandon();
      expect(await abandoned.outcome).toEqual({ error: new Error("compaction abandoned") });
      storage.discardIncomplete("s", 6);
      expect(fs.existsSync(base)).toBe(false);
      expectState(storage.restoreFile("s", 6), 6, truths[5]!);

      // A damaged delta: an error naming the chain and the base it was to become, and no base (the thread carries on).
      const damaged = path.join(dir, "damaged");
      fs.mkdirSync(damaged);
      const copies = chain.map((file) => path.join(damaged, path.basename(file)));
      for (const [i, file] of chain.entries()) fs.copyFileSync(file, copies[i]!);
      const bytes = fs.readFileSync(copies[3]!);
      bytes[bytes.length - 20]! ^= 0xff;
      fs.writeFileSync(copies[3]!, bytes);
      const refused = await thread.compact(copies, 6, path.join(damaged, "base-6.snapshot")).outcome;
      expect("error" in refused && refused.error.message).toMatch(
        /^merging the chain of .*damaged\/chk-6\.snapshot into .*damaged\/base-6\.snapshot: corrupt row encoding/,
      );
      expect(fs.readdirSync(damaged).filter((name) => name.startsWith("base-"))).toEqual([]);

      const merged = await thread.compact(chain, 6, base).outcome;
      expect(merged).toEqual({ bytes: fs.statSync(base).size });
      expect(storage.restoreFile("s", 6)).toBe(base);
      expect(readSnapshotHeader(base).parent).toBeUndefined();
      expectState(base, 6, truths[5]!);
    } finally {
      thread.close();
    }
  });

  it("keep a chain restorable while retention runs as the compaction thread renames its base into place", async () => {
    for (let attempt = 0; attempt < 5; attempt++) {
      const dir = tempDir();
      const storage = new CheckpointStorage(path.join(dir, "chk"), path.join(dir, "sp"));
      const { truths } = checkpointChain(storage, dir, 8, 23 + attempt);
      const thread = new CompactionThread();
      try {
        const base = storage.baseFile("s", 6);
        const merged = thread.compact(
          storage.chainOf("s", 6).map((link) => link.file),
          6,
          base,
        );
        // Retention back to back on this thread while the other merges: some call is under way
        // when the base appears. Then once more after the merge, as the statement does.
        for (let calls = 0; calls < 200_000 && !fs.existsSync(base); calls++) storage.retain("s", 8, 1);
        for (let calls = 0; calls < 50; calls++) storage.retain("s", 8, 1);
        expect(await merged.outcome).toMatchObject({ bytes: expect.any(Number) });
        await new Promise((resolve) => setTimeout(resolve, 20));
        storage.retain("s", 8, 1);
        await vi.waitFor(() =>
          expect(fs.readdirSync(path.join(dir, "chk", "s")).sort()).toEqual([
            "base-6.snapshot",
            "chk-7.snapshot",
            "chk-8.snapshot",
          ]),
        );
        expectState(storage.restoreFile("s", 8), 8, truths[7]!);
      } finally {
        thread.close();
      }
    }
  });

  it("retain every file a retained checkpoint's chain needs, and nothing else", async () => {
    const dir = tempDir();
    const storage = new CheckpointStorage(path.join(dir, "chk"), path.join(dir, "sp"));
    const { truths } = checkpointChain(storage, dir, 6, 5);
    const files = () => fs.readdirSync(path.join(dir, "chk", "s")).sort();
    // Retention unlinks on the thread pool: what goes is gone soon after, what stays never goes.
    const settled = () => new Promise((resolve) => setTimeout(resolve, 50));
    // One retained checkpoint, an incremental one: its whole chain stays.
    storage.retain("s", 6, 1);
    await settled();
    expect(files()).toHaveLength(6);
    const compaction = new ChainCompaction(
      storage.chainOf("s", 4).map((l) => l.file),
      4,
      storage.baseFile("s", 4),
    );
    while (compaction.outcome === undefined) compaction.run(5);
    // Checkpoints 5 and 6 retained: they restore through base-4, so 1 to 4 go.
    storage.retain("s", 6, 2);
    await vi.waitFor(() => expect(files()).toEqual(["base-4.snapshot", "chk-5.snapshot", "chk-6.snapshot"]));
    expectState(storage.restoreFile("s", 5), 5, truths[4]!);
    expectState(storage.restoreFile("s", 6), 6, truths[5]!);
    storage.retain("s", 6, 1);
    await settled();
    expect(files()).toEqual(["base-4.snapshot", "chk-5.snapshot", "chk-6.snapshot"]);
  });

  it("refuse a delta whose parent is missing, naming it", () => {
    const dir = tempDir();
    const storage = new CheckpointStorage(path.join(dir, "chk"), path.join(dir, "sp"));
    checkpointChain(storage, dir, 3, 9);
    fs.rmSync(storage.checkpointFile("s", 2));
    expect(() => readSnapshotFile(storage.checkpointFile("s", 3))).toThrow(
      /chk-3\.snapshot: it builds on checkpoint 2, whose file .*chk-2\.snapshot is missing/,
    );
  });
});
