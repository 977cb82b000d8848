import { spawn } from "node:child_process";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { ControlLog } from "../../src/store/control/control-log.ts";
import { type RecordInput, Store } from "../../src/store/index.ts";
import { bytes, tempDir, text } from "./temp-dir.ts";

function records(prefix: string, n: number): RecordInput[] {
  return Array.from({ length: n }, (_, i) => ({
    key: bytes(`${prefix}-${i}`),
    value: bytes(`${prefix}-${i}`),
  }));
}

function visible(store: Store, topic: string): string[] {
  const out: string[] = [];
  const consumer = store.consumer(topic);
  for (let polled = consumer.poll(); polled.length > 0; polled = consumer.poll()) {
    for (const batch of polled) for (const r of batch.records) out.push(text(r.value)!);
  }
  return out;
}

describe("transactions", () => {
  it("stages writes invisibly and makes them visible atomically at commit, with group offsets", async () => {
    const store = Store.open(tempDir());
    store.createTopic("out", { partitions: 2 });
    store.createTopic("audit");
    const waiter = store.consumer("out", { from: { kind: "latest" } });
    let woken = false;
    const wait = waiter.waitForData(5_000).then((r) => {
      woken = r;
    });
    const txn = store.beginTransaction();
    txn.append("out", 0, records("a", 3));
    txn.append("out", 1, records("b", 2));
    txn.append("audit", 0, records("c", 1));
    txn.commitOffsets("pipeline", "in", new Map([[0, 42]]));
    expect(visible(store, "out")).toEqual([]);
    expect(store.committedOffsets("pipeline", "in").size).toBe(0);
    await Promise.resolve();
    expect(woken).toBe(false);
    const ranges = txn.commit();
    expect(ranges).toEqual([
      { topic: "out", partition: 0, firstOffset: 0, count: 3 },
      { topic: "out", partition: 1, firstOffset: 0, count: 2 },
      { topic: "audit", partition: 0, firstOffset: 0, count: 1 },
    ]);
    await wait;
    expect(woken).toBe(true);
    expect(visible(store, "out").sort()).toEqual(["a-0", "a-1", "a-2", "b-0", "b-1"]);
    expect(visible(store, "audit")).toEqual(["c-0"]);
    expect(store.committedOffsets("pipeline", "in")).toEqual(new Map([[0, 42]]));
    expect(txn.state).toBe("committed");
    expect(() => txn.commit()).toThrow(/already committed/);
    store.close();
  });

  it("abort leaves nothing behind; closing without commit is the same as aborting", () => {
    const dir = tempDir();
    let store = Store.open(dir);
    store.createTopic("t");
    store.topic("t").appendBatch(0, records("plain", 2));
    const aborted = store.beginTransaction();
    aborted.append("t", 0, records("aborted", 5));
    aborted.commitOffsets("g", "t", new Map([[0, 9]]));
    aborted.abort();
    const unfinished = store.beginTransaction();
    unfinished.append("t", 0, records("unfinished", 5));
    expect(visible(store, "t")).toEqual(["plain-0", "plain-1"]);
    store.close();
    store = Store.open(dir);
    expect(visible(store, "t")).toEqual(["plain-0", "plain-1"]);
    expect(store.committedOffsets("g", "t").size).toBe(0);
    const next = store.beginTransaction();
    next.append("t", 0, records("next", 1));
    expect(next.commit()[0]!.firstOffset).toBe(2);
    store.close();
  });

  it("rolls back a transaction whose prepare is durable but whose commit marker is not", () => {
    const dir = tempDir();
    let store = Store.open(dir);
    store.createTopic("t", { partitions: 2, segmentBytes: 200 });
    store.topic("t").appendBatch(0, records("kept", 4));
    // The crash: the transaction's records reached the partitions (across a segment roll) but the
    // process died before the commit entry was written.
    store.topic("t").appendBatch(0, records("torn", 6));
    store.topic("t").appendBatch(1, records("torn", 3));
    store.close();
    const control = ControlLog.open(path.join(dir, "control"));
    control.append({
      type: "prepare",
      txn: 7,
      ranges: [
        { topic: "t", partition: 0, start: 4 },
        { topic: "t", partition: 1, start: 0 },
      ],
    });
    control.close();
    store = Store.open(dir);
    expect(visible(store, "t")).toEqual(["kept-0", "kept-1", "kept-2", "kept-3"]);
    expect(store.topic("t").partitions.map((p) => p.nextOffset)).toEqual([4, 0]);
    store.topic("t").appendBatch(0, records("after", 1));
    store.close();
    store = Store.open(dir); // the rollback itself was recorded: nothing more is cut
    expect(visible(store, "t")).toEqual(["kept-0", "kept-1", "kept-2", "kept-3", "after-0"]);
    store.close();
  });

  it("commits several transactions together: each one's records land in order, all visible at once", () => {
    const store = Store.open(tempDir());
    store.createTopic("out", { partitions: 2 });
    store.createTopic("other");
    store.topic("out").appendBatch(0, records("before", 2));
    const first = store.beginTransaction();
    first.append("out", 0, records("a", 3));
    first.commitOffsets("ga", "in", new Map([[0, 5]]));
    const second = store.beginTransaction();
    second.append("other", 0, records("c", 1));
    second.append("out", 0, records("b", 2));
    second.commitOffsets("gb", "in", new Map([[0, 7]]));
    const empty = store.beginTransaction();
    empty.commitOffsets("gc", "in", new Map([[0, 9]]));
    expect(visible(store, "out")).toEqual(["before-0", "before-1"]);
    expect(store.commitTogether([first, second, empty])).toEqual([
      [{ topic: "out", partition: 0, firstOffset: 2, count: 3 }],
      [
        { topic: "other", partition: 0, firstOffset: 0, count: 1 },
        { topic: "out", partition: 0, firstOffset: 5, count: 2 },
      ],
      [],
    ]);
    expect(visible(store, "out")).toEqual(["before-0", "before-1", "a-0", "a-1", "a-2", "b-0", "b-1"]);
    expect(visible(store, "other")).toEqual(["c-0"]);
    expect([first.state, second.state, empty.state]).toEqual(["committed", "committed", "committed"]);
    expect(["ga", "gb", "gc"].map((g) => store.committedOffsets(g, "in").get(0))).toEqual([5, 7, 9]);
    expect(() => store.commitTogether([first])).toThrow(/already committed/);
    store.close();
  });

  it("never shows part of a group commit after the writer is killed with SIGKILL", async () => {
    for (const killAfterMs of [3, 40, 250]) {
      const dir = tempDir();
      const committed = await runAndKill(dir, killAfterMs, "group-commit-writer.ts");
      const store = Store.open(dir);
      const perGroup = new Map<string, number>();
      for (const value of visible(store, "out")) {
        const [group, txn] = value.split("-");
        perGroup.set(`${group}-${txn}`, (perGroup.get(`${group}-${txn}`) ?? 0) + 1);
        perGroup.set(group!, (perGroup.get(group!) ?? 0) + 1);
      }
      const groups = [...perGroup.keys()].filter((k) => !k.includes("-"));
      // Every group is all-or-nothing (3 transactions of 40 records), and so each transaction in it...
      for (const group of groups) {
        expect(perGroup.get(group), `group ${group}`).toBe(120);
        for (const t of [0, 1, 2]) expect(perGroup.get(`${group}-${t}`), `group ${group} txn ${t}`).toBe(40);
      }
      // ...every acknowledged group survived, at most the one in flight shows unacknowledged...
      for (const group of committed) expect(perGroup.get(group), `committed ${group}`).toBe(120);
      expect(groups.length - committed.length).toBeLessThanOrEqual(1);
      // ...and each transaction's offsets committed with its records.
      for (const t of [0, 1, 2])
        expect(store.committedOffsets(`writer-${t}`, "in").get(0) ?? 0).toBe(groups.length);
      store.close();
    }
  });

  it("never shows a partial transaction after the writer is killed with SIGKILL", async () => {
    for (const killAfterMs of [3, 40, 250]) {
      const dir = tempDir();
      const committed = await runAndKill(dir, killAfterMs, "transactional-writer.ts");
      const store = Store.open(dir);
      const perTxn = new Map<string, number>();
      for (const value of visible(store, "out")) {
        const txn = value.split("-")[0]!;
        perTxn.set(txn, (perTxn.get(txn) ?? 0) + 1);
      }
      // Every transaction is all-or-nothing (100 records over 3 partitions)...
      for (const [txn, count] of perTxn) expect(count, `transaction ${txn}`).toBe(100);
      // ...every acknowledged commit survived...
      for (const txn of committed) expect(perTxn.get(txn), `committed ${txn}`).toBe(100);
      // ...and at most the one in flight at the kill is visible without its acknowledgement.
      expect(perTxn.size - committed.length).toBeLessThanOrEqual(1);
      const offsets = store.committedOffsets("writer", "in").get(0) ?? 0;
      expect(offsets).toBe(perTxn.size);
      store.close();
    }
  });
});

/** Runs the transactional writer fixture, kills it `killAfterMs` after it is ready, returns its acknowledged commits. */
function runAndKill(dir: string, killAfterMs: number, fixture: string): Promise<string[]> {
  const script = path.join(import.meta.dirname, "fixtures", fixture);
  const child = spawn(process.execPath, ["--experimental-strip-types", "--no-warnings", script, dir], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  let timer: NodeJS.Timeout | undefined;
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString();
    if (timer === undefined && output.startsWith("ready\n"))
      timer = setTimeout(() => child.kill("SIGKILL"), killAfterMs);
  });
  return new Promise((resolve, reject) => {
    child.on("exit", (_code, signal) => {
      clearTimeout(timer);
      if (signal !== "SIGKILL") reject(new Error(`writer exited without being killed: ${output}`));
      const lines = output.split("\n");
      lines.pop(); // a line cut by the kill is not an acknowledgement
      resolve(lines.filter((l) => l.startsWith("committed ")).map((l) => l.slice("committed ".length)));
    });
  });
}
