// This run's ratios against the previous comparable run's: a ratio that fell by more than the
// threshold is a regression. Ratios, not absolute rates, are compared — both systems of a ratio ran
// on the same machine in the same run, so load from other work on the machine largely cancels out.
import { relative } from "node:path";
import { findPreviousResult } from "../../lib/result-files.ts";
import type { NexmarkReport, PreviousComparison, RatioChange } from "./model.ts";

export const REGRESSION_THRESHOLD = 0.1;

/** Runs are comparable when they read the same events at the same parallelism. */
export function comparable(a: NexmarkReport, b: NexmarkReport): boolean {
  return (
    b.benchmark === "nexmark" &&
    a.settings.events === b.settings.events &&
    a.settings.flinkEvents === b.settings.flinkEvents &&
    a.settings.parallelism === b.settings.parallelism
  );
}

export function compareWithPrevious(
  current: NexmarkReport,
  previous: NexmarkReport,
  previousFile: string,
  threshold = REGRESSION_THRESHOLD,
): PreviousComparison {
  if (!comparable(current, previous)) {
    return { status: "none", reason: `${previousFile} read other events or ran at another parallelism` };
  }
  const before = new Map(previous.queries.map((q) => [q.query, q]));
  const changes: RatioChange[] = [];
  for (const query of current.queries) {
    const old = before.get(query.query);
    for (const peer of ["flink", "duckdb"] as const) {
      const now = query.ratios[peer]?.perCore;
      const then = old?.ratios[peer]?.perCore;
      if (now === undefined || then === undefined) continue;
      changes.push({ query: query.query, peer, previous: then, current: now, change: now / then - 1 });
    }
  }
  return {
    status: "compared",
    previousFile,
    previousStartedAt: previous.startedAt,
    threshold,
    changes,
    regressions: changes.filter((c) => c.change < -threshold),
  };
}

/** The newest earlier result file in `dir` comparable with `current`, compared with it. */
export function compareWithPreviousIn(dir: string, current: NexmarkReport): PreviousComparison {
  const previous = findPreviousResult<NexmarkReport>(dir, "nexmark", current.startedAt, (earlier) =>
    comparable(current, earlier),
  );
  return previous
    ? compareWithPrevious(current, previous.report, previous.file)
    : {
        status: "none",
        reason: `no earlier run with these settings in ${relative(process.cwd(), dir) || "."}`,
      };
}
