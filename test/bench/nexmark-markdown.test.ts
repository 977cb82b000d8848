import { describe, expect, it } from "vitest";
import { formatChange, formatRate, formatRatio, formatSeconds } from "../../bench/lib/format.ts";
import { renderMarkdown, resultDifferences } from "../../bench/nexmark/report/markdown.ts";
import type { QueryReport } from "../../bench/nexmark/report/model.ts";
import { queryReport, ran, report } from "./report-fixture.ts";

const unsupported = (query: string, reason: string): QueryReport => ({
  ...queryReport(query, 1),
  outcomes: { headwater: { status: "unsupported", reason }, flink: ran(2), duckdb: ran(0.1) },
  checks: {
    headwater: { status: "not compared", reason: "no run (unsupported)" },
    flink: { status: "match", rows: 3 },
  },
  ratios: {},
});

describe("the markdown report", () => {
  it("formats rates, ratios and changes compactly", () => {
    expect([formatRate(1_234_567), formatRate(45_678), formatRate(512)]).toEqual(["1.23M", "45.7K", "512"]);
    expect([formatRatio(12.345), formatRatio(0.0456), formatRatio(250.4)]).toEqual([
      "12.3×",
      "0.046×",
      "250×",
    ]);
    expect([formatChange(-0.123), formatChange(0.05)]).toEqual(["−12 %", "+5 %"]);
    expect([formatSeconds(0.0123), formatSeconds(45.6), formatSeconds(1530)]).toEqual([
      "0.012 s",
      "46 s",
      "26 min",
    ]);
  });

  it("has one row per query with both rates, the per-core ratios and the result checks", () => {
    const text = renderMarkdown(report("2026-01-01T10:00:00.000Z", [queryReport("q0", 20, 0.25)]));
    const row = text.split("\n").find((line) => line.startsWith("| q0 |"))!;
    expect(row.split(" | ")).toEqual([
      "| q0",
      "1.00M (1.00M)",
      "",
      "300 MiB",
      "50.0K (50.0K)",
      "4.00M (4.00M)",
      "20.0×",
      "0.25×",
      "Headwater ✓ · Flink ✓ |",
    ]);
    expect(text).toContain("2026-01-01 10:00 UTC · 1,000,000 events · parallelism 1 · 2 cores (Test CPU)");
  });

  it("gives one numbered note per distinct reason, shared by the queries it applies to", () => {
    const text = renderMarkdown(
      report("2026-01-01T10:00:00.000Z", [
        unsupported("q3", "INNER JOIN is not supported yet"),
        unsupported("q4", "INNER JOIN is not supported yet"),
        unsupported("q5", "HOP is not supported yet"),
      ]),
    );
    expect(text).toContain("| q3 | not supported yet [1] |");
    expect(text).toContain("| q4 | not supported yet [1] |");
    expect(text).toContain("| q5 | not supported yet [2] |");
    expect(text).toContain(
      "[1] Headwater: INNER JOIN is not supported yet  \n[2] Headwater: HOP is not supported yet",
    );
  });

  it("shows differing results loudly, with example rows on both sides", () => {
    const q = queryReport("q7", 1);
    const differing: QueryReport = {
      ...q,
      checks: {
        ...q.checks,
        headwater: {
          status: "differ",
          difference: {
            same: false,
            expectedRows: 3,
            actualRows: 3,
            missingCount: 1,
            unexpectedCount: 1,
            missing: ["1|2"],
            unexpected: ["1|3"],
          },
        },
      },
    };
    const r = report("2026-01-01T10:00:00.000Z", [differing]);
    expect(resultDifferences(r)).toEqual([
      "q7 on Headwater: 3 rows, DuckDB 3; 1 of DuckDB's rows missing, 1 rows DuckDB does not have",
      "  - 1|2",
      "  + 1|3",
    ]);
    const text = renderMarkdown(r);
    expect(text).toContain("Headwater **✗ DIFFERS** · Flink ✓");
    expect(text).toContain("## ✗ Results that differ from DuckDB's");
    expect(resultDifferences(report("2026-01-01T10:00:00.000Z", [queryReport("q0", 1)]))).toEqual([]);
  });

  it("lists ratio regressions against the previous run in their own section", () => {
    const r = {
      ...report("2026-01-02T10:00:00.000Z", [queryReport("q0", 8)]),
      previous: {
        status: "compared" as const,
        previousFile: "nexmark-2026-01-01T100000Z.json",
        previousStartedAt: "2026-01-01T10:00:00.000Z",
        threshold: 0.1,
        changes: [],
        regressions: [{ query: "q0", peer: "flink" as const, previous: 10, current: 8, change: -0.2 }],
      },
    };
    const text = renderMarkdown(r);
    expect(text).toContain("## ⚠ Ratio regressions (more than 10 % below the previous run)");
    expect(text).toContain("| q0 | Flink | 10.0× | 8.00× | −20 % |");
    expect(renderMarkdown({ ...r, previous: { ...r.previous, regressions: [] } })).toContain(
      "no per-core ratio fell by more than 10 %",
    );
  });
});
