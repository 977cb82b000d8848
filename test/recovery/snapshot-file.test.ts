// The snapshot file format: round trip (across chunk boundaries too), a version this Headwater does
// not read, version 1 files still read, torn and foreign files; and what a restart does with files of
// checkpoints that never completed.
import * as fs from "node:fs";
import * as path from "node:path";
import { crc32 } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { createEngine, type Engine } from "../../src/engine/index.ts";
import {
  readSnapshotFile,
  SNAPSHOT_FORMAT_VERSION,
  type SnapshotHeader,
  writeSnapshotFile,
} from "../../src/engine/runtime/checkpoint/snapshot-file.ts";
import { RowWriter } from "../../src/store/index.ts";
import { tempDir } from "../store/temp-dir.ts";

const HEADER: SnapshotHeader = {
  kind: "checkpoint",
  statement: "agg",
  sql: "INSERT INTO t SELECT 1",
  fingerprint: "f".repeat(32),
  checkpointId: 7,
  createdAt: "2026-01-01T00:00:00.000Z",
};
const STATE = [
  new Map<unknown, unknown>([["groups", new Map([["\u0001a", [["a"], 2, [10n, null]]]])]]),
  [1.5, -0, "x", new Uint8Array([1, 2]), true, 2 ** 40],
] as never;

/** A snapshot file of STATE in `dir`; its bytes. */
function written(dir: string, state = STATE, chunkBytes?: number): { file: string; bytes: Buffer } {
  const file = path.join(dir, "chk-7.snapshot");
  const size = writeSnapshotFile(file, HEADER, state, chunkBytes === undefined ? {} : { chunkBytes }).bytes;
  const bytes = fs.readFileSync(file);
  expect(size).toBe(bytes.length);
  return { file, bytes };
}

/** The same file as Headwater wrote before snapshots were streamed (format version 1). */
function version1(header: SnapshotHeader, state: unknown): Buffer {
  const headerBytes = Buffer.from(JSON.stringify(header), "utf8");
  const writer = new RowWriter();
  writer.writeValue(state as never);
  const body = writer.finish();
  const lengths = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(n);
    return b;
  };
  const version = Buffer.alloc(2);
  version.writeUInt16LE(1);
  const before = Buffer.concat([
    Buffer.from("HWSNAPSH", "latin1"),
    version,
    lengths(headerBytes.length),
    headerBytes,
    lengths(body.length),
    body,
  ]);
  return Buffer.concat([before, lengths(crc32(before))]);
}

/** The same file as Headwater wrote before incremental checkpoints (format version 2). */
function version2(header: SnapshotHeader, state: unknown): Buffer {
  const headerBytes = Buffer.from(JSON.stringify(header), "utf8");
  const writer = new RowWriter();
  writer.writeValue(state as never);
  const body = writer.finish();
  const prologue = Buffer.alloc(14);
  Buffer.from("HWSNAPSH", "latin1").copy(prologue);
  prologue.writeUInt16LE(2, 8);
  prologue.writeUInt32LE(headerBytes.length, 10);
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(body.length));
  const before = Buffer.concat([prologue, headerBytes, body, length]);
  const checksum = Buffer.alloc(4);
  checksum.writeUInt32LE(crc32(before));
  return Buffer.concat([before, checksum]);
}

describe("snapshot files", () => {
  it("give back the header and the state they were written with", () => {
    const { file } = written(tempDir());
    const read = readSnapshotFile(file);
    expect(read.header).toEqual(HEADER);
    expect(read.state).toEqual(STATE);
  });

  it("round-trip a state many times larger than one chunk, with values that span chunks", () => {
    const groups = new Map<unknown, unknown>();
    for (let i = 0; i < 500; i++)
      groups.set(`key-${i}`, [[`row ${i}`, i * 1.5, BigInt(i) ** 5n], i % 7, "x".repeat(i % 150)]);
    const state = [new Map([["groups", groups]]), "a value longer than a chunk ".repeat(20)] as never;
    const { file, bytes } = written(tempDir(), state, 64);
    expect(bytes.length).toBeGreaterThan(64 * 100);
    for (const chunkBytes of [16, 64, 100, undefined])
      expect(readSnapshotFile(file, chunkBytes === undefined ? {} : { chunkBytes }).state).toEqual(state);
    // Written in one chunk, the file is the same bytes.
    expect(written(tempDir(), state).bytes.equals(bytes)).toBe(true);
  });

  it("refuse a format version this Headwater does not read, naming the versions and what to do", () => {
    const { file, bytes } = written(tempDir());
    bytes.writeUInt16LE(SNAPSHOT_FORMAT_VERSION + 1, 8);
    fs.writeFileSync(file, bytes);
    expect(() => readSnapshotFile(file)).toThrow(
      `snapshot ${file}: format version ${SNAPSHOT_FORMAT_VERSION + 1}, but this Headwater reads versions 1 to ${SNAPSHOT_FORMAT_VERSION} ` +
        "(written by a newer Headwater: resume the statement with that release, or discard its state to start it afresh)",
    );
  });

  it("still read files of format version 1, and call a damaged one torn", () => {
    const file = path.join(tempDir(), "chk-3.snapshot");
    const bytes = version1(HEADER, STATE);
    fs.writeFileSync(file, bytes);
    expect(readSnapshotFile(file)).toEqual({ header: HEADER, state: STATE, version: 1, tables: 0 });
    fs.writeFileSync(file, bytes.subarray(0, bytes.length - 3));
    expect(() => readSnapshotFile(file)).toThrow(/torn or damaged file \(cut short in the state\)/);
  });

  it("still read files of format version 2 (the state one value, keyed state inline)", () => {
    const file = path.join(tempDir(), "chk-4.snapshot");
    fs.writeFileSync(file, version2(HEADER, STATE));
    expect(readSnapshotFile(file)).toEqual({ header: HEADER, state: STATE, version: 2, tables: 0 });
    expect(readSnapshotFile(file, { chunkBytes: 16 }).state).toEqual(STATE);
  });

  it("call a file cut short, or with a flipped byte, torn", () => {
    const { file, bytes } = written(tempDir());
    for (const cut of [10, 40, bytes.length - 20, bytes.length - 1]) {
      fs.writeFileSync(file, bytes.subarray(0, cut));
      expect(() => readSnapshotFile(file)).toThrow(/torn or damaged file/);
    }
    for (const at of [bytes.length - 30, bytes.length - 2, 60]) {
      const flipped = Buffer.from(bytes);
      flipped[at]! ^= 0xff;
      fs.writeFileSync(file, flipped);
      expect(() => readSnapshotFile(file)).toThrow(/torn or damaged file \(checksum mismatch\)/);
    }
  });

  it("refuse a file that is not a snapshot", () => {
    const file = path.join(tempDir(), "statements.json");
    fs.writeFileSync(file, '{"statements": []}\n');
    expect(() => readSnapshotFile(file)).toThrow(
      `snapshot ${file}: not a Headwater snapshot (bad magic bytes)`,
    );
  });
});

describe("checkpoint files at a restart", () => {
  const engines: Engine[] = [];
  afterEach(async () => {
    for (const e of engines.splice(0)) await e.close();
  });
  const DDL = `CREATE TABLE src (k STRING, v INT);
    CREATE TABLE totals (k STRING, total INT, PRIMARY KEY (k) NOT ENFORCED);`;
  const AGG = "INSERT INTO totals SELECT k, SUM(v) FROM src GROUP BY k";

  async function start(dir: string): Promise<Engine> {
    const engine = createEngine({ storeDir: dir, clock: () => 0, checkpoints: { intervalMs: 3_600_000 } });
    engines.push(engine);
    await engine.executeScript(DDL);
    return engine;
  }

  it("ignore and delete a torn file of a checkpoint that never completed", async () => {
    const dir = tempDir();
    const first = await start(dir);
    await first.execute("INSERT INTO src VALUES ('a', 1)", "load");
    await first.execute(AGG, "agg");
    const [done] = (await first.checkpoints.checkpointAll()).filter((c) => c.statement === "agg");
    // A crash while checkpoint 2 was written: its file is there, torn, but the store never committed it.
    const folder = path.dirname(done!.file);
    const torn = path.join(folder, "chk-2.snapshot");
    fs.writeFileSync(torn, fs.readFileSync(done!.file).subarray(0, 30));
    fs.writeFileSync(path.join(folder, "chk-3.snapshot.tmp"), "half");
    for (const job of first.jobs) job.cancel();
    engines.splice(engines.indexOf(first), 1);

    const second = await start(dir);
    const result = await second.execute(AGG, "agg");
    expect(result.kind === "insert" && result.recovery?.restoredFrom).toBe(done!.file);
    expect(fs.readdirSync(folder).sort()).toEqual(["chk-1.snapshot"]);
    await second.checkpoints.checkpointAll();
    expect(second.table("totals").rows()).toEqual([["a", 1]]);
  });

  it("refuse to resume when the completed checkpoint's file is damaged: an older one would duplicate output", async () => {
    const dir = tempDir();
    const first = await start(dir);
    await first.execute("INSERT INTO src VALUES ('a', 1)", "load");
    await first.execute(AGG, "agg");
    const [done] = (await first.checkpoints.checkpointAll()).filter((c) => c.statement === "agg");
    for (const job of first.jobs) job.cancel();
    engines.splice(engines.indexOf(first), 1);
    fs.truncateSync(done!.file, 50);
    const second = await start(dir);
    await expect(second.execute(AGG, "agg")).rejects.toThrow(
      /statement 'agg' cannot resume: snapshot .*chk-1\.snapshot: torn or damaged file \(cut short in the header\)/,
    );
  });
});
