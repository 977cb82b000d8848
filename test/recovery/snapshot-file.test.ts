// The snapshot file format: round trip, a version this Headwater does not read, torn and foreign
// files; and what a restart does with files of checkpoints that never completed.
import * as fs from "node:fs";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createEngine, type Engine } from "../../src/engine/index.ts";
import {
  decodeSnapshot,
  encodeSnapshot,
  SNAPSHOT_FORMAT_VERSION,
  type SnapshotHeader,
} from "../../src/engine/runtime/checkpoint/snapshot-file.ts";
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

describe("snapshot files", () => {
  it("give back the header and the state they were written with", () => {
    const bytes = encodeSnapshot(HEADER, STATE);
    const read = decodeSnapshot(bytes, "chk-7.snapshot");
    expect(read.header).toEqual(HEADER);
    expect(read.state).toEqual(STATE);
  });

  it("refuse a format version this Headwater does not read, naming both versions", () => {
    const bytes = encodeSnapshot(HEADER, STATE);
    bytes.writeUInt16LE(SNAPSHOT_FORMAT_VERSION + 1, 8);
    expect(() => decodeSnapshot(bytes, "chk-7.snapshot")).toThrow(
      `snapshot chk-7.snapshot: format version ${SNAPSHOT_FORMAT_VERSION + 1}, but this Headwater reads version ${SNAPSHOT_FORMAT_VERSION} only (written by a newer Headwater)`,
    );
  });

  it("call a file cut short, or with a flipped byte, torn", () => {
    const bytes = encodeSnapshot(HEADER, STATE);
    for (const cut of [10, 40, bytes.length - 20, bytes.length - 1])
      expect(() => decodeSnapshot(bytes.subarray(0, cut), "f")).toThrow(/torn or damaged file/);
    const flipped = Buffer.from(bytes);
    flipped[bytes.length - 12]! ^= 0xff;
    expect(() => decodeSnapshot(flipped, "f")).toThrow(/torn or damaged file \(checksum mismatch\)/);
  });

  it("refuse a file that is not a snapshot", () => {
    expect(() => decodeSnapshot(Buffer.from('{"statements": []}\n'), "statements.json")).toThrow(
      "snapshot statements.json: not a Headwater snapshot (bad magic bytes)",
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
