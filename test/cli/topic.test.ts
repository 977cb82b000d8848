// headwater topic against the embedded store (and a real broker when Java is there): create, load a
// file, describe, consume; the SQL engine reads what the CLI produced.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { beforeAll, describe, expect, it } from "vitest";
import { describeWithJava, type KafkaPeer, requireKafka, uniqueName } from "../infra/peers.ts";
import { committedValues, startStallingWriter } from "../store/fixtures/stalling-writer-process.ts";
import { tempDir } from "../store/temp-dir.ts";

const main = join(import.meta.dirname, "..", "..", "src", "cli", "main.ts");
const run = (...args: string[]): string =>
  execFileSync(process.execPath, ["--no-warnings", main, ...args], { encoding: "utf8" });
const attempt = (...args: string[]) =>
  spawnSync(process.execPath, ["--no-warnings", main, ...args], { encoding: "utf8" });

/** `headwater topic tail …` in the background: the values it printed, its exit code, a way to stop it. */
function startTail(args: string[]) {
  const child = spawn(process.execPath, ["--no-warnings", main, "topic", "tail", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const waiting: (() => void)[] = [];
  child.stdout.on("data", (chunk: Buffer) => {
    out += chunk.toString("utf8");
    for (const wake of waiting.splice(0)) wake();
  });
  const values = () =>
    out
      .split("\n")
      .filter((line) => line !== "")
      .map((line) => line.split("\t").pop());
  const exit = new Promise<number | null>((resolve) => child.on("exit", resolve));
  return {
    pid: child.pid,
    exit,
    /** Resolves with the first `n` values once that many were printed. */
    async lines(n: number) {
      while (values().length < n) await new Promise<void>((resolve) => waiting.push(resolve));
      return values().slice(0, n);
    },
    stop: () => child.kill(),
  };
}

const CSV = 'id,customer,amount\n1,ann,10\n2,bob,"2,5"\n3,ann,7\n';

describe("headwater topic (embedded store)", () => {
  it("creates a topic, loads a CSV file keyed by a column, describes and consumes it", () => {
    const store = tempDir();
    const file = join(tempDir(), "orders.csv");
    fs.writeFileSync(file, CSV);
    expect(run("topic", "create", "orders", "--store", store, "--partitions", "3")).toContain(
      "created topic orders (3 partition(s))",
    );
    expect(
      run(
        "topic",
        "produce",
        "orders",
        "--store",
        store,
        "--file",
        file,
        "--header",
        "--key-field",
        "customer",
      ),
    ).toContain("produced 3 record(s) to orders");
    const described = JSON.parse(run("topic", "describe", "orders", "--store", store, "--json"));
    expect(described.partitions.reduce((n: number, p: { endOffset: number }) => n + p.endOffset, 0)).toBe(3);
    const records = run("topic", "consume", "orders", "--store", store, "--json")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(records.map((r) => [r.key, r.value]).sort()).toEqual([
      ["ann", "1,ann,10"],
      ["ann", "3,ann,7"],
      ["bob", '2,bob,"2,5"'],
    ]);
    // A key's records are in one partition, in file order.
    const ann = records.filter((r) => r.key === "ann");
    expect(new Set(ann.map((r) => r.partition)).size).toBe(1);
    expect(JSON.parse(run("topic", "list", "--store", store, "--json"))).toEqual(["orders"]);
  });

  it("is the store SQL tables read: a CSV topic queried with headwater sql --store", () => {
    const store = tempDir();
    const file = join(tempDir(), "orders.csv");
    fs.writeFileSync(file, '1,ann,10\n2,"bob, jr",2.5\n3,ann,7\n');
    run("topic", "create", "orders", "--store", store, "--partitions", "2");
    run("topic", "produce", "orders", "--store", store, "--file", file);
    const out = run(
      "sql",
      "--store",
      store,
      "--format",
      "csv",
      "-e",
      "CREATE TABLE orders (id INT, customer STRING, amount DECIMAL(5, 1)) WITH ('value.format' = 'csv'); SELECT customer, SUM(amount) AS total FROM orders GROUP BY customer",
    );
    expect(out.trim().split("\n").sort()).toEqual(['"bob, jr",2.5', "ann,17.0", "customer,total"]);
  });

  it("loads a Parquet file (format from its extension), each row a JSON value keyed by a column", async () => {
    const store = tempDir();
    const file = join(tempDir(), "orders.parquet");
    const duck = await (await DuckDBInstance.create(":memory:")).connect();
    await duck.run(
      `COPY (SELECT * FROM (VALUES (1, 'ann'), (2, 'bob')) t(id, customer)) TO '${file}' (FORMAT PARQUET)`,
    );
    duck.closeSync();
    run("topic", "create", "orders", "--store", store, "--partitions", "1");
    expect(
      run("topic", "produce", "orders", "--store", store, "--file", file, "--key-field", "customer"),
    ).toContain("produced 2 record(s) to orders");
    const records = run("topic", "consume", "orders", "--store", store, "--json")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(records.map((r) => [r.key, JSON.parse(r.value)])).toEqual([
      ["ann", { id: 1, customer: "ann" }],
      ["bob", { id: 2, customer: "bob" }],
    ]);
    const wrong = attempt("topic", "produce", "orders", "--store", store, "--file", file, "--format", "avro");
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain("--format must be one of csv, json, parquet, not 'avro'");
  });

  it("tails a store topic read-only: another process produces meanwhile, and the tail follows", async () => {
    const store = tempDir();
    run("topic", "create", "events", "--store", store, "--partitions", "1");
    run("topic", "produce", "events", "--store", store, "one", "two");
    const tail = startTail(["events", "--store", store, "--from", "earliest"]);
    try {
      expect(await tail.lines(2)).toEqual(["one", "two"]);
      run("topic", "produce", "events", "--store", store, "three");
      expect(await tail.lines(3)).toEqual(["one", "two", "three"]);
    } finally {
      tail.stop();
    }
  }, 120_000);

  it("lists, describes, consumes and tails a store another process owns and writes in transactions", async () => {
    const store = tempDir();
    const writer = startStallingWriter(store, 200, 10);
    try {
      await writer.printed("ready");
      // Tailing from the start while the owner commits: committed transactions only, in order.
      const tail = startTail(["events", "--store", store, "--from", "earliest", "--partition", "0"]);
      try {
        const committed = committedValues(200)[0]!;
        expect(await tail.lines(60)).toEqual(committed.slice(0, 60));
      } finally {
        tail.stop();
      }
      await writer.printed("stalled");
      // The last transaction is prepared and written, never committed: readers do not see it.
      expect(JSON.parse(run("topic", "list", "--store", store, "--json"))).toEqual(["events"]);
      const described = JSON.parse(run("topic", "describe", "events", "--store", store, "--json"));
      expect(described.partitions.map((p: { endOffset: number }) => p.endOffset)).toEqual(
        committedValues(200).map((values) => values.length),
      );
      const consumed = run("topic", "consume", "events", "--store", store, "--json")
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line));
      const byPartition = [0, 1, 2].map((p) =>
        consumed.filter((r) => r.partition === p).map((r) => r.value as string),
      );
      expect(byPartition).toEqual(committedValues(200));
      // Writing still needs the store's lock.
      const refused = attempt("topic", "produce", "events", "--store", store, "x");
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain(`is in use by process ${writer.child.pid}`);
    } finally {
      writer.child.kill("SIGKILL");
      await writer.exited;
    }
  }, 180_000);

  it("says what is wrong: a missing topic (exit 1), no --store/--bootstrap-servers (exit 2)", () => {
    const store = tempDir();
    const missing = attempt("topic", "consume", "nope", "--store", store);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain("topic 'nope' does not exist");
    const where = attempt("topic", "list");
    expect(where.status).toBe(2);
    expect(where.stderr).toContain("--store <dir> or --bootstrap-servers <hosts>");
    const bad = attempt("topic", "create", "t", "--store", store, "--partitions", "zero");
    expect(bad.status).toBe(2);
  });
});

describeWithJava("headwater topic (Kafka)", () => {
  let kafka: KafkaPeer;
  beforeAll(async () => {
    kafka = await requireKafka();
  }, 600_000);

  it("tails a Kafka topic: the records there, then each new one as it is produced", async () => {
    const topic = uniqueName("hw-cli-tail");
    run("topic", "create", topic, "--bootstrap-servers", kafka.bootstrap, "--partitions", "1");
    run("topic", "produce", topic, "--bootstrap-servers", kafka.bootstrap, "one", "two");
    const tail = startTail([
      topic,
      "--bootstrap-servers",
      kafka.bootstrap,
      "--from",
      "earliest",
      "--max",
      "3",
    ]);
    try {
      expect(await tail.lines(2)).toEqual(["one", "two"]);
      run("topic", "produce", topic, "--bootstrap-servers", kafka.bootstrap, "three");
      expect(await tail.exit).toBe(0);
      expect(await tail.lines(3)).toEqual(["one", "two", "three"]);
    } finally {
      tail.stop();
    }
  }, 120_000);

  it("creates, produces, describes and consumes a Kafka topic", () => {
    const topic = uniqueName("hw-cli");
    run("topic", "create", topic, "--bootstrap-servers", kafka.bootstrap, "--partitions", "2", "--compact");
    run("topic", "produce", topic, "--bootstrap-servers", kafka.bootstrap, "--key", "k", "v1", "v2");
    const described = JSON.parse(
      run("topic", "describe", topic, "--bootstrap-servers", kafka.bootstrap, "--json"),
    );
    expect(described.config["cleanup.policy"]).toBe("compact");
    expect(described.partitions).toHaveLength(2);
    const lines = run("topic", "consume", topic, "--bootstrap-servers", kafka.bootstrap).trim().split("\n");
    expect(lines.map((l) => l.split("\t").slice(1))).toEqual([
      ["k", "v1"],
      ["k", "v2"],
    ]);
  }, 60_000);
});
