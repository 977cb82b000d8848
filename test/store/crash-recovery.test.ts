import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { type RecordInput, Store } from "../../src/store/index.ts";
import { RECORD_OVERHEAD_BYTES } from "../../src/store/log/record-codec.ts";
import { tempDir, text } from "./temp-dir.ts";

/** Deterministic pseudo-random numbers, so a failing cut point can be reproduced. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
}

interface Written {
  readonly records: RecordInput[];
  /** End of each record's frame in the active segment file, for records in the active segment. */
  readonly activeEnds: Map<number, number>;
  readonly activeFile: string;
  readonly activeBase: number;
}

function writeLog(dir: string, segmentBytes: number): Written {
  const next = random(1);
  const store = Store.open(dir, { fsync: { kind: "every-batch" } });
  const topic = store.createTopic("t", { segmentBytes, indexIntervalBytes: 128 });
  const records: RecordInput[] = [];
  for (let batch = 0; batch < 40; batch++) {
    const size = 1 + Math.floor(next() * 5);
    const chunk = Array.from({ length: size }, (_, i) => ({
      key: next() < 0.2 ? null : Buffer.from(`key-${batch}-${i}`),
      value: next() < 0.1 ? null : Buffer.from(`value-${batch}-${i}-${"x".repeat(Math.floor(next() * 80))}`),
      headers: next() < 0.3 ? [["h", Buffer.from(`${batch}`)] as const] : [],
      timestamp: 1_000 + records.length,
    }));
    topic.appendBatch(0, chunk);
    records.push(...chunk);
  }
  const log = topic.partition(0);
  const active = log.segments[log.segments.length - 1]!;
  const activeEnds = new Map<number, number>();
  let end = 0;
  for (let offset = active.baseOffset; offset < records.length; offset++) {
    const r = records[offset]!;
    end += RECORD_OVERHEAD_BYTES + (r.key?.length ?? 0) + (r.value?.length ?? 0);
    for (const [name, value] of r.headers ?? []) end += 6 + Buffer.byteLength(name) + value.length;
    activeEnds.set(offset, end);
  }
  expect(end).toBe(active.size);
  store.close();
  return { records, activeEnds, activeFile: active.logPath, activeBase: active.baseOffset };
}

/** Opens a damaged copy and checks: every record before the damage is intact, nothing after it appears. */
function checkRecovery(written: Written, copy: string, damagedAt: number): void {
  const store = Store.open(copy);
  const consumer = store.consumer("t", { maxPollRecords: 13 });
  const seen: number[] = [];
  for (let polled = consumer.poll(); polled.length > 0; polled = consumer.poll()) {
    for (const r of polled[0]!.records) {
      const original = written.records[r.offset]!;
      expect(text(r.value)).toBe(original.value === null ? null : text(original.value));
      expect(r.key === null ? null : text(r.key)).toBe(original.key ? text(original.key) : null);
      expect(r.timestamp).toBe(original.timestamp);
      expect(r.headers.length).toBe(original.headers?.length ?? 0);
      seen.push(r.offset);
    }
  }
  let survivors = written.activeBase;
  while (survivors < written.records.length && written.activeEnds.get(survivors)! <= damagedAt) survivors++;
  expect(seen).toEqual(Array.from({ length: survivors }, (_, i) => i));
  // The repaired log accepts appends at the right offset.
  expect(store.topic("t").appendBatch(0, [{ value: Buffer.from("after") }])).toEqual([survivors]);
  store.close();
}

function damagedCopy(dir: string, written: Written, damage: (file: string) => void): string {
  const copy = tempDir();
  fs.cpSync(dir, copy, { recursive: true });
  damage(path.join(copy, path.relative(dir, written.activeFile)));
  return copy;
}

describe("crash recovery", () => {
  for (const [label, segmentBytes] of [
    ["one segment", 1 << 20],
    ["several segments", 2_000],
  ] as const) {
    it(`cuts a torn tail at any byte and loses no acknowledged record (${label})`, () => {
      const dir = tempDir();
      const written = writeLog(dir, segmentBytes);
      const size = fs.statSync(written.activeFile).size;
      const next = random(2);
      const cuts = [0, 1, size - 1, size, ...Array.from({ length: 60 }, () => Math.floor(next() * size))];
      for (const cut of cuts) {
        const copy = damagedCopy(dir, written, (file) => fs.truncateSync(file, cut));
        checkRecovery(written, copy, cut);
      }
    });

    it(`stops at a garbled byte and returns no garbage (${label})`, () => {
      const dir = tempDir();
      const written = writeLog(dir, segmentBytes);
      const size = fs.statSync(written.activeFile).size;
      const next = random(3);
      for (let trial = 0; trial < 60; trial++) {
        const at = Math.floor(next() * size);
        const copy = damagedCopy(dir, written, (file) => {
          const content = fs.readFileSync(file);
          content[at] = content[at]! ^ (1 + Math.floor(next() * 255));
          // A crash may also leave zeros or junk after the last good frame.
          fs.writeFileSync(file, Buffer.concat([content, Buffer.alloc(Math.floor(next() * 50))]));
        });
        checkRecovery(written, copy, at);
      }
    });
  }

  it("keeps recovering after appends to a repaired log", () => {
    const dir = tempDir();
    const written = writeLog(dir, 1 << 20);
    const cut = Math.floor(fs.statSync(written.activeFile).size / 2);
    fs.truncateSync(written.activeFile, cut);
    let store = Store.open(dir);
    const next = store.topic("t").partition(0).nextOffset;
    store.topic("t").appendBatch(0, [{ value: Buffer.from("one") }, { value: Buffer.from("two") }]);
    store.close();
    store = Store.open(dir);
    const values = store
      .consumer("t", { from: { kind: "offset", offset: next } })
      .poll()[0]!
      .records.map((r) => text(r.value));
    expect(values).toEqual(["one", "two"]);
    store.close();
  });
});
