// Idle state retention ('table.exec.state.ttl' / 'sql.state-ttl') with Flink's semantics: a key's
// state expires that long after its last write, on the engine's processing-time clock; expired state
// is never read again, and a key that comes back starts afresh.
import { describe, expect, it } from "vitest";
import { createEngine, type Engine, type QueryResult } from "../../../src/engine/index.ts";
import { createAggregate } from "../../../src/engine/runtime/aggregates/index.ts";
import { GroupAggregateOperator } from "../../../src/engine/runtime/operators/group-aggregate.ts";
import { decodeRow, encodeRow } from "../../../src/store/index.ts";
import { type Emitted, recordInto } from "./recording-collector.ts";

const T0 = Date.UTC(2026, 0, 1);
const BIGINT = { kind: "BIGINT", nullable: false } as const;
const SECOND = 1000;

/** An engine whose clock the test moves; statements see the state TTL set here. */
async function engineWithTtl(ttl: string, setting = "table.exec.state.ttl") {
  const time = { now: T0 };
  const engine = createEngine({ clock: () => time.now });
  await engine.execute(`SET '${setting}' = '${ttl}'`);
  return { engine, time };
}

async function query(engine: Engine, sql: string): Promise<QueryResult> {
  const result = await engine.execute(sql);
  if (result.kind !== "query") throw new Error("expected a query");
  return result;
}

const changes = (result: QueryResult) => result.changelog().map((c) => `${c.kind}${JSON.stringify(c.row)}`);

describe("state TTL", () => {
  it("forgets a group not written for the TTL: its next row is +I again (GroupAggregate)", async () => {
    const { engine, time } = await engineWithTtl("10 s");
    await engine.execute("CREATE TABLE t (k STRING, v INT)");
    const counts = await query(engine, "SELECT k, COUNT(*) AS n, SUM(v) AS s FROM t GROUP BY k");
    await engine.execute("INSERT INTO t VALUES ('a', 1), ('b', 1)");
    time.now = T0 + 9 * SECOND;
    await engine.execute("INSERT INTO t VALUES ('a', 2)");
    time.now = T0 + 18 * SECOND; // a: 9 s since its last write; b: 18 s, expired
    await engine.execute("INSERT INTO t VALUES ('a', 3), ('b', 5)");
    expect(changes(counts)).toEqual([
      '+I["a",1,1]',
      '+I["b",1,1]',
      '-U["a",1,1]',
      '+U["a",2,3]',
      '-U["a",2,3]',
      '+U["a",3,6]',
      '+I["b",1,5]',
    ]);
  });

  it("emits an update that changes nothing while TTL is on, as Flink does to keep downstream state alive", async () => {
    const { engine } = await engineWithTtl("1 h", "sql.state-ttl");
    await engine.execute("CREATE TABLE t (k STRING, v INT)");
    const max = await query(engine, "SELECT k, MAX(v) AS m FROM t GROUP BY k");
    await engine.execute("INSERT INTO t VALUES ('a', 5), ('a', 3)");
    expect(changes(max)).toEqual(['+I["a",5]', '-U["a",5]', '+U["a",5]']);

    const plain = createEngine({ clock: () => T0 });
    await plain.execute("CREATE TABLE t (k STRING, v INT)");
    const untouched = await query(plain, "SELECT k, MAX(v) AS m FROM t GROUP BY k");
    await plain.execute("INSERT INTO t VALUES ('a', 5), ('a', 3)");
    expect(changes(untouched)).toEqual(['+I["a",5]']);
  });

  it("ignores a retraction for an expired group", async () => {
    const { engine, time } = await engineWithTtl("10 s");
    await engine.execute(
      "CREATE TABLE t (k STRING, v INT, PRIMARY KEY (k) NOT ENFORCED); CREATE TABLE totals (v INT, n BIGINT)",
    );
    const byValue = await query(engine, "SELECT v, COUNT(*) AS n FROM t GROUP BY v");
    await engine.execute("INSERT INTO t VALUES ('a', 1)");
    time.now = T0 + 20 * SECOND;
    await engine.execute("INSERT INTO t VALUES ('a', 2)"); // -U[a, 1] finds group 1 expired
    expect(changes(byValue)).toEqual(["+I[1,1]", "+I[2,1]"]);
  });

  it("forgets a deduplicated key: after the TTL its next row is a first row again", async () => {
    const { engine, time } = await engineWithTtl("10 s");
    await engine.execute("CREATE TABLE t (k STRING, v INT, pt AS PROCTIME())");
    const firsts = await query(
      engine,
      "SELECT k, v FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY k ORDER BY pt) AS rn FROM t) WHERE rn = 1",
    );
    await engine.execute("INSERT INTO t VALUES ('a', 1)");
    time.now = T0 + 5 * SECOND;
    await engine.execute("INSERT INTO t VALUES ('a', 2)");
    time.now = T0 + 11 * SECOND; // keep-first writes its state once: 11 s since then
    await engine.execute("INSERT INTO t VALUES ('a', 3)");
    expect(changes(firsts)).toEqual(['+I["a",1]', '+I["a",3]']);
  });

  it("expires each stored row of a join on its own, after its last write", async () => {
    const { engine, time } = await engineWithTtl("10 s");
    await engine.execute("CREATE TABLE l (k STRING, x INT); CREATE TABLE r (k STRING, y INT)");
    const joined = await query(engine, "SELECT l.k, x, y FROM l JOIN r ON l.k = r.k");
    await engine.execute("INSERT INTO l VALUES ('a', 1)");
    time.now = T0 + 8 * SECOND;
    await engine.execute("INSERT INTO l VALUES ('a', 2)");
    time.now = T0 + 12 * SECOND; // x=1 expired (12 s), x=2 alive (4 s)
    await engine.execute("INSERT INTO r VALUES ('a', 10)");
    time.now = T0 + 30 * SECOND; // everything expired, r's row too
    await engine.execute("INSERT INTO l VALUES ('a', 3)");
    expect(changes(joined)).toEqual(['+I["a",2,10]']);
  });

  it("forgets a Top-N partition not written for the TTL", async () => {
    const { engine, time } = await engineWithTtl("10 s");
    await engine.execute("CREATE TABLE t (k STRING, v INT)");
    const top = await query(
      engine,
      "SELECT k, v FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY k ORDER BY v DESC) AS rn FROM t) WHERE rn = 1",
    );
    await engine.execute("INSERT INTO t VALUES ('a', 9)");
    time.now = T0 + 11 * SECOND;
    await engine.execute("INSERT INTO t VALUES ('a', 4)");
    expect(changes(top)).toEqual(['+I["a",9]', '+I["a",4]']);
  });

  it("keeps each key's age across a checkpoint: restored state expires when the original would", () => {
    const build = (out: Emitted[]) =>
      new GroupAggregateOperator(
        {
          description: "GroupAggregate(groupBy=[k], select=[k, COUNT(*) AS n])",
          keys: [0],
          calls: [
            {
              fn: createAggregate({
                name: "COUNT",
                argTypes: [],
                resultType: BIGINT,
                distinct: false,
                ignoreNulls: false,
              }),
              args: [],
            },
          ],
          generateUpdateBefore: true,
          stateTtl: 10 * SECOND,
        },
        recordInto(out),
      );
    const before: Emitted[] = [];
    const first = build(before);
    first.onProcessingTime!(T0);
    first.process("+I", ["a"]);
    const restored: Emitted[] = [];
    const second = build(restored);
    second.restore(decodeRow(encodeRow([first.snapshot()]))[0]!);
    second.onProcessingTime!(T0 + 10 * SECOND);
    second.process("+I", ["a"]);
    expect(restored).toEqual([["+I", ["a", 1]]]);
  });
});
