// The spill file with its key filter in front: every value written reads back (across the filter's
// rebuilds as the file grows), and keys that pass the filter without being on disk — deleted keys,
// which a Bloom filter cannot forget — read as absent.
import * as fs from "node:fs";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { SpillFile } from "../../../src/store/spill/spill-file.ts";
import { bytes, tempDir, text } from "../temp-dir.ts";

let file: SpillFile | undefined;
afterEach(() => file?.close());

const key = (i: number) => `k${i}`;

describe("SpillFile", () => {
  it("reads back every entry after the key filter was rebuilt several times", () => {
    file = SpillFile.create(path.join(tempDir(), "state.db"));
    // The first filter holds 65,536 keys: 300,000 make it rebuild three times.
    for (let i = 0; i < 300_000; i++) file.add(key(i), bytes(`v${i}`));
    expect(file.size).toBe(300_000);
    for (let i = 0; i < 300_000; i += 997) expect(text(file.get(key(i)) ?? null)).toBe(`v${i}`);
    expect(file.get("never written")).toBeUndefined();
  });

  it("answers absent for a deleted key the filter still passes, and counts only real deletes", () => {
    file = SpillFile.create(path.join(tempDir(), "state.db"));
    for (let i = 0; i < 1000; i++) file.add(key(i), bytes(`v${i}`));
    expect(file.delete(key(7))).toBe(true);
    expect(file.get(key(7))).toBeUndefined();
    expect(file.delete(key(7))).toBe(false);
    expect(file.delete("never written")).toBe(false);
    expect(file.size).toBe(999);
    file.add(key(7), bytes("again"));
    expect(text(file.get(key(7)) ?? null)).toBe("again");
    expect(file.size).toBe(1000);
  });

  it("takes an entry out in one step: its value, then absent", () => {
    file = SpillFile.create(path.join(tempDir(), "state.db"));
    for (let i = 0; i < 1000; i++) file.add(key(i), bytes(`v${i}`));
    expect(text(file.take(key(5)) ?? null)).toBe("v5");
    expect(file.size).toBe(999);
    expect(file.take(key(5))).toBeUndefined();
    expect(file.get(key(5))).toBeUndefined();
    expect(file.take("never written")).toBeUndefined();
    expect(file.size).toBe(999);
  });

  it("writes no rollback journal beside the file", () => {
    const dir = tempDir();
    file = SpillFile.create(path.join(dir, "state.db"));
    for (let i = 0; i < 10_000; i++) file.add(key(i), bytes(`v${i}`));
    for (let i = 0; i < 10_000; i += 2) file.delete(key(i));
    expect(fs.readdirSync(dir)).toEqual(["state.db"]);
  });

  it("counts the bytes of the values on disk as entries come and go", () => {
    file = SpillFile.create(path.join(tempDir(), "state.db"));
    for (let i = 0; i < 1000; i++) file.add(key(i), bytes("v".repeat(i % 37)));
    for (let i = 0; i < 1000; i += 3) file.delete(key(i));
    for (let i = 1; i < 1000; i += 5) file.take(key(i));
    file.delete("never written");
    file.add(key(0), bytes("back again"));
    let onDisk = 0;
    for (const value of file.values()) onDisk += value.length;
    expect(onDisk).toBeGreaterThan(0);
    expect(file.bytes).toBe(onDisk);
    file.clear();
    expect(file.bytes).toBe(0);
  });

  it("forgets every key when cleared", () => {
    file = SpillFile.create(path.join(tempDir(), "state.db"));
    for (let i = 0; i < 100; i++) file.add(key(i), bytes(`v${i}`));
    file.clear();
    expect(file.size).toBe(0);
    expect(file.get(key(1))).toBeUndefined();
    expect([...file.values()]).toEqual([]);
  });
});
