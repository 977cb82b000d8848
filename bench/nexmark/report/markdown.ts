// The report as markdown: one table row per query, reasons for missing figures as numbered notes
// (the same reason — "INNER JOIN is not supported yet" — is one note for every query it applies
// to), differing results and ratio regressions in sections of their own that cannot be missed.
import {
  formatBytes,
  formatChange,
  formatMillis,
  formatRate,
  formatRatio,
  formatSeconds,
} from "../../lib/format.ts";
import type { NexmarkReport, QueryReport, ResultCheck, SystemName, SystemOutcome } from "./model.ts";

export function renderMarkdown(report: NexmarkReport): string {
  const notes = new Footnotes();
  const rows = report.queries.map((q) => tableRow(q, notes));
  const sections = [
    title(report),
    [
      "| Query | Headwater events/s (per core) | p50 / p99 ms | Peak RSS | Flink events/s (per core) | DuckDB events/s (per core) | Headwater / Flink | Headwater / DuckDB | Final results vs DuckDB |",
      "|---|--:|--:|--:|--:|--:|--:|--:|---|",
      ...rows,
    ].join("\n"),
    notes.render(),
    differences(report),
    regressions(report),
    setup(report),
    queryNotes(report),
    HOW_MEASURED,
  ];
  return `${sections.filter((s) => s !== "").join("\n\n")}\n`;
}

/** The rows that differ from DuckDB's, per query and system; empty when every compared result matched. */
export function resultDifferences(report: NexmarkReport): string[] {
  const lines: string[] = [];
  for (const q of report.queries) {
    for (const system of ["headwater", "flink"] as const) {
      const check = q.checks[system];
      if (check.status !== "differ") continue;
      const d = check.difference;
      lines.push(
        `${q.query} on ${NAMES[system]}: ${d.actualRows} rows, DuckDB ${d.expectedRows}; ` +
          `${d.missingCount} of DuckDB's rows missing, ${d.unexpectedCount} rows DuckDB does not have`,
      );
      for (const row of d.missing) lines.push(`  - ${row}`);
      for (const row of d.unexpected) lines.push(`  + ${row}`);
    }
  }
  return lines;
}

const NAMES: Readonly<Record<SystemName, string>> = {
  headwater: "Headwater",
  flink: "Flink",
  duckdb: "DuckDB",
};

/** What "unsupported" means per system: a feature still to land, or no batch version. */
const UNSUPPORTED: Readonly<Record<SystemName, string>> = {
  headwater: "not supported yet",
  flink: "not supported",
  duckdb: "no oracle",
};

function title(report: NexmarkReport): string {
  const { machine, settings, versions } = report;
  const events =
    settings.flinkEvents === settings.events
      ? `${settings.events.toLocaleString("en")} events`
      : `${settings.events.toLocaleString("en")} events (Flink: the first ${settings.flinkEvents.toLocaleString("en")})`;
  return [
    `# Nexmark: Headwater, Apache Flink ${versions.flink ?? "(not run)"} and DuckDB ${versions.duckdb ?? ""}`.trimEnd(),
    "",
    `${report.startedAt.slice(0, 16).replace("T", " ")} UTC · ${events} · parallelism ${settings.parallelism} · ` +
      `${machine.cores} cores (${machine.cpuModel}), ${formatBytes(machine.memoryBytes)} · ${machine.os} · ` +
      `Node ${versions.node} · load average ${machine.loadAverage.join(" / ")} at start`,
  ].join("\n");
}

function tableRow(q: QueryReport, notes: Footnotes): string {
  const { headwater, flink, duckdb } = q.outcomes;
  const latency =
    headwater.status === "ok" && headwater.latency
      ? `${formatMillis(headwater.latency.p50Ms)} / ${formatMillis(headwater.latency.p99Ms)}`
      : "";
  const rss =
    headwater.status === "ok" && headwater.throughput.peakRssBytes !== undefined
      ? formatBytes(headwater.throughput.peakRssBytes)
      : "";
  const ratio = (peer: "flink" | "duckdb"): string => {
    const r = q.ratios[peer];
    return r ? formatRatio(r.perCore) : "";
  };
  return `| ${[
    q.query,
    outcomeCell("headwater", headwater, notes),
    latency,
    rss,
    outcomeCell("flink", flink, notes),
    outcomeCell("duckdb", duckdb, notes),
    ratio("flink"),
    ratio("duckdb"),
    checksCell(q),
  ].join(" | ")} |`;
}

function outcomeCell(system: SystemName, outcome: SystemOutcome, notes: Footnotes): string {
  switch (outcome.status) {
    case "ok":
      return `${formatRate(outcome.throughput.eventsPerSecond)} (${formatRate(outcome.throughput.eventsPerCoreSecond)})`;
    case "unsupported":
      return `${UNSUPPORTED[system]} ${notes.ref(`${NAMES[system]}: ${outcome.reason}`)}`;
    case "rejected":
      return `rejected ${notes.ref(`${NAMES[system]} rejects it: ${outcome.reason}`)}`;
    case "failed":
      return `**FAILED** ${notes.ref(`${NAMES[system]} failed: ${outcome.error}`)}`;
    case "skipped":
      return `– ${notes.ref(`${NAMES[system]}: ${outcome.reason}`)}`;
    default:
      return outcome satisfies never;
  }
}

function checksCell(q: QueryReport): string {
  if (!q.deterministic) return "not deterministic";
  const mark = (check: ResultCheck): string =>
    check.status === "match" ? "✓" : check.status === "differ" ? "**✗ DIFFERS**" : "–";
  return `Headwater ${mark(q.checks.headwater)} · Flink ${mark(q.checks.flink)}`;
}

function differences(report: NexmarkReport): string {
  const lines = resultDifferences(report);
  if (lines.length === 0) return "";
  return [
    "## ✗ Results that differ from DuckDB's",
    "",
    "DuckDB's batch answer is the reference; `-` rows are DuckDB's that the system lacks, `+` rows the system's that DuckDB lacks.",
    "",
    "```",
    ...lines,
    "```",
  ].join("\n");
}

function regressions(report: NexmarkReport): string {
  const previous = report.previous;
  if (previous.status === "none") return `Not compared with an earlier run: ${previous.reason}.`;
  const head = `Compared with ${previous.previousFile} (${previous.previousStartedAt.slice(0, 16).replace("T", " ")} UTC): `;
  if (previous.regressions.length === 0) {
    return `${head}no per-core ratio fell by more than ${Math.round(previous.threshold * 100)} %.`;
  }
  return [
    `## ⚠ Ratio regressions (more than ${Math.round(previous.threshold * 100)} % below the previous run)`,
    "",
    head,
    "",
    "| Query | Peer | Previous | Now | Change |",
    "|---|---|--:|--:|--:|",
    ...previous.regressions.map(
      (r) =>
        `| ${r.query} | ${NAMES[r.peer]} | ${formatRatio(r.previous)} | ${formatRatio(r.current)} | ${formatChange(r.change)} |`,
    ),
  ].join("\n");
}

function setup(report: NexmarkReport): string {
  const { setup } = report;
  const loads = (system: SystemName): number[] =>
    report.queries.flatMap((q) => {
      const o = q.outcomes[system];
      return o.status === "ok" && o.loadSeconds !== undefined ? [o.loadSeconds] : [];
    });
  const median = (values: number[]): string => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted.length === 0 ? "–" : formatSeconds(sorted[Math.floor(sorted.length / 2)]!);
  };
  const scan = setup.flinkCsvScan;
  const { totals } = report;
  const flinkCpu =
    totals.flinkCpuSeconds === undefined
      ? ""
      : `, Flink's JVMs ${formatSeconds(totals.flinkCpuSeconds)} of CPU`;
  const lines = [
    "## Setup (not in the timings above)",
    "",
    `- Events generated and written as CSV: ${formatSeconds(setup.dataSeconds)} (${formatBytes(setup.dataBytes)}).`,
    `- Headwater: events inserted into the in-memory nexmark table, median ${median(loads("headwater"))} per query.`,
    `- DuckDB: CSV files loaded into tables, median ${median(loads("duckdb"))} per query.`,
  ];
  if (setup.flinkStartupSeconds !== undefined)
    lines.push(
      `- Flink: session cluster and SQL Gateway started in ${formatSeconds(setup.flinkStartupSeconds)}.`,
    );
  if (scan?.status === "ok") {
    lines.push(
      `- Flink reads the CSV files inside every query: parsing alone (all three files into blackholes) runs at ` +
        `${formatRate(scan.throughput.eventsPerSecond)} events/s (${formatRate(scan.throughput.eventsPerCoreSecond)} per core).`,
    );
  }
  lines.push(
    `- The whole run: ${formatSeconds(totals.wallSeconds)}, using ${formatSeconds(totals.cpuSeconds)} of CPU here${flinkCpu}.`,
  );
  return lines.join("\n");
}

function queryNotes(report: NexmarkReport): string {
  const lines = report.queries.flatMap((q) => q.notes.map((note) => `- ${q.query}: ${note}`));
  return lines.length === 0 ? "" : ["## Query versions", "", ...lines].join("\n");
}

const HOW_MEASURED = `## How it is measured

- events/s: events in the stream (persons, auctions and bids) over the query's run time; in parentheses,
  over its CPU time (user + system of every thread), i.e. what one fully used core would do. The ratios are
  per core: on a shared machine CPU time is steadier than wall time (the JSON file holds both).
- Headwater: the blackhole INSERT over the in-memory nexmark table, bounded (final watermark at the end),
  one process per query; peak RSS includes the loaded events. Latency: events arrive at a fixed rate on a
  fresh engine, and every output row is a sample of the time from its events' insertion to its emission;
  window queries, whose output waits for the watermark, have none.
- Flink: the same INSERT through the SQL Gateway over the CSV files (filesystem connector, the corpus
  DDL's watermark), timed by the job's duration on the JobManager; CPU time and peak RSS are the
  JobManager's and TaskManager's, read from /proc. An unmeasured scan job warms the JVMs first.
- DuckDB: the oracle query (bench/nexmark/duckdb/queries) over tables loaded from the CSV files, without
  its final ORDER BY, materialized inside DuckDB.
- Final results: each system's final table (Flink's changelog from debezium-json files folded into its
  final rows) compared row for row with DuckDB's.`;

/** Numbered notes, one per distinct text, referenced from table cells. */
class Footnotes {
  private readonly texts: string[] = [];

  ref(text: string): string {
    let index = this.texts.indexOf(text);
    if (index < 0) index = this.texts.push(text) - 1;
    return `[${index + 1}]`;
  }

  render(): string {
    return this.texts.map((text, i) => `[${i + 1}] ${text.replaceAll("|", "\\|")}`).join("  \n");
  }
}
