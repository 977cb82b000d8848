// What Apache Flink 1.20 refuses to run, asked of the real Flink: the engine refuses the same window
// Top-N and deduplication shapes with Flink's message, and for the RANK/DENSE_RANK Top-N it runs as
// an extension, names the message Flink gives (what `headwater lint` warns with).
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  createEngine,
  flinkRejections,
  inferChangelogModes,
  planPhysical,
  planStatement,
} from "../../../src/engine/index.ts";
import { optimize } from "../../../src/engine/plan/rules/optimize.ts";
import { bindStatement } from "../../../src/sql/binder/bind-statement.ts";
import { parseScript } from "../../../src/sql/parser/index.ts";
import { type GatewayError, SqlGatewaySession } from "../../infra/flink-gateway.ts";
import { describeWithJava, requireFlink } from "../../infra/peers.ts";

const COLUMNS = "item STRING, price INT, ts TIMESTAMP(3), pt AS PROCTIME(), WATERMARK FOR ts AS ts";
const TVF = "TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '10' SECOND))";
const PROCTIME_TVF = "TABLE(TUMBLE(TABLE t, DESCRIPTOR(pt), INTERVAL '10' SECOND))";

const REFUSED: { query: string; message: string }[] = [
  {
    query: `SELECT * FROM (SELECT *, RANK() OVER (PARTITION BY window_start, window_end ORDER BY price DESC) AS r FROM ${TVF}) WHERE r <= 2`,
    message: "RANK() function is not supported on Window TopN currently, only ROW_NUMBER() is supported.",
  },
  {
    query: `SELECT * FROM (SELECT *, DENSE_RANK() OVER (PARTITION BY window_start, window_end ORDER BY price DESC) AS r FROM ${TVF}) WHERE r <= 2`,
    message:
      "DENSE_RANK() function is not supported on Window TopN currently, only ROW_NUMBER() is supported.",
  },
  {
    query: `SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY price DESC) AS r FROM ${PROCTIME_TVF}) WHERE r <= 2`,
    message: "Processing time Window TopN is not supported yet.",
  },
  {
    query: `SELECT item FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end, item ORDER BY pt DESC) AS r FROM ${PROCTIME_TVF}) WHERE r = 1`,
    message: "Processing time Window Deduplication is not supported yet.",
  },
  {
    query: `SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY ts) AS r FROM ${TVF}) WHERE r <= price`,
    message: "Rank strategy rankEnd=price is not supported on window rank currently.",
  },
];

const EXTENSIONS: { query: string; message: string }[] = [
  {
    query:
      "SELECT * FROM (SELECT *, RANK() OVER (PARTITION BY item ORDER BY price DESC) AS r FROM t) WHERE r <= 2",
    message: "RANK() on streaming table is not supported currently",
  },
  {
    query:
      "SELECT * FROM (SELECT *, DENSE_RANK() OVER (PARTITION BY item ORDER BY price DESC) AS r FROM t) WHERE r <= 2",
    message: "DENSE_RANK() on streaming table is not supported currently",
  },
];

async function engineWith(): Promise<ReturnType<typeof createEngine>> {
  const engine = createEngine({ clock: () => 0 });
  await engine.execute(`CREATE TABLE t (${COLUMNS}) WITH ('connector' = 'headwater')`);
  return engine;
}

describeWithJava("what Apache Flink 1.20 refuses, the engine refuses or flags in Flink's words", () => {
  let session: SqlGatewaySession;

  beforeAll(async () => {
    const flink = await requireFlink();
    session = await SqlGatewaySession.open(flink.gatewayUrl, { "parallelism.default": "1" });
    await session.execute(
      `CREATE TEMPORARY TABLE t (${COLUMNS}) WITH ('connector' = 'datagen', 'number-of-rows' = '3')`,
    );
  }, 900_000);

  afterAll(async () => {
    await session?.close().catch(() => undefined);
  });

  const flinkError = (query: string): Promise<string> =>
    session.execute(query, { timeoutMs: 60_000 }).then(
      () => "Flink ran it",
      (e: GatewayError) => (e.details ?? []).join("\n") || e.message,
    );

  for (const c of REFUSED)
    it(`refused by both: ${c.message}`, async () => {
      expect(await flinkError(c.query)).toContain(c.message);
      const engine = await engineWith();
      await expect(engine.execute(c.query)).rejects.toThrow(c.message);
    }, 120_000);

  for (const c of EXTENSIONS)
    it(`run by the engine, flagged with Flink's message: ${c.message}`, async () => {
      expect(await flinkError(c.query)).toContain(c.message);
      const engine = await engineWith();
      const statement = parseScript({ name: "test", text: c.query }).statements[0]!;
      const planned = planStatement(bindStatement(statement, engine.catalog).bound!, engine.catalog);
      if (planned.kind !== "query") throw new Error("not a query");
      expect(flinkRejections(inferChangelogModes(planPhysical(optimize(planned.plan))))).toEqual([c.message]);
      const result = await engine.execute(c.query);
      expect(result.kind).toBe("query");
    }, 120_000);
});
