import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import {
  type Amount,
  divideAmounts,
  divideRounded,
  roundDouble,
} from "../../../src/serve/endpoints/exact.ts";
import { random } from "../../infra/seeded-random.ts";

const exact = (unscaled: bigint, scale: number): Amount => ({ kind: "exact", unscaled, scale });
const text = (amount: Amount | null): string | null => {
  if (amount === null || amount.kind === "double") return amount === null ? null : String(amount.value);
  const sign = amount.unscaled < 0n ? "-" : "";
  const digits = (amount.unscaled < 0n ? -amount.unscaled : amount.unscaled)
    .toString()
    .padStart(amount.scale + 1, "0");
  return amount.scale === 0
    ? `${sign}${digits}`
    : `${sign}${digits.slice(0, -amount.scale)}.${digits.slice(-amount.scale)}`;
};

describe("exact ratios round once, halves away from zero", () => {
  it("whole-number division", () => {
    expect([7n, -7n, 5n, -5n, 4n].map((n) => divideRounded(n, 2n))).toEqual([4n, -4n, 3n, -3n, 2n]);
    expect(divideRounded(7n, -2n)).toBe(-4n);
    expect(divideRounded(1n, 3n)).toBe(0n);
    expect(divideRounded(2n, 3n)).toBe(1n);
  });

  it("an average of cents that ends in half a cent goes up, where a double would go down", () => {
    // (1.01 + 1.00) / 2 = 1.005; as a double 1.005 is 1.00499999999999989…, which ROUND(…, 2) takes to 1.00.
    expect(text(divideAmounts(exact(201n, 2), exact(2n, 0), 2))).toBe("1.01");
    expect(text(divideAmounts(exact(-201n, 2), exact(2n, 0), 2))).toBe("-1.01");
    expect(roundDouble(2.01 / 2, 2)).toBe(1);
  });

  it("scales of both sides, a factor, and a zero denominator", () => {
    expect(text(divideAmounts(exact(2n, 0), exact(3n, 0), 2))).toBe("0.67");
    expect(text(divideAmounts(exact(1n, 0), exact(8n, 0), 1, 100))).toBe("12.5");
    expect(text(divideAmounts(exact(12345n, 2), exact(300n, 2), 0))).toBe("41");
    expect(divideAmounts(exact(1n, 0), exact(0n, 2), 2)).toBeNull();
    expect(divideAmounts({ kind: "double", value: 1 }, exact(0n, 0), 2)).toBeNull();
  });

  it("doubles round as DuckDB's ROUND does", async () => {
    const rand = random(5);
    const values = Array.from({ length: 2000 }, (_, i) => {
      const whole = Math.floor(rand() * 100_000) / 1000; // many exact halves at two digits
      return i % 3 === 0 ? -whole : i % 3 === 1 ? whole : (rand() - 0.5) * 1e6;
    });
    const connection = await (await DuckDBInstance.create(":memory:")).connect();
    try {
      const reader = await connection.runAndReadAll(
        `SELECT ROUND(v, 2) AS r2, ROUND(v, 1) AS r1 FROM (SELECT UNNEST([${values.map((v) => v.toString()).join(", ")}]::DOUBLE[]) AS v, generate_subscripts([${values.map(() => 0).join(",")}], 1) AS i) ORDER BY i`,
      );
      const expected = reader.getRows();
      values.forEach((v, i) => {
        expect([roundDouble(v, 2), roundDouble(v, 1)], String(v)).toEqual(expected[i]);
      });
    } finally {
      connection.closeSync();
    }
  });
});
