import { describe, expect, it } from "vitest";
import type { SqlValue } from "../../../src/common/value.ts";
import {
  type AggregateFunctionDefinition,
  createEngine,
  type ScalarFunctionDefinition,
  SqlError,
  type TableFunctionDefinition,
} from "../../../src/engine/index.ts";

async function rows(engine: ReturnType<typeof createEngine>, sql: string): Promise<SqlValue[][]> {
  const result = await engine.execute(sql);
  if (result.kind !== "query") throw new Error("not a query");
  if (result.error) throw result.error;
  return result.table();
}

const MS_PER_DAY = 86_400_000;

/** DATE in, TIMESTAMP out: days since the epoch and epoch milliseconds. */
const noonOf: ScalarFunctionDefinition = {
  kind: "scalar",
  params: ["DATE"],
  result: "TIMESTAMP(3)",
  eval: (day) => (typeof day === "number" ? day * MS_PER_DAY + MS_PER_DAY / 2 : null),
};

describe("engine.registerFunction", () => {
  it("registers scalar, table and aggregate functions called by their simple names", async () => {
    const engine = createEngine({ clock: () => 0 });
    engine.registerFunction("noon_of", noonOf);
    const pairs: TableFunctionDefinition = {
      kind: "table",
      params: ["ARRAY<INT>"],
      result: "ROW<a INT, b INT>",
      *eval(values) {
        const list = (values ?? []) as number[];
        for (let i = 0; i + 1 < list.length; i += 2) yield [list[i]!, list[i + 1]!];
      },
    };
    engine.registerFunction("pairs", pairs);
    const product: AggregateFunctionDefinition = {
      kind: "aggregate",
      params: ["DECIMAL(10, 2)"],
      result: "DECIMAL(38, 4)",
      createAccumulator: () => 10000n,
      // DECIMAL(10, 2) arrives unscaled (× 100); the DECIMAL(38, 4) accumulator is × 10^4.
      accumulate: (acc, v) => (typeof v === "bigint" ? ((acc as bigint) * v) / 100n : acc),
      getValue: (acc) => acc,
    };
    engine.registerFunction("product", product);

    expect(await rows(engine, "SELECT noon_of(DATE '2024-03-01')")).toEqual([[Date.UTC(2024, 2, 1, 12)]]);
    expect(
      await rows(engine, "SELECT a, b FROM (VALUES (1)) AS t(x), LATERAL TABLE(pairs(ARRAY[1, 2, 3, 4]))"),
    ).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(await rows(engine, "SELECT product(p) FROM (VALUES (1.50), (2.00), (0.25)) AS t(p)")).toEqual([
      [7500n],
    ]);
  });

  it("a qualified name registers a temporary catalog function", async () => {
    const engine = createEngine({ clock: () => 0 });
    engine.registerFunction("default_database.noon", noonOf);
    expect(await rows(engine, "SELECT default_catalog.default_database.noon(DATE '1970-01-02')")).toEqual([
      [MS_PER_DAY * 1.5],
    ]);
  });

  it("refuses a malformed definition or a name already taken, saying why", () => {
    const engine = createEngine();
    expect(() =>
      engine.registerFunction("f", { kind: "scalar" } as unknown as ScalarFunctionDefinition),
    ).toThrow(new SqlError("function 'f' (a scalar function) has no eval() method"));
    expect(() => engine.registerFunction("f", { ...noonOf, params: ["NOT A TYPE"] })).toThrow(
      "function 'f': parameter 1 'NOT A TYPE' is not a Flink SQL type",
    );
    expect(() =>
      engine.registerFunction("f", { ...noonOf, kind: "window" } as unknown as ScalarFunctionDefinition),
    ).toThrow(`function 'f' has kind "window"; expected 'scalar', 'table' or 'aggregate'`);
    engine.registerFunction("f", noonOf);
    expect(() => engine.registerFunction("F", noonOf)).toThrow("function 'F' is already registered");
  });

  it("folds a deterministic function of constants at plan time, as Flink reduces expressions", async () => {
    const engine = createEngine({ clock: () => 0 });
    let calls = 0;
    const counted = (deterministic: boolean): ScalarFunctionDefinition => ({
      kind: "scalar",
      params: ["INT"],
      result: "INT",
      deterministic,
      eval: (x) => {
        calls++;
        return x;
      },
    });
    engine.registerFunction("same", counted(true));
    engine.registerFunction("fresh", counted(false));
    const plan = await engine.execute(
      "EXPLAIN SELECT same(1) AS a, fresh(1) AS b FROM (VALUES (1), (2)) AS t(x)",
    );
    expect(plan.kind === "explain" && plan.plan).toContain("select=[1 AS a, fresh(1) AS b]");
    calls = 0;
    expect(await rows(engine, "SELECT same(1) AS a, fresh(1) AS b FROM (VALUES (1), (2)) AS t(x)")).toEqual([
      [1, 1],
      [1, 1],
    ]);
    expect(calls).toBe(3); // once when planning `same`, once per row for `fresh`
  });

  it("a failing aggregate stops its statement only, naming the function and the method", async () => {
    const engine = createEngine({ clock: () => 0 });
    const failing: AggregateFunctionDefinition = {
      kind: "aggregate",
      params: ["INT"],
      result: "INT",
      createAccumulator: () => 0,
      accumulate: (acc, v) => {
        if (v === 3) throw new Error("three is not allowed");
        return (acc as number) + (v as number);
      },
      getValue: (acc) => acc,
    };
    engine.registerFunction("picky_sum", failing);
    const failed = await engine.execute("SELECT picky_sum(v) FROM (VALUES (1), (3)) AS t(v)");
    expect(failed.kind === "query" && failed.error?.message).toMatch(
      /GroupAggregate\(select=\[picky_sum\(v\) AS EXPR\$0\]\) failed on row \+I\[3\]: user function picky_sum failed in accumulate\(\): three is not allowed/,
    );
    expect(await rows(engine, "SELECT picky_sum(v) FROM (VALUES (1), (2)) AS t(v)")).toEqual([[3]]);
  });
});
