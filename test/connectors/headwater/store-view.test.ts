// Store tables served through Engine.table (the TableView of REST and pgwire), and record metadata
// written by INSERT: the timestamp and headers of each record.
import { afterEach, describe, expect, it } from "vitest";
import type { OffsetChange } from "../../../src/engine/index.ts";
import { createEngine, type Engine, type QueryResult } from "../../../src/engine/index.ts";
import { tempDir } from "../../store/temp-dir.ts";

const T0 = Date.UTC(2026, 0, 1);
const engines: Engine[] = [];
afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.close();
});

function open(dir: string): Engine {
  const engine = createEngine({ clock: () => T0, storeDir: dir });
  engines.push(engine);
  return engine;
}

const USERS =
  "CREATE TABLE users (id INT, name STRING, PRIMARY KEY (id) NOT ENFORCED) DISTRIBUTED BY (id) INTO 2 BUCKETS";

describe("Engine.table over the embedded store", () => {
  it("serves rows, lookups by key and the changelog of an upsert table, live", async () => {
    const engine = open(tempDir());
    await engine.execute(`${USERS}; INSERT INTO users VALUES (1, 'ann'), (2, 'bob');`);
    const view = engine.table("users");
    expect(view.primaryKey).toEqual(["id"]);
    expect(view.columns.map((c) => c.name)).toEqual(["id", "name"]);
    const seen: OffsetChange[] = [];
    view.subscribe((change) => seen.push(change));
    await engine.execute("INSERT INTO users VALUES (1, 'anna')");
    await engine.settle();
    expect(view.lookup([1])).toEqual([1, "anna"]);
    expect(view.lookup([3])).toBeUndefined();
    expect([...view.rows()].sort()).toEqual([
      [1, "anna"],
      [2, "bob"],
    ]);
    expect(seen.map((c) => [c.kind, c.row])).toEqual([
      ["-U", [1, "ann"]],
      ["+U", [1, "anna"]],
    ]);
    expect(view.changes(0).map((c) => c.offset)).toEqual([0, 1, 2, 3]);
    expect(view.endOffset).toBe(4);
  });

  it("answers lookups after a restart from the durable primary-key table, without replaying", async () => {
    const dir = tempDir();
    const first = open(dir);
    await first.execute(`${USERS}; INSERT INTO users VALUES (1, 'ann'), (2, 'bob'), (1, 'anna');`);
    expect(first.table("users").lookup([1])).toEqual([1, "anna"]);
    await first.close();
    const second = open(dir);
    await second.execute(USERS);
    const view = second.table("users");
    expect(view.lookup([1])).toEqual([1, "anna"]);
    // The changelog of a fresh view starts with the current rows.
    expect(view.changes(0).map((c) => c.kind)).toEqual(["+I", "+I"]);
  });

  it("keeps the rows of append and retract tables", async () => {
    const engine = open(tempDir());
    await engine.execute(`CREATE TABLE events (k STRING, v INT) DISTRIBUTED INTO 3 BUCKETS;
      CREATE TABLE counts (k STRING, n BIGINT) WITH ('changelog.mode' = 'retract');
      INSERT INTO events VALUES ('a', 1), ('a', 2), ('b', 3);
      INSERT INTO counts SELECT k, COUNT(*) FROM events GROUP BY k;`);
    expect(engine.table("events").rows().length).toBe(3);
    expect([...engine.table("counts").rows()].sort()).toEqual([
      ["a", 2],
      ["b", 1],
    ]);
    expect(() => engine.table("nope")).toThrow("unknown table 'nope'");
  });
});

describe("record metadata written by INSERT", () => {
  it("takes the record timestamp ($rowtime) and headers from persisted metadata columns", async () => {
    const engine = open(tempDir());
    await engine.execute(`CREATE TABLE events (
        k STRING,
        ts TIMESTAMP_LTZ(3) METADATA FROM 'timestamp',
        hs MAP<STRING, BYTES> METADATA FROM 'headers',
        off BIGINT METADATA FROM 'offset' VIRTUAL
      ) DISTRIBUTED INTO 1 BUCKETS;
      INSERT INTO events (k, ts, hs) VALUES ('a', TO_TIMESTAMP_LTZ(1000, 3), MAP['trace', x'0102']);`);
    const rows = (await engine.execute(
      "SELECT k, ts, `$rowtime`, hs['trace'], off FROM events",
    )) as QueryResult;
    const [row] = rows.table();
    expect([row![0], row![1], row![2], [...(row![3] as Uint8Array)], row![4]]).toEqual([
      "a",
      1000,
      1000,
      [1, 2],
      0,
    ]);
    await expect(
      engine.execute(
        "CREATE TABLE bad (k STRING, off BIGINT METADATA FROM 'offset'); INSERT INTO bad VALUES ('a', 1)",
      ),
    ).rejects.toThrow("metadata column 'off' (key 'offset') cannot be written; declare it VIRTUAL");
    await expect(
      engine.execute("CREATE TABLE worse (k STRING, x INT METADATA FROM 'ofset' VIRTUAL)"),
    ).rejects.toThrow(
      "metadata column 'x' reads key 'ofset', which connector 'confluent' does not offer; did you mean 'offset'?",
    );
  });
});
