// Store-backed tables end to end through the engine: Confluent Cloud tables (no connector) and
// 'connector' = 'headwater' are topics of the engine's embedded store.
import { afterEach, describe, expect, it } from "vitest";
import {
  createEngine,
  type Engine,
  type QueryResult,
  type StatementResult,
} from "../../../src/engine/index.ts";
import { Store } from "../../../src/store/index.ts";
import { tempDir } from "../../store/temp-dir.ts";

const T0 = Date.UTC(2026, 0, 1);

function query(result: StatementResult): QueryResult {
  if (result.kind !== "query") throw new Error(`expected a query result, got ${result.kind}`);
  return result;
}

const engines: Engine[] = [];
afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.close();
});

function open(dir: string): Engine {
  const engine = createEngine({ clock: () => T0, storeDir: dir });
  engines.push(engine);
  return engine;
}

/** Rows sorted by their text, for results whose order depends on partitioning. */
const sorted = (rows: readonly unknown[][]) =>
  [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

describe("append tables", () => {
  it("writes inserts to a topic of 6 partitions and reads them back with $rowtime", async () => {
    const dir = tempDir();
    const engine = open(dir);
    await engine.execute(`CREATE TABLE clicks (user_id STRING, n INT);
      INSERT INTO clicks VALUES ('a', 1), ('b', 2), ('c', 3);`);
    const result = query(await engine.execute("SELECT user_id, n, `$rowtime` FROM clicks"));
    expect(sorted(result.table())).toEqual([
      ["a", 1, T0],
      ["b", 2, T0],
      ["c", 3, T0],
    ]);
    expect(result.changelog().every((c) => c.kind === "+I")).toBe(true);
    expect(engine.store!.topic("clicks").partitions).toHaveLength(6);
  });

  it("keeps reading: rows inserted later reach a running query", async () => {
    const engine = open(tempDir());
    await engine.execute("CREATE TABLE t (k STRING, v INT)");
    const counts = query(await engine.execute("SELECT k, SUM(v) AS s FROM t GROUP BY k"));
    await engine.execute("INSERT INTO t VALUES ('a', 1), ('b', 2)");
    await engine.execute("INSERT INTO t VALUES ('a', 10)");
    expect(sorted(counts.table())).toEqual([
      ["a", 11],
      ["b", 2],
    ]);
  });

  it("partitions by the DISTRIBUTED BY key into the bucket count; the partition metadata says where", async () => {
    const engine = open(tempDir());
    await engine.execute(`CREATE TABLE orders (
        id INT, customer STRING, amount INT,
        part INT METADATA FROM 'partition' VIRTUAL,
        off BIGINT METADATA FROM 'offset' VIRTUAL)
      DISTRIBUTED BY HASH(customer) INTO 3 BUCKETS;
      INSERT INTO orders VALUES (1, 'ann', 10), (2, 'bob', 20), (3, 'ann', 30), (4, 'cyd', 40), (5, 'bob', 50);`);
    expect(engine.store!.topic("orders").partitions).toHaveLength(3);
    const rows = query(await engine.execute("SELECT customer, id, part, off FROM orders")).table();
    const partitionOf = new Map<unknown, Set<unknown>>();
    for (const [customer, , part] of rows)
      partitionOf.set(customer, (partitionOf.get(customer) ?? new Set()).add(part));
    // Every customer's orders are in one partition, in insertion order there.
    for (const parts of partitionOf.values()) expect(parts.size).toBe(1);
    const ann = rows.filter((r) => r[0] === "ann").map((r) => [r[1], r[3]]);
    expect(ann.map((r) => r[0])).toEqual([1, 3]);
    expect((ann[1]![1] as number) > (ann[0]![1] as number)).toBe(true);
    expect(rows).toHaveLength(5);
  });

  it("reads the same rows after a restart (a new engine on the same store)", async () => {
    const dir = tempDir();
    const first = open(dir);
    await first.execute(`CREATE TABLE t (k STRING, v INT);
      INSERT INTO t VALUES ('a', 1), ('b', 2), ('c', 3);`);
    await first.close();
    const second = open(dir);
    await second.execute("CREATE TABLE t (k STRING, v INT)");
    const rows = query(await second.execute("SELECT k, v FROM t")).table();
    expect(sorted(rows)).toEqual([
      ["a", 1],
      ["b", 2],
      ["c", 3],
    ]);
  });
});

describe("upsert tables", () => {
  it("keeps the last row per key; readers get Flink's normalized changelog", async () => {
    const engine = open(tempDir());
    await engine.execute(`CREATE TABLE users (id INT, name STRING, PRIMARY KEY (id) NOT ENFORCED);
      INSERT INTO users VALUES (1, 'ann'), (2, 'bob');`);
    await engine.execute("INSERT INTO users VALUES (1, 'anna')");
    const result = query(await engine.execute("SELECT id, name FROM users"));
    expect(sorted(result.table())).toEqual([
      [1, "anna"],
      [2, "bob"],
    ]);
    const forKey1 = result.changelog().filter((c) => c.row[0] === 1);
    expect(forKey1).toEqual([
      { kind: "+I", row: [1, "ann"] },
      { kind: "-U", row: [1, "ann"] },
      { kind: "+U", row: [1, "anna"] },
    ]);
  });

  it("writes a GROUP BY result by key and deletes with tombstones", async () => {
    const engine = open(tempDir());
    await engine.execute(`CREATE TABLE events (k STRING, v INT);
      CREATE TABLE totals (k STRING, total INT, PRIMARY KEY (k) NOT ENFORCED) DISTRIBUTED BY (k) INTO 2 BUCKETS;
      INSERT INTO totals SELECT k, SUM(v) FROM events GROUP BY k;
      INSERT INTO events VALUES ('a', 1), ('b', 2), ('a', 3);`);
    const totals = query(await engine.execute("SELECT * FROM totals"));
    expect(sorted(totals.table())).toEqual([
      ["a", 4],
      ["b", 2],
    ]);
    // The topic holds one record per change of a key: its upserts in order.
    const store = engine.store!;
    const consumer = store.consumer("totals");
    const records = consumer.poll().flatMap((b) => b.records);
    expect(records.length).toBeGreaterThanOrEqual(2);
    const view = engine.table("totals");
    expect(view.lookup(["a"])).toEqual(["a", 4]);
    expect(view.lookup(["z"])).toBeUndefined();
  });

  it("rejects 'changelog.mode' = 'upsert' without a primary key", async () => {
    const engine = open(tempDir());
    await expect(
      engine.execute("CREATE TABLE t (k STRING) WITH ('changelog.mode' = 'upsert')"),
    ).rejects.toThrow(
      /table 'default_catalog.default_database.t': 'changelog.mode' = 'upsert' needs a PRIMARY KEY/,
    );
  });
});

describe("retract tables", () => {
  it("stores every change with its row kind and reads it back as written", async () => {
    const engine = open(tempDir());
    await engine.execute(`CREATE TABLE events (k STRING, v INT);
      CREATE TABLE counts (k STRING, n BIGINT) DISTRIBUTED BY (k) INTO 1 BUCKETS WITH ('changelog.mode' = 'retract');
      INSERT INTO counts SELECT k, COUNT(*) FROM events GROUP BY k;
      INSERT INTO events VALUES ('a', 1), ('a', 2);`);
    const read = query(await engine.execute("SELECT k, n FROM counts"));
    expect(read.changelog()).toEqual([
      { kind: "+I", row: ["a", 1] },
      { kind: "-U", row: ["a", 1] },
      { kind: "+U", row: ["a", 2] },
    ]);
    expect(engine.table("counts").rows()).toEqual([["a", 2]]);
  });

  it("rejects updates into an append table with Flink's error", async () => {
    const engine = open(tempDir());
    await engine.execute("CREATE TABLE events (k STRING, v INT); CREATE TABLE counts (k STRING, n BIGINT);");
    await expect(
      engine.execute("INSERT INTO counts SELECT k, COUNT(*) FROM events GROUP BY k"),
    ).rejects.toThrow(/doesn't support consuming update changes/);
  });
});

describe("options", () => {
  it("names the table and option, with a did-you-mean, for an unknown option", async () => {
    const engine = open(tempDir());
    await expect(
      engine.execute("CREATE TABLE t (k STRING) WITH ('scan.startup.mod' = 'latest-offset')"),
    ).rejects.toThrow(
      "table 'default_catalog.default_database.t': unsupported option 'scan.startup.mod' for connector 'confluent'; did you mean 'scan.startup.mode'?",
    );
  });

  it("names a wrong value and the values it may take", async () => {
    const engine = open(tempDir());
    await expect(
      engine.execute("CREATE TABLE t (k STRING) WITH ('changelog.mode' = 'upsrt')"),
    ).rejects.toThrow(
      "option 'changelog.mode' = 'upsrt' is not one of 'append', 'upsert', 'retract'; did you mean 'upsert'?",
    );
  });

  it("reads from the latest offset and stops at a bounded offset", async () => {
    const dir = tempDir();
    const engine = open(dir);
    await engine.execute(`CREATE TABLE t (k STRING) DISTRIBUTED INTO 1 BUCKETS;
      INSERT INTO t VALUES ('a'), ('b');`);
    await engine.execute(
      "CREATE TABLE late (k STRING) DISTRIBUTED INTO 1 BUCKETS WITH ('connector' = 'headwater', 'topic' = 't', 'scan.startup.mode' = 'latest-offset')",
    );
    const late = query(await engine.execute("SELECT k FROM late"));
    await engine.execute(
      "CREATE TABLE first (k STRING) WITH ('connector' = 'headwater', 'topic' = 't', 'scan.bounded.mode' = 'specific-offsets', 'scan.bounded.specific-offsets' = 'partition:0,offset:1')",
    );
    const first = query(await engine.execute("SELECT k FROM first"));
    await engine.execute("INSERT INTO t VALUES ('c')");
    expect(late.table()).toEqual([["c"]]);
    expect(first.table()).toEqual([["a"]]);
    expect(first.status).toBe("finished");
  });
});

describe("topic and record settings", () => {
  it("gives the topic 'kafka.retention.time' (0 keeps records forever) and upsert tables compaction", async () => {
    const engine = open(tempDir());
    await engine.execute(`
      CREATE TABLE week (k STRING) WITH ('kafka.retention.time' = '7 d');
      CREATE TABLE forever (k STRING) WITH ('kafka.retention.time' = '0');
      CREATE TABLE latest (k STRING, v INT, PRIMARY KEY (k) NOT ENFORCED);`);
    const store = engine.store!;
    expect(store.topic("week").config).toMatchObject({
      retentionMs: 7 * 86_400_000,
      cleanupPolicy: "delete",
    });
    expect(store.topic("forever").config.retentionMs).toBeNull();
    expect(store.topic("latest").config.cleanupPolicy).toBe("compact");
    await expect(
      engine.execute("CREATE TABLE bad (k STRING) WITH ('kafka.retention.time' = 'a week')"),
    ).rejects.toThrow(/'kafka.retention.time'.*'a week'/);
  });

  it("writes key columns into the value only with 'value.fields-include' = 'ALL'", async () => {
    const dir = tempDir();
    const engine = open(dir);
    await engine.execute(`
      CREATE TABLE except_key (id INT, name STRING) DISTRIBUTED BY (id) INTO 1 BUCKETS
        WITH ('key.format' = 'json', 'value.format' = 'json');
      CREATE TABLE all_fields (id INT, name STRING) DISTRIBUTED BY (id) INTO 1 BUCKETS
        WITH ('key.format' = 'json', 'value.format' = 'json', 'value.fields-include' = 'ALL');
      INSERT INTO except_key VALUES (1, 'ann');
      INSERT INTO all_fields VALUES (1, 'ann');`);
    const text = (bytes: Uint8Array | null) => new TextDecoder().decode(bytes ?? new Uint8Array());
    const records = (topic: string) =>
      engine
        .store!.consumer(topic)
        .poll()
        .flatMap((b) => b.records)
        .map((r) => [text(r.key), text(r.value)]);
    expect(records("except_key")).toEqual([['{"id":1}', '{"name":"ann"}']]);
    expect(records("all_fields")).toEqual([['{"id":1}', '{"id":1,"name":"ann"}']]);
    // Both read back as the same rows.
    const back = query(await engine.execute("SELECT * FROM except_key UNION ALL SELECT * FROM all_fields"));
    expect(back.table()).toEqual([
      [1, "ann"],
      [1, "ann"],
    ]);
  });
});

describe("store contents", () => {
  it("is a plain store a Store can open after the engine closed", async () => {
    const dir = tempDir();
    const engine = open(dir);
    await engine.execute(
      "CREATE TABLE t (k STRING) DISTRIBUTED INTO 2 BUCKETS; INSERT INTO t VALUES ('a'), ('b'), ('c');",
    );
    await engine.close();
    const store = Store.open(dir);
    const total = store.topic("t").partitions.reduce((n, p) => n + p.nextOffset, 0);
    store.close();
    expect(total).toBe(3);
  });
});
