import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { murmur2, type RecordInput, Store } from "../../src/store/index.ts";
import { bytes, tempDir, text } from "./temp-dir.ts";

function values(n: number, from = 0, timestamp?: (i: number) => number): RecordInput[] {
  return Array.from({ length: n }, (_, i) => ({
    key: bytes(`k${from + i}`),
    value: bytes(`v${from + i}`),
    timestamp: timestamp?.(from + i) ?? 1_000 + from + i,
  }));
}

function readAll(store: Store, topic: string, partition = 0): { offset: number; value: string | null }[] {
  const consumer = store.consumer(topic, { partitions: [partition], maxPollRecords: 7 });
  const out: { offset: number; value: string | null }[] = [];
  for (let batches = consumer.poll(); batches.length > 0; batches = consumer.poll()) {
    for (const batch of batches)
      for (const r of batch.records) out.push({ offset: r.offset, value: text(r.value) });
  }
  return out;
}

describe("partitioned log", () => {
  it("appends batches with consecutive offsets and reads them back with keys, headers and timestamps", () => {
    const store = Store.open(tempDir(), { fsync: { kind: "every-batch" } });
    const topic = store.createTopic("orders", { partitions: 1 });
    expect(topic.appendBatch(0, values(3))).toEqual([0, 1, 2]);
    expect(
      topic.appendBatch(0, [
        {
          key: null,
          value: null,
          headers: [
            ["trace", bytes("abc")],
            ["é", new Uint8Array(0)],
          ],
          timestamp: 5,
        },
      ]),
    ).toEqual([3]);
    const [batch] = store.consumer("orders").poll();
    expect(batch!.records.map((r) => r.offset)).toEqual([0, 1, 2, 3]);
    expect(text(batch!.records[1]!.key)).toBe("k1");
    expect(text(batch!.records[1]!.value)).toBe("v1");
    expect(batch!.records[1]!.timestamp).toBe(1_001);
    const last = batch!.records[3]!;
    expect(last.key).toBeNull();
    expect(last.value).toBeNull();
    expect(last.headers.map(([name, value]) => [name, text(value)])).toEqual([
      ["trace", "abc"],
      ["é", ""],
    ]);
    store.close();
  });

  it("keeps partitions independent and survives reopen", () => {
    const dir = tempDir();
    const store = Store.open(dir);
    const topic = store.createTopic("t", { partitions: 3 });
    topic.appendBatch(0, values(2));
    topic.appendBatch(2, values(5, 100));
    store.close();
    const reopened = Store.open(dir);
    expect(reopened.topic("t").partitions.map((p) => p.nextOffset)).toEqual([2, 0, 5]);
    expect(readAll(reopened, "t", 2).map((r) => r.value)).toEqual(["v100", "v101", "v102", "v103", "v104"]);
    expect(readAll(reopened, "t", 1)).toEqual([]);
    reopened.close();
  });

  it("rolls segments by size and finds offsets and timestamps through the indexes", () => {
    const dir = tempDir();
    const store = Store.open(dir);
    const topic = store.createTopic("t", { segmentBytes: 2_000, indexIntervalBytes: 200 });
    for (let i = 0; i < 50; i++)
      topic.appendBatch(
        0,
        values(10, i * 10, (n) => 10 * n),
      );
    const log = topic.partition(0);
    expect(log.segments.length).toBeGreaterThan(10);
    store.close();
    const reopened = Store.open(dir);
    const consumer = reopened.consumer("t", { from: { kind: "offset", offset: 377 }, maxPollRecords: 3 });
    expect(consumer.poll()[0]!.records.map((r) => r.offset)).toEqual([377, 378, 379]);
    for (const [t, expected] of [
      [0, 0],
      [1, 1],
      [2_345, 235],
      [4_990, 499],
      [5_000, 500],
    ] as const) {
      expect(reopened.topic("t").partition(0).offsetForTimestamp(t)).toBe(expected);
    }
    const byTime = reopened.consumer("t", {
      from: { kind: "timestamp", timestamp: 2_345 },
      maxPollRecords: 1,
    });
    expect(byTime.poll()[0]!.records[0]!.offset).toBe(235);
    expect(readAll(reopened, "t").map((r) => r.offset)).toEqual(Array.from({ length: 500 }, (_, i) => i));
    reopened.close();
  });

  it("finds the first record at or after a time when timestamps are out of order", () => {
    const store = Store.open(tempDir());
    const topic = store.createTopic("t", { indexIntervalBytes: 60 });
    const stamps = [50, 10, 70, 20, 90, 30, 40, 100];
    topic.appendBatch(
      0,
      stamps.map((timestamp, i) => ({ value: bytes(`v${i}`), timestamp })),
    );
    const log = topic.partition(0);
    for (const t of [0, 10, 11, 50, 51, 70, 71, 95, 100]) {
      const expected = stamps.findIndex((s) => s >= t);
      expect(log.offsetForTimestamp(t)).toBe(expected);
    }
    expect(log.offsetForTimestamp(101)).toBe(8);
    store.close();
  });

  it("rebuilds a missing or damaged index", () => {
    const dir = tempDir();
    const store = Store.open(dir);
    const topic = store.createTopic("t", { segmentBytes: 1_000, indexIntervalBytes: 100 });
    for (let i = 0; i < 20; i++) topic.appendBatch(0, values(5, i * 5));
    store.close();
    const partitionDir = path.join(dir, "topics", "t", "0");
    const indexes = fs.readdirSync(partitionDir).filter((n) => n.endsWith(".idx"));
    expect(indexes.length).toBeGreaterThan(2);
    fs.rmSync(path.join(partitionDir, indexes[0]!));
    const damaged = path.join(partitionDir, indexes[1]!);
    const content = fs.readFileSync(damaged);
    content[content.length - 3]! ^= 0xff;
    fs.writeFileSync(damaged, content);
    const reopened = Store.open(dir);
    expect(readAll(reopened, "t").length).toBe(100);
    expect(
      reopened.consumer("t", { from: { kind: "offset", offset: 42 } }).poll()[0]!.records[0]!.offset,
    ).toBe(42);
    reopened.close();
  });

  it("deletes old segments by time and by size, never the active one", () => {
    const store = Store.open(tempDir());
    const byTime = store.createTopic("time", { segmentBytes: 500, retentionMs: 1_000 });
    for (let i = 0; i < 10; i++)
      byTime.appendBatch(
        0,
        values(5, i * 5, (n) => n * 100),
      );
    const log = byTime.partition(0);
    const before = log.segments.length;
    // now = 4_000: records older than 3_000 (offsets < 30) may go, whole segments only
    const result = store.runCleanup(4_000);
    expect(result.segmentsDeleted).toBeGreaterThan(0);
    expect(log.segments.length).toBe(before - result.segmentsDeleted);
    expect(log.startOffset).toBeLessThanOrEqual(30);
    expect(log.startOffset).toBeGreaterThan(0);
    expect(readAll(store, "time")[0]!.offset).toBe(log.startOffset);
    store.runCleanup(1e12);
    expect(log.segments.length).toBe(1);
    expect(log.nextOffset).toBe(50);

    const bySize = store.createTopic("size", { segmentBytes: 500, retentionBytes: 1_200 });
    for (let i = 0; i < 10; i++) bySize.appendBatch(0, values(5, i * 5));
    store.runCleanup(0);
    expect(bySize.partition(0).sizeBytes).toBeLessThanOrEqual(1_200);
    expect(readAll(store, "size").at(-1)!.offset).toBe(49);
    store.close();
  });

  it("hashes keys with Kafka's murmur2 (the vectors of Kafka's own UtilsTest)", () => {
    const vectors: [string, number][] = [
      ["21", -973932308],
      ["foobar", -790332482],
      ["a-little-bit-long-string", -985981536],
      ["a-little-bit-longer-string", -1486304829],
      ["lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58897971],
      ["abc", 479470107],
    ];
    for (const [key, hash] of vectors) expect(murmur2(bytes(key))).toBe(hash);
    const store = Store.open(tempDir());
    const topic = store.createTopic("t", { partitions: 12 });
    expect(topic.partitionForKey(bytes("foobar"))).toBe((-790332482 & 0x7fffffff) % 12);
    store.close();
  });
});

describe("store lifecycle", () => {
  it("syncs on an interval without keeping the process alive, and forgets half-created topics", async () => {
    const dir = tempDir();
    const store = Store.open(dir, { fsync: { kind: "interval", ms: 5 } });
    const topic = store.createTopic("t");
    topic.appendBatch(0, [{ value: bytes("a") }]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    store.deleteTopic("t");
    expect(store.hasTopic("t")).toBe(false);
    store.close();
    fs.mkdirSync(path.join(dir, "topics", "half", "0"), { recursive: true });
    const reopened = Store.open(dir);
    expect(reopened.topicNames()).toEqual([]);
    expect(fs.existsSync(path.join(dir, "topics", "half"))).toBe(false);
    expect(() => reopened.createTopic("../escape")).toThrow(/illegal topic name/);
    reopened.close();
  });
});
