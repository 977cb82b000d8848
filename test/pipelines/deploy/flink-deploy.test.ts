import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { Consumer, FetchIsolationLevels, stringDeserializers } from "@platformatic/kafka";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createEngine } from "../../../src/engine/index.ts";
import {
  collectStatus,
  createTarget,
  type DeployTarget,
  healthcheck,
  loadProject,
  type PlanSelector,
  type Project,
  runDeploy,
  runUndeploy,
} from "../../../src/pipelines/index.ts";
import { createTopics, produceStrings } from "../../infra/kafka-helpers.ts";
import {
  describeWithJava,
  type FlinkPeer,
  type KafkaPeer,
  requireFlink,
  requireKafka,
  uniqueName,
} from "../../infra/peers.ts";
import { rawOrders } from "./shop-fixture.ts";

/**
 * A three-table pipeline (Kafka source table → intermediate → upsert sink) deployed to a real Apache
 * Flink 1.20 cluster through its SQL Gateway, reading and writing the real Kafka broker. What Flink
 * writes to Kafka must equal what the embedded engine computes from the same statements and rows
 * (on in-memory tables: the engine does not read Kafka yet).
 */
const WAIT = { timeoutMs: 120_000, pollMs: 500 };
const PLAN = { mayStartDescendants: false, forceAncestors: false, crossProduct: false };
const PRODUCT: PlanSelector = { kind: "product", product: "hw" };

const COLUMNS = {
  src: "order_id INT NOT NULL,\n  customer STRING,\n  amount INT",
  int: "order_id INT NOT NULL,\n  customer STRING,\n  amount INT",
  fct: "customer STRING NOT NULL,\n  total INT,\n  orders BIGINT,\n  PRIMARY KEY (customer) NOT ENFORCED",
};
const DML = {
  int: "INSERT INTO int_hw_orders_clean\nSELECT order_id, UPPER(TRIM(customer)) AS customer, amount\nFROM src_hw_orders\nWHERE amount > 0;\n",
  fct: "INSERT INTO hw_fct_customer_totals\nSELECT customer, SUM(amount) AS total, COUNT(*) AS orders\nFROM int_hw_orders_clean\nGROUP BY customer;\n",
};

interface Topics {
  readonly src: string;
  readonly int: string;
  readonly fct: string;
}

/** The project's DDLs: Kafka tables for Flink, or (options = undefined) in-memory tables for the engine. */
function ddl(table: string, columns: string, options: Record<string, string> | undefined): string {
  const withClause = options
    ? ` WITH (\n${Object.entries(options)
        .map(([k, v]) => `  '${k}' = '${v}'`)
        .join(",\n")}\n)`
    : "";
  return `CREATE TABLE IF NOT EXISTS ${table} (\n  ${columns}\n)${withClause};\n`;
}

function kafkaOptions(kafka: KafkaPeer, topics: Topics) {
  const reader = (topic: string) => ({
    connector: "kafka",
    topic,
    "properties.bootstrap.servers": kafka.bootstrap,
    "properties.group.id": uniqueName("hw-deploy"),
    "scan.startup.mode": "earliest-offset",
    format: "json",
  });
  return {
    src: reader(topics.src),
    int: reader(topics.int),
    fct: {
      connector: "upsert-kafka",
      topic: topics.fct,
      "properties.bootstrap.servers": kafka.bootstrap,
      "key.format": "json",
      "value.format": "json",
    },
  };
}

function writeProject(
  dir: string,
  environment: string,
  flink: FlinkPeer,
  options: ReturnType<typeof kafkaOptions>,
): void {
  const file = (path: string, text: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  file(
    "headwater.yaml",
    `project:\n  name: hw\ndeploy:\n  environment: ${environment}\n  region: us-west-2\n  target: flink\nflink:\n  gateway_url: ${flink.gatewayUrl}\n  rest_url: ${flink.restUrl}\n`,
  );
  file(
    "pipelines/sources/hw/orders/sql-scripts/ddl.src_hw_orders.sql",
    ddl("src_hw_orders", COLUMNS.src, options.src),
  );
  file(
    "pipelines/intermediates/hw/orders_clean/sql-scripts/ddl.int_hw_orders_clean.sql",
    ddl("int_hw_orders_clean", COLUMNS.int, options.int),
  );
  file("pipelines/intermediates/hw/orders_clean/sql-scripts/dml.int_hw_orders_clean.sql", DML.int);
  file(
    "pipelines/facts/hw/customer_totals/sql-scripts/ddl.hw_fct_customer_totals.sql",
    ddl("hw_fct_customer_totals", COLUMNS.fct, options.fct),
  );
  file("pipelines/facts/hw/customer_totals/sql-scripts/dml.hw_fct_customer_totals.sql", DML.fct);
}

/** The same statements on the embedded engine over in-memory tables filled with the same rows. */
async function engineOutput(rows: readonly [number, string, number][]) {
  const engine = createEngine();
  await engine.executeScript(
    [
      ddl("src_hw_orders", COLUMNS.src, undefined),
      ddl("int_hw_orders_clean", COLUMNS.int, undefined),
      ddl("hw_fct_customer_totals", COLUMNS.fct, undefined),
      DML.int,
      DML.fct,
    ].join("\n"),
  );
  engine.insertRows(
    "src_hw_orders",
    rows.map((r) => [...r]),
  );
  engine.runUntilIdle();
  return {
    int: engine
      .table("int_hw_orders_clean")
      .rows()
      .map((r) => JSON.stringify(r))
      .sort(),
    fct: engine
      .table("hw_fct_customer_totals")
      .rows()
      .map((r) => JSON.stringify(r))
      .sort(),
  };
}

/**
 * Reads a topic from the beginning until `done(records)` holds or the time is up; returns what it read.
 * Values are JSON text, or null for a tombstone.
 */
async function readUntil(
  kafka: KafkaPeer,
  topic: string,
  done: (records: { key: string | null; value: string | null }[]) => boolean,
  timeoutMs: number,
): Promise<{ key: string | null; value: string | null }[]> {
  const consumer = new Consumer({
    clientId: "headwater-deploy-test",
    groupId: uniqueName("hw-deploy-read"),
    bootstrapBrokers: kafka.brokers,
    deserializers: stringDeserializers,
    isolationLevel: FetchIsolationLevels.READ_UNCOMMITTED,
    maxWaitTime: 200,
  });
  const got: { key: string | null; value: string | null }[] = [];
  try {
    const stream = await consumer.consume({ topics: [topic], mode: "earliest", autocommit: false });
    const timer = setTimeout(() => void stream.close(), timeoutMs);
    try {
      for await (const m of stream) {
        got.push({ key: m.key ?? null, value: m.value ?? null });
        if (done(got)) break;
      }
    } finally {
      clearTimeout(timer);
      await stream.close();
    }
  } finally {
    await consumer.close(true);
  }
  return got;
}

/** An upsert topic's table now: the last value per key, tombstones deleting. */
function upsertState(records: readonly { key: string | null; value: string | null }[]): string[] {
  const state = new Map<string, string>();
  for (const r of records) {
    if (r.key === null) continue;
    if (r.value === null) state.delete(r.key);
    else state.set(r.key, r.value);
  }
  return [...state.values()].map((v) => {
    const o = JSON.parse(v) as { customer: string; total: number; orders: number };
    return JSON.stringify([o.customer, o.total, o.orders]);
  });
}

function appendRows(records: readonly { value: string | null }[]): string[] {
  return records.map((r) => {
    const o = JSON.parse(r.value ?? "null") as { order_id: number; customer: string; amount: number };
    return JSON.stringify([o.order_id, o.customer, o.amount]);
  });
}

describeWithJava("deploy to Apache Flink through the SQL Gateway (real Flink 1.20 and Kafka)", () => {
  let kafka: KafkaPeer;
  let flink: FlinkPeer;
  const environments: string[] = [];
  const targets: DeployTarget[] = [];

  beforeAll(async () => {
    kafka = await requireKafka();
    flink = await requireFlink();
  }, 900_000);

  afterAll(async () => {
    for (const t of targets) await t.close();
    // cancel only the jobs this suite started (the cluster is shared)
    const overview = (await (await fetch(`${flink.restUrl}/jobs/overview`)).json()) as {
      jobs: { jid: string; name: string; state: string }[];
    };
    for (const job of overview.jobs)
      if (environments.some((e) => job.name.startsWith(`${e}-`)) && job.state === "RUNNING")
        await fetch(`${flink.restUrl}/jobs/${job.jid}?mode=cancel`, { method: "PATCH" });
  });

  function project(topics: Topics, edit?: (options: ReturnType<typeof kafkaOptions>) => void): Project {
    const environment = `t${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
    environments.push(environment);
    const dir = join(mkdtempSync(join(tmpdir(), "hw-flink-deploy-")), "hw");
    const options = kafkaOptions(kafka, topics);
    edit?.(options);
    writeProject(dir, environment, flink, options);
    const loaded = loadProject(dir);
    expect(loaded.findings.filter((f) => f.severity === "error")).toEqual([]);
    return loaded;
  }

  function flinkTarget(p: Project): DeployTarget {
    const target = createTarget(p.config);
    if ("problems" in target) throw new Error(target.problems.join("\n"));
    targets.push(target);
    return target;
  }

  it("deploys source → intermediate → sink; Flink's Kafka output equals the embedded engine's", async () => {
    const topics = {
      src: uniqueName("hw-dep-src"),
      int: uniqueName("hw-dep-int"),
      fct: uniqueName("hw-dep-fct"),
    };
    await createTopics(kafka, [topics.src, topics.int, topics.fct]);
    const rows = rawOrders(120);
    await produceStrings(
      kafka,
      rows.map(([order_id, customer, amount]) => ({
        topic: topics.src,
        key: String(order_id),
        value: JSON.stringify({ order_id, customer, amount }),
      })),
    );
    const expected = await engineOutput(rows);
    expect(expected.int.length).toBeGreaterThan(10);
    expect(expected.fct.length).toBeGreaterThan(2);

    const p = project(topics);
    const target = flinkTarget(p);
    const env = p.config.values["deploy.environment"];
    const report = await runDeploy(p, PRODUCT, target, { ...WAIT, parallel: false, plan: PLAN });
    if ("error" in report) throw new Error(report.error);
    expect(report.outcomes.map((o) => `${o.table}:${o.result}`)).toEqual([
      "src_hw_orders:unchanged",
      "int_hw_orders_clean:deployed",
      "hw_fct_customer_totals:deployed",
    ]);
    expect(report.ok).toBe(true);
    expect(report.declared.map((d) => `${d.name}:${d.phase}`)).toEqual([
      `${env}-usw2-hw-ddl-src-hw-orders:COMPLETED`,
    ]);

    const mid = await readUntil(kafka, topics.int, (r) => r.length >= expected.int.length, 90_000);
    expect(appendRows(mid).sort()).toEqual(expected.int);
    const out = await readUntil(
      kafka,
      topics.fct,
      (r) => JSON.stringify(upsertState(r).sort()) === JSON.stringify(expected.fct),
      90_000,
    );
    expect(upsertState(out).sort()).toEqual(expected.fct);

    // status: both jobs run, named after their statements; metrics catch up within Flink's fetch interval
    const positive = rows.filter((r) => r[2] > 0).length;
    let status = await collectStatus(p, PRODUCT, target);
    for (let i = 0; i < 40; i++) {
      if ("error" in status) break;
      const clean = status.tables.find((t) => t.table === "int_hw_orders_clean")?.dml?.status;
      if (clean?.recordsIn === rows.length && clean.recordsOut === positive) break;
      await new Promise((r) => setTimeout(r, 1000));
      status = await collectStatus(p, PRODUCT, target);
    }
    if ("error" in status) throw new Error(status.error);
    const byTable = new Map(status.tables.map((t) => [t.table, t]));
    expect(byTable.get("int_hw_orders_clean")!.dml!.status).toMatchObject({
      name: `${env}-usw2-hw-dml-int-hw-orders-clean`,
      phase: "RUNNING",
      recordsIn: rows.length,
      recordsOut: positive,
    });
    expect(byTable.get("hw_fct_customer_totals")!.dml!.status!.phase).toBe("RUNNING");
    const health = await healthcheck(p, target);
    if ("error" in health) throw new Error(health.error);
    expect(health.products.map((h) => `${h.product}:${h.healthy}:${h.counts.RUNNING}`)).toEqual([
      "hw:true:2",
    ]);

    const undeploy = await runUndeploy(p, PRODUCT, target, WAIT);
    if ("error" in undeploy) throw new Error(undeploy.error);
    expect(undeploy.outcomes.map((o) => `${o.table}:${o.result}`)).toEqual([
      "hw_fct_customer_totals:undeployed",
      "int_hw_orders_clean:undeployed",
    ]);
    const after = await collectStatus(p, PRODUCT, target);
    if ("error" in after) throw new Error(after.error);
    expect(after.tables.flatMap((t) => (t.dml?.status ? [t.dml.status.phase] : []))).toEqual([
      "STOPPED",
      "STOPPED",
    ]);
  }, 400_000);

  it("reports the gateway's error for a statement that fails in the middle, and skips the rest", async () => {
    const topics = {
      src: uniqueName("hw-bad-src"),
      int: uniqueName("hw-bad-int"),
      fct: uniqueName("hw-bad-fct"),
    };
    const p = project(topics, (options) => {
      options.int.connector = "no-such-connector";
    });
    const report = await runDeploy(p, PRODUCT, flinkTarget(p), { ...WAIT, parallel: true, plan: PLAN });
    if ("error" in report) throw new Error(report.error);
    expect(report.ok).toBe(false);
    expect(report.outcomes.map((o) => `${o.table}:${o.result}`)).toEqual([
      "src_hw_orders:unchanged",
      "int_hw_orders_clean:failed",
      "hw_fct_customer_totals:skipped",
    ]);
    const failed = report.outcomes[1]!;
    if (failed.result !== "failed") throw new Error("expected a failure");
    expect(failed.statement).toMatch(/-usw2-hw-dml-int-hw-orders-clean$/);
    expect(failed.error).toContain("Could not find any factory for identifier 'no-such-connector'");
  }, 300_000);
});
