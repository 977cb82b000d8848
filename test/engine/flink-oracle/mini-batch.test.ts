// Mini-batch aggregation against a real Apache Flink 1.20 with the same options on. Bundle boundaries
// differ (Flink's follow its processing-time latency and the end of input, Headwater's its steps), so
// the changelogs are compared where they are deterministic: the final table, and Flink's plan having
// the MiniBatchAssigner line and one-phase GroupAggregate that Headwater's EXPLAIN prints.
import { afterAll, beforeAll, expect, it } from "vitest";
import { createEngine } from "../../../src/engine/index.ts";
import { SqlGatewaySession } from "../../infra/flink-gateway.ts";
import { describeWithJava, requireFlink } from "../../infra/peers.ts";
import { flinkChangelog, headwaterChangelog, type Scenario } from "./changelog-oracle.ts";

const MINI_BATCH: Record<string, string> = {
  "table.exec.mini-batch.enabled": "true",
  "table.exec.mini-batch.allow-latency": "1 s",
  "table.exec.mini-batch.size": "4",
};
const SET = Object.entries(MINI_BATCH)
  .map(([key, value]) => `SET '${key}' = '${value}';`)
  .join("\n");

const ROWS = [
  ["a", "1"],
  ["b", "2"],
  ["a", "3"],
  ["c", "3"],
  ["a", "1"],
  ["b", "5"],
  ["c", "4"],
  ["a", "2"],
  ["d", "1"],
  ["b", "2"],
] as const;

const QUERIES = [
  "SELECT k, COUNT(*) AS n, SUM(v) AS s, MIN(v) AS lo, MAX(v) AS hi FROM t GROUP BY k",
  "SELECT k, COUNT(DISTINCT v) AS d FROM t GROUP BY k",
  "SELECT n, COUNT(*) AS c FROM (SELECT k, COUNT(*) AS n FROM t GROUP BY k) GROUP BY n",
  "SELECT m, COUNT(*) AS c, MAX(k) AS last_k FROM (SELECT k, MAX(v) AS m FROM t GROUP BY k) GROUP BY m",
];

/** The table a changelog ends with, rows sorted. */
function finalTable(changelog: readonly string[]): string[] {
  const rows: string[] = [];
  for (const line of changelog) {
    const row = line.slice(3);
    if (line.startsWith("+")) rows.push(row);
    else rows.splice(rows.indexOf(row), 1);
  }
  return rows.sort();
}

describeWithJava("mini-batch aggregation ends in Apache Flink's results", () => {
  let session: SqlGatewaySession;

  beforeAll(async () => {
    const flink = await requireFlink();
    session = await SqlGatewaySession.open(flink.gatewayUrl, {
      "parallelism.default": "1",
      "pipeline.auto-watermark-interval": "0 ms",
      // One-phase aggregation: Headwater does not split GROUP BY into local and global aggregates.
      "table.optimizer.agg-phase-strategy": "ONE_PHASE",
      ...MINI_BATCH,
    });
  }, 900_000);

  afterAll(async () => {
    await session?.close().catch(() => undefined);
  });

  for (const query of QUERIES)
    it(query, async () => {
      const scenario: Scenario = { name: query, columns: "k STRING, v INT", rows: ROWS, query };
      const theirs = await flinkChangelog(session, scenario);
      const ours = await headwaterChangelog({ ...scenario, query: `${SET}\n${query}` });
      expect(finalTable(ours)).toEqual(finalTable(theirs));
      expect(finalTable(ours).length).toBeGreaterThan(0);
    }, 180_000);

  it("Flink's plan has the assigner and the one-phase aggregate Headwater's EXPLAIN prints", async () => {
    await session.execute(
      "CREATE TEMPORARY TABLE mb_plan (k STRING, v INT) WITH ('connector' = 'datagen', 'number-of-rows' = '1')",
    );
    const explained = await session.execute("EXPLAIN SELECT k, COUNT(*) AS n FROM mb_plan GROUP BY k");
    const flinkPlan = explained.rows.map((r) => String(r.fields[0])).join("\n");
    const engine = createEngine();
    await engine.execute("CREATE TABLE mb_plan (k STRING, v INT)");
    const ours = await engine.execute(`${SET}\nEXPLAIN SELECT k, COUNT(*) AS n FROM mb_plan GROUP BY k`);
    const ourPlan = ours.kind === "explain" ? ours.plan : "";
    for (const line of [
      "MiniBatchAssigner(interval=[1000ms], mode=[ProcTime])",
      "GroupAggregate(groupBy=[k], select=[k, COUNT(*) AS n])",
    ]) {
      expect(flinkPlan).toContain(line);
      expect(ourPlan).toContain(line.slice(0, -1));
    }
    expect(flinkPlan).not.toContain("LocalGroupAggregate");
  }, 180_000);
});
