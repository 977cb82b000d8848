import { describe, expect, it, vi } from "vitest";
import type { SqlValue } from "../../../src/common/value.ts";
import {
  createEngine,
  type Engine,
  operatorStateSizes,
  type TableStateSize,
  totalStateSize,
} from "../../../src/engine/index.ts";
import { encodeRow } from "../../../src/store/index.ts";
import { SpillFile } from "../../../src/store/spill/spill-file.ts";

/** Keys inserted: many more than the estimate samples, so it extrapolates. */
const KEYS = 5_000;

/** One running INSERT's operators with their state sizes, by the start of the exec node's name. */
function sizesOf(engine: Engine, into: string) {
  const job = engine.jobs.find((j) => j.statement.includes(`INSERT INTO ${into}`))!;
  return { job, sizes: operatorStateSizes(job.pipeline.operators) };
}

/** The exact encoded size of every keyed entry of a snapshot's maps: what the estimate approximates. */
function exactEncodedBytes(snapshot: SqlValue): number {
  if (!(snapshot instanceof Map)) return 0;
  let bytes = 0;
  for (const value of snapshot.values()) {
    if (!(value instanceof Map)) continue;
    const nested = [...value.values()].every((v) => v instanceof Map) && value.size <= 4;
    if (nested) bytes += exactEncodedBytes(value);
    else for (const entry of value) bytes += encodeRow(entry).length;
  }
  return bytes;
}

describe("operator state sizes", () => {
  it("count a deduplication's keys and estimate their encoded size from a sample", async () => {
    const engine = createEngine({ clock: () => 0, changelogRetention: "unread" });
    await engine.execute(`
      CREATE TABLE raw (id STRING, note STRING, amount INT);
      CREATE TABLE latest (id STRING, note STRING, amount INT, PRIMARY KEY (id) NOT ENFORCED);
      INSERT INTO latest SELECT id, note, amount FROM (
        SELECT *, ROW_NUMBER() OVER (PARTITION BY id ORDER BY $rowtime DESC) AS rn FROM raw
      ) WHERE rn = 1;`);
    // Notes of varying width, so the sample has to stand for rows of different sizes.
    for (let i = 0; i < 2 * KEYS; i++)
      engine.insertRows("raw", [[`id${i % KEYS}`, "x".repeat(i % 97), i]], { timestamp: i });
    engine.runUntilIdle();

    const { job, sizes } = sizesOf(engine, "latest");
    const dedup = sizes.find((s) => s.operator.startsWith("Deduplicate"))!;
    expect(dedup.entries).toBe(KEYS);
    const op = job.pipeline.operators.find((o) => o.description.startsWith("Deduplicate"))!;
    const exact = exactEncodedBytes(op.snapshot());
    expect(dedup.encodedBytes).toBeGreaterThan(exact * 0.85);
    expect(dedup.encodedBytes).toBeLessThan(exact * 1.15);
    // Stateless operators hold nothing.
    for (const s of sizes.filter((s) => s.operator.startsWith("Calc"))) expect(s.entries).toBe(0);
  });

  it("count both inputs of a join and an aggregate's groups", async () => {
    const engine = createEngine({ clock: () => 0, changelogRetention: "unread" });
    await engine.execute(`
      CREATE TABLE orders (order_id INT, customer_id INT, amount INT);
      CREATE TABLE customers (customer_id INT, name STRING);
      CREATE TABLE spent (name STRING, total INT, PRIMARY KEY (name) NOT ENFORCED);
      INSERT INTO spent SELECT c.name, SUM(o.amount) FROM orders o
        JOIN customers c ON o.customer_id = c.customer_id GROUP BY c.name;`);
    const customers = 300;
    for (let c = 0; c < customers; c++) engine.insertRows("customers", [[c, `name${c % 100}`]]);
    for (let o = 0; o < KEYS; o++) engine.insertRows("orders", [[o, o % (customers * 2), 1]]);
    engine.runUntilIdle();

    const { job, sizes } = sizesOf(engine, "spent");
    const join = job.pipeline.operators.findIndex((o) => o.description.startsWith("Join"));
    // Neither input has a unique key: each row is an entry of its own (record-grain join state).
    expect(sizes[join]!.entries).toBe(customers + KEYS);
    expect(sizes[join]!.encodedBytes).toBeGreaterThan(0);
    const aggregate = sizes.find((s) => s.operator.startsWith("GroupAggregate"))!;
    expect(aggregate.entries).toBe(100);
  });

  it("count the keys of a sink's upsert materializer", async () => {
    const engine = createEngine({ clock: () => 0 });
    // `out` is keyed by k, its input by id: the sink keeps each k's live rows.
    await engine.execute(`
      CREATE TABLE src (id INT, k INT, PRIMARY KEY (id) NOT ENFORCED);
      CREATE TABLE out (k INT, id INT, PRIMARY KEY (k) NOT ENFORCED);
      INSERT INTO out SELECT k, id FROM src;`);
    for (let id = 0; id < 300; id++) engine.insertRows("src", [[id, id % 70]]);
    engine.runUntilIdle();

    const sink = sizesOf(engine, "out").sizes.find((s) => s.operator.startsWith("Sink"))!;
    expect(sink.entries).toBe(70);
    expect(sink.tiers).toEqual({ live: 70, encoded: 0, disk: 0 });
    expect(sink.encodedBytes).toBeGreaterThan(0);
  });
});

describe("in-memory table sizes", () => {
  const TABLE_DDL = `
    CREATE TABLE latest (id STRING, note STRING, PRIMARY KEY (id) NOT ENFORCED);
    CREATE TABLE events (id STRING, note STRING);`;
  /** Every key written twice (an insert, then an update), notes of varying width; events appended. */
  const fill = (engine: Engine) => {
    for (let i = 0; i < 2 * KEYS; i++) {
      const row = [`id${i % KEYS}`, "x".repeat(i % 97)];
      engine.insertRows("latest", [row]);
      engine.insertRows("events", [row]);
    }
  };
  const tableOf = (engine: Engine, name: string): TableStateSize =>
    engine.tableStateSizes().find((t) => t.table === `default_catalog.default_database.${name}`)!;
  /** The tables, filled, with 4,000 bytes of live state per table and 64 KiB of encoded tier. */
  const filledUnderTinyBudget = async (): Promise<Engine> => {
    const engine = createEngine({
      clock: () => 0,
      changelogRetention: "unread",
      stateMemoryBudget: 4_000,
      stateEncodedBudget: 64 * 1024,
    });
    await engine.execute(TABLE_DDL);
    fill(engine);
    return engine;
  };
  /** `latest`'s live rows, each held as its key and its latest change (an update, at the clock's 0). */
  const exactLiveRowBytes = (engine: Engine): number => {
    let bytes = 0;
    for (const row of engine.table("latest").rows()) bytes += encodeRow([row[0]!, ["+U", row, 0]]).length;
    return bytes;
  };

  it("count a keyed table's live rows, estimate their encoded size, and count the changes kept", async () => {
    const engine = createEngine({ clock: () => 0 });
    await engine.execute(TABLE_DDL);
    fill(engine);

    const latest = tableOf(engine, "latest");
    expect(latest.entries).toBe(KEYS);
    expect(latest.tiers).toEqual({ live: KEYS, encoded: 0, disk: 0 });
    // Every change is kept by default: each key's insert, then its update as -U and +U.
    expect(latest.keptChanges).toBe(3 * KEYS);
    const exact = exactLiveRowBytes(engine);
    expect(latest.encodedBytes).toBeGreaterThan(exact * 0.85);
    expect(latest.encodedBytes).toBeLessThan(exact * 1.15);
    expect(latest.encodedTierEstimate).toBe(0);

    // A table without a key has no live rows: its log is its state.
    expect(tableOf(engine, "events")).toMatchObject({ entries: 0, encodedBytes: 0, keptChanges: 2 * KEYS });
  });

  it("estimate a mostly spilled table's size without reading its spill file", async () => {
    const engine = await filledUnderTinyBudget();
    try {
      const reads = [vi.spyOn(SpillFile.prototype, "values"), vi.spyOn(SpillFile.prototype, "get")];
      const latest = tableOf(engine, "latest");
      for (const read of reads) expect(read).not.toHaveBeenCalled();
      vi.restoreAllMocks();
      expect(latest.tiers.disk).toBeGreaterThan(KEYS / 2);
      // The spill file counts its entries' bytes exactly; the rest is estimated from a sample.
      const exact = exactLiveRowBytes(engine);
      expect(latest.encodedBytes).toBeGreaterThan(exact * 0.95);
      expect(latest.encodedBytes).toBeLessThan(exact * 1.05);
    } finally {
      await engine.close();
    }
  });

  it("say where a keyed table's live rows are under a tiny budget, and what the encoded tier counts them at", async () => {
    const engine = await filledUnderTinyBudget();
    try {
      const latest = tableOf(engine, "latest");
      expect(latest.entries).toBe(KEYS);
      expect(latest.tiers.live + latest.tiers.encoded + latest.tiers.disk).toBe(KEYS);
      expect(latest.tiers.live).toBeGreaterThan(0);
      expect(latest.tiers.live).toBeLessThan(KEYS / 10);
      expect(latest.tiers.encoded).toBeGreaterThan(0);
      expect(latest.tiers.disk).toBeGreaterThan(KEYS / 2);
      // The table is its only state: what it counts in the encoded tier is the whole tier.
      expect(latest.encodedTierCounted).toBe(engine.stateTierUsage().encodedBytes);
      expect(engine.stateTierUsage().spilledEntries).toBe(latest.tiers.disk);
      // The tier counts each entry's encoding, its key again and 64 bytes more.
      const overhead = (latest.encodedTierCounted - latest.encodedTierEstimate) / latest.tiers.encoded;
      expect(overhead).toBeGreaterThan(64);
      expect(overhead).toBeLessThan(64 + 16);
      // Without readers, a keyed table drops its read changelog in chunks.
      expect(latest.keptChanges).toBeLessThan(4096);
      expect(totalStateSize([latest, latest]).tiers.disk).toBe(2 * latest.tiers.disk);
    } finally {
      await engine.close();
    }
  });
});

describe("state of an ended job", () => {
  it("can still be measured and snapshotted when part of it spilled", async () => {
    const engine = createEngine({ clock: () => 0, stateMemoryBudget: 4_000, changelogRetention: "unread" });
    try {
      await engine.execute(`
        CREATE TABLE raw (id STRING, amount INT);
        CREATE TABLE totals (id STRING, total INT, PRIMARY KEY (id) NOT ENFORCED);
        INSERT INTO totals SELECT id, SUM(amount) FROM raw GROUP BY id;`);
      for (let i = 0; i < 2_000; i++) engine.insertRows("raw", [[`id${i % 500}`, i]]);
      await engine.runBounded();
      const { job, sizes } = sizesOf(engine, "totals");
      expect(job.status).toBe("finished");
      expect(sizes.find((s) => s.operator.startsWith("GroupAggregate"))!.entries).toBe(500);
      const op = job.pipeline.operators.find((o) => o.description.startsWith("GroupAggregate"))!;
      expect([
        ...((op.snapshot() as Map<SqlValue, SqlValue>).values().next().value as Map<SqlValue, SqlValue>),
      ]).toHaveLength(500);
    } finally {
      await engine.close();
    }
  });
});
