import { describe, expect, it } from "vitest";
import { Store } from "../../src/store/index.ts";
import { bytes, tempDir, text } from "./temp-dir.ts";

describe("consumers", () => {
  it("start at earliest, latest, an offset or a timestamp, per partition", () => {
    const store = Store.open(tempDir());
    const topic = store.createTopic("t", { partitions: 2 });
    topic.appendBatch(
      0,
      [0, 1, 2, 3].map((i) => ({ value: bytes(`p0-${i}`), timestamp: i * 10 })),
    );
    topic.appendBatch(
      1,
      [0, 1].map((i) => ({ value: bytes(`p1-${i}`), timestamp: i * 10 })),
    );
    const firstOffsets = (from: Parameters<Store["consumer"]>[1]): Record<number, number> =>
      Object.fromEntries(
        store
          .consumer("t", from)
          .poll()
          .map((b) => [b.partition, b.records[0]!.offset]),
      );
    expect(firstOffsets({ from: { kind: "earliest" } })).toEqual({ 0: 0, 1: 0 });
    expect(firstOffsets({ from: { kind: "latest" } })).toEqual({});
    expect(firstOffsets({ from: { kind: "offset", offset: 1 } })).toEqual({ 0: 1, 1: 1 });
    expect(firstOffsets({ from: { kind: "timestamp", timestamp: 15 } })).toEqual({ 0: 2 }); // none in p1
    const one = store.consumer("t", { partitions: [0] });
    one.seek(0, { kind: "offset", offset: 3 });
    expect(one.poll().map((b) => b.records.map((r) => text(r.value)))).toEqual([["p0-3"]]);
    expect(one.position(0)).toBe(4);
    expect(() => one.position(1)).toThrow(RangeError);
    store.close();
  });

  it("respects the poll budget and spreads it over partitions", () => {
    const store = Store.open(tempDir());
    const topic = store.createTopic("t", { partitions: 3 });
    for (let p = 0; p < 3; p++)
      topic.appendBatch(
        p,
        Array.from({ length: 10 }, () => ({ value: bytes("x") })),
      );
    const consumer = store.consumer("t", { maxPollRecords: 4 });
    const seen = new Map<number, number>();
    for (let polled = consumer.poll(); polled.length > 0; polled = consumer.poll()) {
      expect(polled.reduce((n, b) => n + b.records.length, 0)).toBeLessThanOrEqual(4);
      for (const b of polled) seen.set(b.partition, (seen.get(b.partition) ?? 0) + b.records.length);
    }
    expect(seen).toEqual(
      new Map([
        [0, 10],
        [1, 10],
        [2, 10],
      ]),
    );
    store.close();
  });

  it("waits for new data without polling in a loop", async () => {
    const store = Store.open(tempDir());
    const topic = store.createTopic("t", { partitions: 2 });
    const consumer = store.consumer("t");
    expect(await consumer.waitForData(10)).toBe(false);
    const waiting = consumer.waitForData(5_000);
    setTimeout(() => topic.appendBatch(1, [{ value: bytes("hello") }]), 5);
    expect(await waiting).toBe(true);
    expect(await consumer.waitForData()).toBe(true); // data is already there
    const controller = new AbortController();
    consumer.poll();
    const aborted = consumer.waitForData(undefined, controller.signal);
    controller.abort();
    expect(await aborted).toBe(false);
    store.close();
  });

  it("tails a topic as an async stream", async () => {
    const store = Store.open(tempDir());
    const topic = store.createTopic("t");
    const controller = new AbortController();
    const received: string[] = [];
    const tail = (async () => {
      for await (const batches of store.consumer("t").stream(controller.signal)) {
        for (const b of batches) for (const r of b.records) received.push(text(r.value)!);
        if (received.length >= 3) controller.abort();
      }
    })();
    topic.appendBatch(0, [{ value: bytes("a") }]);
    await new Promise((r) => setTimeout(r, 5));
    topic.appendBatch(0, [{ value: bytes("b") }, { value: bytes("c") }]);
    await tail;
    expect(received).toEqual(["a", "b", "c"]);
    store.close();
  });

  it("commits group offsets durably and resumes from them", () => {
    const dir = tempDir();
    let store = Store.open(dir);
    const topic = store.createTopic("t", { partitions: 2 });
    topic.appendBatch(0, [{ value: bytes("a") }, { value: bytes("b") }]);
    topic.appendBatch(1, [{ value: bytes("c") }]);
    const consumer = store.consumer("t", { maxPollRecords: 1 });
    consumer.poll();
    store.commitOffsets("g", "t", consumer.positions());
    store.close();
    store = Store.open(dir);
    expect(store.committedOffsets("g", "t")).toEqual(
      new Map([
        [0, 1],
        [1, 0],
      ]),
    );
    const resumed = store.consumer("t", {
      from: { kind: "committed", group: "g", otherwise: { kind: "latest" } },
    });
    const values = resumed.poll().flatMap((b) => b.records.map((r) => text(r.value)));
    expect(values.sort()).toEqual(["b", "c"]);
    const fresh = store.consumer("t", {
      from: { kind: "committed", group: "new", otherwise: { kind: "latest" } },
    });
    expect(fresh.poll()).toEqual([]);
    // Many commits checkpoint the control log; the latest value wins across reopen.
    const manyPartitions = (i: number) => new Map(Array.from({ length: 200 }, (_, p) => [p, i] as const));
    for (let i = 0; i < 300; i++) store.commitOffsets("busy", "t", manyPartitions(i));
    store.close();
    store = Store.open(dir);
    expect(store.committedOffsets("busy", "t").get(0)).toBe(299);
    expect(store.committedOffsets("busy", "t").get(199)).toBe(299);
    expect(store.committedOffsets("g", "t").get(0)).toBe(1);
    store.close();
  });
});

describe("compaction", () => {
  it("keeps the last record per key with its offset, and drops tombstones after their retention", () => {
    const dir = tempDir();
    let store = Store.open(dir);
    const topic = store.createTopic("c", {
      cleanupPolicy: "compact",
      segmentBytes: 400,
      deleteRetentionMs: 1_000,
    });
    let offset = 0;
    const latest = new Map<string, { offset: number; value: string | null }>();
    for (let round = 0; round < 20; round++) {
      for (const key of ["a", "b", "c", "d"]) {
        const value = round === 10 && key === "b" ? null : `${key}${round}`;
        topic.appendBatch(0, [
          { key: bytes(key), value: value === null ? null : bytes(value), timestamp: 100 },
        ]);
        latest.set(key, { offset: offset++, value });
      }
    }
    topic.appendBatch(0, [{ key: bytes("gone"), value: bytes("x"), timestamp: 100 }]);
    topic.appendBatch(0, [{ key: bytes("gone"), value: null, timestamp: 100 }]);
    topic.appendBatch(0, [{ key: null, value: bytes("keyless"), timestamp: 100 }]);
    // Fill past a segment roll: the active segment is never compacted.
    for (let i = 0; i < 10; i++)
      topic.appendBatch(0, [{ key: bytes(`f${i}`), value: bytes("f"), timestamp: 100 }]);
    const readAll = (s: Store) => {
      const consumer = s.consumer("c");
      const rows: (string | number | null)[][] = [];
      for (let polled = consumer.poll(); polled.length > 0; polled = consumer.poll()) {
        for (const r of polled[0]!.records) rows.push([r.offset, text(r.key), text(r.value)]);
      }
      return rows;
    };
    const before = readAll(store);
    expect(before.length).toBe(93);

    // Tombstones still within retention are kept.
    store.runCleanup(500);
    const kept = readAll(store);
    expect(kept.some(([, key, value]) => key === "gone" && value === null)).toBe(true);
    const lastOffsetOf = new Map(before.filter(([, key]) => key !== null).map(([off, key]) => [key, off]));
    const activeBase = store.topic("c").partition(0).segments.at(-1)!.baseOffset;
    for (const [off, key] of kept) {
      if ((off as number) < activeBase && key !== null) expect(lastOffsetOf.get(key)).toBe(off);
    }
    // Later, tombstones go too; offsets of survivors never change.
    store.runCleanup(10_000);
    store.close();
    store = Store.open(dir);
    const after = readAll(store);
    for (const row of after) expect(before).toContainEqual(row);
    expect(after.filter(([, key]) => key === "gone")).toEqual([]);
    expect(after.filter(([, key]) => key === "a").at(-1)).toEqual([latest.get("a")!.offset, "a", "a19"]);
    expect(after.some(([, , value]) => value === "keyless")).toBe(true);
    expect(after.length).toBeLessThan(30);
    expect(store.topic("c").partition(0).nextOffset).toBe(93);
    store.close();
  });
});
