import { describe, expect, it } from "vitest";
import {
  asc,
  bindQuery,
  column,
  computed,
  count,
  derivedRelation,
  desc,
  inSequence,
  type Query,
  sum,
} from "../../../src/serve/endpoints/index.ts";
import { t } from "../../../src/sql/types/constructors.ts";

interface Sale {
  readonly region: string | null;
  readonly id: string;
  readonly amount: bigint | null;
}

const SALES: Sale[] = [
  { region: "north", id: "a", amount: 150n },
  { region: "south", id: "b", amount: null },
  { region: null, id: "c", amount: 200n },
  { region: "north", id: "d", amount: 50n },
  { region: "south", id: "e", amount: 75n },
];
const sales = derivedRelation<Sale>(
  "sales",
  { region: t.string(), id: t.string(false), amount: t.decimal(10, 2) },
  ["id"],
  () => SALES,
);

/** Binds a query over the sales (typed here, so the query's columns are checked against Sale). */
const bind = (query: Query<Sale>, label?: string) => bindQuery(query, sales, label);

describe("queries as data", () => {
  it("orders put NULLs last either way and end with the key", () => {
    const byAmount = (direction: "asc" | "desc") =>
      bindQuery(
        {
          select: { id: column("id"), amount: column("amount") },
          orderBy: [{ output: "amount", direction }],
        },
        sales,
      )
        .run({})
        .map((r) => r[0]);
    expect(byAmount("asc")).toEqual(["d", "e", "a", "c", "b"]);
    expect(byAmount("desc")).toEqual(["c", "a", "e", "d", "b"]);
  });

  it("a fixed sequence orders groups, others after it; the NULL group is a group of its own", () => {
    const query: Query<Sale> = {
      groupBy: ["region"],
      select: { region: column("region"), sales: count(), amount: sum("amount") },
      orderBy: [inSequence("region", ["south"])],
    };
    expect(bind(query).run({})).toEqual([
      ["south", 2, 75n],
      ["north", 2, 200n],
      [null, 1, 200n],
    ]);
  });

  it("an empty GROUP BY is one row even over no records; a LIMIT cuts after ordering", () => {
    const none = derivedRelation<Sale>(
      "none",
      { region: t.string(), id: t.string(), amount: t.decimal(10, 2) },
      ["id"],
      () => [],
    );
    expect(bindQuery({ groupBy: [], select: { n: count(), s: sum("amount") } }, none).run({})).toEqual([
      [0, null],
    ]);
    const top = bind({ select: { id: column("id") }, orderBy: [desc("id")], limit: () => 2 });
    expect(top.run({})).toEqual([["e"], ["d"]]);
  });

  it("a query that does not fit its relation is refused when bound, naming what is wrong", () => {
    expect(() => bind({ groupBy: ["region"], select: { id: column("id") } }, "q")).toThrow(
      "q: id is neither grouped by nor aggregated",
    );
    expect(() => bind({ select: { n: count() } }, "q")).toThrow(
      "q: n aggregates in a query without GROUP BY",
    );
    expect(() => bind({ groupBy: ["region"], select: { x: computed(t.int(), () => 1) } }, "q")).toThrow(
      "q: x is computed per record in a grouped query",
    );
    expect(() => bind({ select: { id: column("id") }, orderBy: [asc("amount")] }, "q")).toThrow(
      "q: ORDER BY amount, which is not selected",
    );
    expect(() => bind({ groupBy: [], select: { s: sum("region") } }, "q")).toThrow(
      "cannot sum a VARCHAR column",
    );
  });
});
