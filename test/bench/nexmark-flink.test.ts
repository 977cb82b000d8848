// The benchmark's Flink side against the real Flink 1.20 test cluster (scripts/flink.sh): a timed
// blackhole run, a final result read back from debezium-json files equal to DuckDB's, and a query
// Flink's planner refuses reported as such.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { encodeRow, readResultFile } from "../../bench/lib/result-rows.ts";
import { writeNexmarkData } from "../../bench/nexmark/data.ts";
import { runNexmarkOracle } from "../../bench/nexmark/duckdb/run.ts";
import { runningFlinkCluster } from "../../bench/nexmark/flink/cluster.ts";
import {
  type FlinkRunOptions,
  runFlinkResult,
  runFlinkThroughput,
} from "../../bench/nexmark/flink/run-query.ts";
import { loadNexmarkQuery } from "../../bench/nexmark/queries.ts";
import { describeWithJava, requireFlink } from "../infra/peers.ts";

const EVENTS = 2_000;

describeWithJava("the Nexmark benchmark on real Flink through the SQL Gateway", () => {
  let dir: string;
  let options: FlinkRunOptions;

  beforeAll(async () => {
    await requireFlink();
    dir = mkdtempSync(join(tmpdir(), "bench-flink-"));
    writeNexmarkData(join(dir, "data"), EVENTS);
    // {}: the default test cluster's ports, the one requireFlink started.
    const cluster = { ...(await runningFlinkCluster({})), startupSeconds: undefined };
    options = { cluster, dataDir: join(dir, "data"), events: EVENTS, parallelism: 1, timeoutMs: 120_000 };
  }, 900_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("times q15 into a blackhole and reads its final result, equal to DuckDB's, from the changelog files", async () => {
    const q15 = loadNexmarkQuery("q15", join(dir, "data"));
    const outcome = await runFlinkThroughput(options, q15);
    if (outcome.status !== "ok") throw new Error(`expected a measurement: ${JSON.stringify(outcome)}`);
    expect(outcome.throughput.events).toBe(EVENTS);
    expect(outcome.throughput.seconds).toBeGreaterThan(0);
    expect(outcome.throughput.peakRssBytes).toBeGreaterThan(100 * 2 ** 20);

    // q15 updates its per-day rows with every bid: the files hold -U/+U pairs that must fold away.
    const result = await runFlinkResult(options, q15, join(dir, "q15-out"), join(dir, "q15.rows"));
    expect(result).toEqual({ rows: 1 });
    const oracle = (await runNexmarkOracle("q15", join(dir, "data"))).map(encodeRow);
    expect(readResultFile(join(dir, "q15.rows"))).toEqual(oracle);
  }, 300_000);

  it("reports a query Flink's planner refuses (q6) as rejected, with Flink's reason", async () => {
    const outcome = await runFlinkThroughput(options, loadNexmarkQuery("q6", join(dir, "data")));
    expect(outcome).toMatchObject({
      status: "rejected",
      reason: expect.stringMatching(
        /^TableException: StreamPhysicalOverAggregate doesn't support consuming update/,
      ),
    });
  }, 300_000);
});
