import { describe, expect, it } from "vitest";
import {
  MALFORMED_KINDS,
  RETAIL_DATA_SET_NAMES,
  type RetailEvent,
} from "../../../src/connectors/retail/index.ts";
import { collect } from "./support.ts";

const run = collect({ customers: 20_000, seed: 21 });
const report = run.generation.report;

function sameAsPrevious(e: RetailEvent, i: number): boolean {
  const p = run.events[i - 1];
  return (
    p !== undefined &&
    p.dataSet === e.dataSet &&
    p.eventTime === e.eventTime &&
    p.row.join("|") === e.row.join("|")
  );
}

describe("retail dirt", () => {
  it("counts every emitted row", () => {
    for (const name of RETAIL_DATA_SET_NAMES) {
      expect(run.events.filter((e) => e.dataSet === name).length, name).toBe(report.rows[name]);
    }
  });

  it("emits exactly the reported duplicates, right after their original", () => {
    for (const name of RETAIL_DATA_SET_NAMES) {
      const copies = run.events.filter((e, i) => e.dataSet === name && sameAsPrevious(e, i)).length;
      expect(copies, name).toBe(report.duplicates[name]);
    }
    const total = Object.values(report.duplicates).reduce((a, b) => a + b, 0);
    const rows = Object.values(report.rows).reduce((a, b) => a + b, 0);
    expect(total / rows).toBeGreaterThan(0.007);
    expect(total / rows).toBeLessThan(0.013);
  });

  it("sends late updates: later records for known customers with changed fields", () => {
    const customers = run.events.filter((e, i) => e.dataSet === "customers" && !sameAsPrevious(e, i));
    const first = new Map<unknown, RetailEvent>();
    let updates = 0;
    for (const e of customers) {
      const original = first.get(e.row[0]);
      if (!original) {
        first.set(e.row[0], e);
        continue;
      }
      updates++;
      expect(e.eventTime).toBeGreaterThan(original.eventTime);
      expect(e.row[7]).toBe(original.row[7]);
    }
    expect(updates).toBe(report.lateUpdates.customers);
    expect(updates).toBe(Math.round(20_000 * 0.02));
  });

  it("blanks exactly the reported nullable values (customers have no natural NULLs)", () => {
    const nulled = run.events.filter(
      (e, i) => e.dataSet === "customers" && !sameAsPrevious(e, i) && e.row.includes(null),
    );
    expect(nulled.length).toBe(report.nulls.customers);
    expect(report.nulls.customers / report.rows.customers).toBeGreaterThan(0.005);
    for (const e of nulled) expect(e.row[0]).not.toBeNull();
  });

  it("marks exactly the reported malformed rows, by kind", () => {
    for (const name of RETAIL_DATA_SET_NAMES) {
      for (const kind of MALFORMED_KINDS) {
        const marked = run.events.filter((e) => e.dataSet === name && e.malformed?.kind === kind).length;
        expect(marked, `${name} ${kind}`).toBe(report.malformed[name][kind]);
      }
    }
    expect(report.malformed.transactions.bad_number).toBeGreaterThan(0);
    expect(report.malformed.transactions.bad_date).toBeGreaterThan(0);
    expect(report.malformed.transactions.truncated).toBeGreaterThan(0);
  });

  it("can be switched off", () => {
    const clean = collect({ customers: 500, dirt: false }).generation.report;
    for (const counts of [clean.duplicates, clean.lateUpdates, clean.nulls]) {
      expect(Object.values(counts).every((n) => n === 0)).toBe(true);
    }
  });
});
