import { describe, expect, it } from "vitest";
import type { SqlValue } from "../../../src/common/value.ts";
import { createEngine, type Engine, operatorStateSizes } from "../../../src/engine/index.ts";
import { encodeRow } from "../../../src/store/index.ts";

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
