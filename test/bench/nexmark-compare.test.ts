import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { resultBaseName } from "../../bench/lib/result-files.ts";
import { compareWithPrevious, compareWithPreviousIn } from "../../bench/nexmark/report/compare.ts";
import { queryReport, report } from "./report-fixture.ts";

const dir = mkdtempSync(join(tmpdir(), "bench-compare-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("comparison with the previous run", () => {
  const before = report("2026-01-01T10:00:00.000Z", [
    queryReport("q0", 10),
    queryReport("q1", 4),
    queryReport("q2", 2),
  ]);

  it("flags a per-core ratio that fell by more than 10 %, not one that fell by exactly 10 % or rose", () => {
    const now = report("2026-01-02T10:00:00.000Z", [
      queryReport("q0", 8.9),
      queryReport("q1", 3.6),
      queryReport("q2", 3),
    ]);
    const comparison = compareWithPrevious(now, before, "nexmark-old.json");
    if (comparison.status !== "compared") throw new Error("expected a comparison");
    expect(comparison.changes).toHaveLength(6);
    expect(comparison.regressions.map((r) => [r.query, r.peer])).toEqual([["q0", "flink"]]);
    expect(comparison.regressions[0]!.change).toBeCloseTo(-0.11);
  });

  it("compares only queries and peers with a ratio in both runs", () => {
    const q1 = queryReport("q1", 1);
    const now = report("2026-01-02T10:00:00.000Z", [
      { ...q1, ratios: { duckdb: q1.ratios.duckdb! } },
      queryReport("q9", 1),
    ]);
    const comparison = compareWithPrevious(now, before, "nexmark-old.json");
    if (comparison.status !== "compared") throw new Error("expected a comparison");
    expect(comparison.changes.map((c) => `${c.query}/${c.peer}`)).toEqual(["q1/duckdb"]);
  });

  it("does not compare runs over other events or at another parallelism", () => {
    const now = report("2026-01-02T10:00:00.000Z", [queryReport("q0", 1)], { parallelism: 2 });
    expect(compareWithPrevious(now, before, "nexmark-old.json")).toMatchObject({ status: "none" });
  });

  it("finds the newest earlier result file with the same settings", () => {
    const write = (r: ReturnType<typeof report>) =>
      writeFileSync(join(dir, `${resultBaseName("nexmark", r.startedAt)}.json`), JSON.stringify(r));
    write(before);
    write(report("2026-01-03T10:00:00.000Z", [queryReport("q0", 5)]));
    write(report("2026-01-04T10:00:00.000Z", [queryReport("q0", 5)], { events: 10 }));
    writeFileSync(join(dir, "nexmark-notes.md"), "not a report");
    const now = report("2026-01-05T10:00:00.000Z", [queryReport("q0", 5)]);
    expect(compareWithPreviousIn(dir, now)).toMatchObject({
      previousFile: "nexmark-2026-01-03T100000Z.json",
    });
    expect(compareWithPreviousIn(dir, report("2026-01-02T10:00:00.000Z", []))).toMatchObject({
      previousFile: "nexmark-2026-01-01T100000Z.json",
    });
    expect(compareWithPreviousIn(join(dir, "nowhere"), now)).toMatchObject({ status: "none" });
  });
});
