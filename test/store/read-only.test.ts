// A store another process owns and writes is read read-only, as Kafka's read_committed consumers
// read a log its producers are writing: the reader sees exactly the committed records, in order,
// follows them as they are committed, never sees a transaction that prepared and did not commit,
// and leaves the owner's files as they were.
import type { ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { type Consumer, Store } from "../../src/store/index.ts";
import { committedValues, startStallingWriter } from "./fixtures/stalling-writer-process.ts";
import { tempDir } from "./temp-dir.ts";

/** Polls until nothing more is available now. */
function drain(consumer: Consumer, into: string[][], offsets: number[][]): void {
  for (let batches = consumer.poll(); batches.length > 0; batches = consumer.poll())
    for (const batch of batches)
      for (const record of batch.records) {
        into[batch.partition]!.push(Buffer.from(record.value!).toString());
        offsets[batch.partition]!.push(record.offset);
      }
}

/** Every file of the store with its bytes, to show the reader changed nothing. */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) {
      const file = path.join(entry.parentPath, entry.name);
      files.set(path.relative(dir, file), fs.readFileSync(file).toString("base64"));
    }
  return files;
}

async function kill(child: ChildProcess, exited: Promise<void>): Promise<void> {
  child.kill("SIGKILL");
  await exited;
}

describe("read-only store", () => {
  it("tails exactly the committed records of a store another process is writing, in order", async () => {
    const dir = tempDir();
    const count = 60;
    const writer = startStallingWriter(dir, count, 5);
    await writer.printed("ready");
    const store = Store.openReadOnly(dir, { pollMs: 10 });
    try {
      const consumer = store.consumer("events", { from: { kind: "earliest" } });
      const values: string[][] = [[], [], []];
      const offsets: number[][] = [[], [], []];
      let stalled = false;
      void writer.printed("stalled").then(() => {
        stalled = true;
      });
      // Follows the writer while it commits, waiting for data between polls as a tail does.
      while (!stalled) {
        drain(consumer, values, offsets);
        await consumer.waitForData(50);
      }
      // The last transaction is prepared and its records are on disk, but it never commits.
      for (let i = 0; i < 5; i++) {
        store.refresh();
        drain(consumer, values, offsets);
      }
      const before = snapshot(dir);
      await kill(writer.child, writer.exited);
      store.refresh();
      drain(consumer, values, offsets);

      expect(values).toEqual(committedValues(count));
      for (const list of offsets) expect(list).toEqual(list.map((_, i) => i));
      // The stalled transaction's records are in the files: only read_committed hid them.
      const total = (log: { nextOffset: number }) => log.nextOffset;
      expect(store.topic("events").partitions.map(total)).toEqual(values.map((v) => v.length));
      expect(snapshot(dir)).toEqual(before);
    } finally {
      store.close();
      writer.child.kill("SIGKILL");
    }
    // The owner's recovery finds the files intact: it rolls back the stalled transaction only.
    const owner = Store.open(dir);
    try {
      const consumer = owner.consumer("events");
      const values: string[][] = [[], [], []];
      drain(consumer, values, [[], [], []]);
      expect(values).toEqual(committedValues(count));
    } finally {
      owner.close();
    }
  });

  it("refuses writes, and reads a store nobody owns without repairing it", async () => {
    const dir = tempDir();
    const writer = startStallingWriter(dir, 12, 0);
    await writer.printed("stalled");
    await kill(writer.child, writer.exited);
    const before = snapshot(dir);
    const store = Store.openReadOnly(dir);
    try {
      expect(() => store.createTopic("other")).toThrow("is open read-only");
      expect(() => store.beginTransaction()).toThrow("is open read-only");
      expect(() => store.topic("events").appendBatch(0, [{ key: null, value: null }])).toThrow("read-only");
      const values: string[][] = [[], [], []];
      drain(store.consumer("events"), values, [[], [], []]);
      expect(values).toEqual(committedValues(12));
    } finally {
      store.close();
    }
    expect(snapshot(dir)).toEqual(before); // no LOCK taken, no tail cut, no index written
    expect(() => Store.openReadOnly(path.join(dir, "missing"))).toThrow("no store at");
  });
});
