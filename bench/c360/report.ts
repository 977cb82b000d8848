// The Customer 360 report: markdown, and the comparison with the previous run of the same size.
import { relative } from "node:path";
import {
  type KeyedStateSize,
  type StateTiers,
  type TableStateSize,
  totalStateSize,
} from "../../src/engine/index.ts";
import { formatBytes, formatChange, formatRate, formatRatio, formatSeconds } from "../lib/format.ts";
import { findPreviousResult } from "../lib/result-files.ts";
import type { C360Outcome, C360Previous, C360Report, C360Settings } from "./model.ts";

/** Operators listed in the state table: the largest hold nearly all of it. */
const STATE_ROWS = 15;

export const REGRESSION_THRESHOLD = 0.1;

/** The newest earlier run of the same size in `dir`, and whether Headwater's ratio fell by more than 10 %. */
export function compareC360WithPreviousIn(dir: string, current: Omit<C360Report, "previous">): C360Previous {
  if (current.outcome.status === "streamed")
    return { status: "none", reason: "the streaming side alone has no ratio against DuckDB" };
  if (current.outcome.status !== "ok") return { status: "none", reason: "no figures in this run" };
  const now = current.outcome.ratio;
  const previous = findPreviousResult<C360Report>(
    dir,
    "c360",
    current.startedAt,
    (r) =>
      r.benchmark === "c360" &&
      r.outcome.status === "ok" &&
      r.settings.customers === current.settings.customers &&
      r.settings.transactionsPerCustomer === current.settings.transactionsPerCustomer &&
      r.settings.seed === current.settings.seed &&
      r.settings.stateBudgetMb === current.settings.stateBudgetMb &&
      r.settings.encodedBudgetMb === current.settings.encodedBudgetMb,
  );
  if (previous?.report.outcome.status !== "ok") {
    return {
      status: "none",
      reason: `no earlier run of this size in ${relative(process.cwd(), dir) || "."}`,
    };
  }
  const previousRatio = previous.report.outcome.ratio;
  const change = now / previousRatio - 1;
  return {
    status: "compared",
    previousFile: previous.file,
    previousRatio,
    change,
    regression: change < -REGRESSION_THRESHOLD,
  };
}

export function renderC360Markdown(report: C360Report): string {
  const { machine, settings, outcome } = report;
  const size =
    `${settings.customers.toLocaleString("en")} customers` +
    (settings.transactionsPerCustomer === undefined
      ? ""
      : `, ${settings.transactionsPerCustomer} transactions each`);
  const lines = [
    "# Customer 360: the streaming view on Headwater against its DuckDB batch query",
    "",
    `${report.startedAt.slice(0, 16).replace("T", " ")} UTC · ${size} (seed ${settings.seed}) · ` +
      `${machine.cores} cores (${machine.cpuModel}), ${formatBytes(machine.memoryBytes)} · Node ${machine.node} · ` +
      `load average ${machine.loadAverage.join(" / ")} at start`,
    "",
  ];
  const limits = renderLimits(settings);
  if (limits) lines.push(limits, "");
  if (outcome.status === "unsupported") lines.push(`Not supported yet: ${outcome.reason}`);
  else if (outcome.status === "streamed")
    lines.push(
      "Streaming side only (no DuckDB batch run, no parity check).",
      "",
      "| Records | Streaming: first complete view | Records/s | View rows | Peak RSS | Pipeline state (heap) | Generation |",
      "|--:|--:|--:|--:|--:|--:|--:|",
      `| ${outcome.records.toLocaleString("en")} | ${formatSeconds(outcome.streamingSeconds)} | ${formatRate(outcome.recordsPerSecond)} | ` +
        `${outcome.viewRows.toLocaleString("en")} | ${formatBytes(outcome.peakRssBytes)} | ${formatBytes(outcome.stateHeapBytes)} | ` +
        `${formatSeconds(outcome.generationSeconds)} |`,
    );
  else if (outcome.status === "failed") lines.push(`**FAILED**: ${outcome.error}`);
  else {
    lines.push(
      "| Records | Streaming: first complete view | Records/s | DuckDB batch | Headwater / DuckDB | View rows | Peak RSS | Peak RSS before streaming | Pipeline state (heap) | Generation | Parity |",
      "|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|",
      `| ${outcome.records.toLocaleString("en")} | ${formatSeconds(outcome.streamingSeconds)} | ${formatRate(outcome.recordsPerSecond)} | ` +
        `${formatSeconds(outcome.batchSeconds)} | ${formatRatio(outcome.ratio)} | ${outcome.viewRows.toLocaleString("en")} | ` +
        `${formatBytes(outcome.peakRssBytes)} | ${formatBytes(outcome.batchPeakRssBytes)} | ${formatBytes(outcome.stateHeapBytes)} | ${formatSeconds(outcome.generationSeconds)} | ` +
        `${outcome.differenceCount === 0 ? "✓ row for row" : `**✗ ${outcome.differenceCount} differences**`} |`,
    );
    if (outcome.differenceCount > 0) lines.push("", "```", ...outcome.differences, "```");
  }
  if ((outcome.status === "ok" || outcome.status === "streamed") && outcome.stateTiers)
    lines.push(
      "",
      `State beyond the live budgets once the view is complete: ${formatBytes(outcome.stateTiers.encodedBytes)} ` +
        `in the encoded tier, ${outcome.stateTiers.spilledEntries.toLocaleString("en")} entries on disk.`,
    );
  if ((outcome.status === "ok" || outcome.status === "streamed") && outcome.state)
    lines.push("", ...renderState(outcome));
  const previous = report.previous;
  lines.push(
    "",
    previous.status === "none"
      ? `Not compared with an earlier run: ${previous.reason}.`
      : `${previous.regression ? "**⚠ Regression**: " : ""}Headwater / DuckDB was ${formatRatio(previous.previousRatio)} in ${previous.previousFile} (${formatChange(previous.change)}).`,
    "",
    "Streaming: every statement of examples/c360 started on the embedded engine, the generated records inserted " +
      "as they come (the jobs run after every 8,192), to the end of the input; the time until the view holds every " +
      "record, without the generator's own time. In-memory tables keep only unread changes. Batch: the same records " +
      "appended to DuckDB tables and examples/c360/batch/customer_analytics_c360.sql run, first (its memory is " +
      "released before the engine's grows). Peak RSS is the whole run's (generation, DuckDB, engine); the peak " +
      "before streaming is DuckDB's side. Pipeline state: the V8 heap in use after a full collection once the " +
      "view is complete, the engine still holding its state (V8 collects lazily under a large heap limit, so " +
      "peak RSS runs well above it).",
  );
  return `${lines.join("\n")}\n`;
}

function renderLimits(settings: C360Settings): string | undefined {
  const parts = [
    settings.stateBudgetMb === undefined
      ? undefined
      : `state.memory-budget ${settings.stateBudgetMb} MiB of live state per stateful operator and keyed table, then ${
          settings.encodedBudgetMb === undefined
            ? "encoded in memory up to half the heap (the default)"
            : `encoded in memory up to ${settings.encodedBudgetMb} MiB shared by all (stateEncodedBudget)`
        }, then disk`,
    settings.duckdbMemoryLimit === undefined
      ? undefined
      : `DuckDB memory_limit ${settings.duckdbMemoryLimit}`,
    settings.duckdbThreads === undefined ? undefined : `DuckDB threads ${settings.duckdbThreads}`,
    settings.miniBatch ? "mini-batch aggregation on" : undefined,
    settings.heapMb === undefined ? undefined : `V8 heap limit ${settings.heapMb} MiB`,
    settings.semiSpaceMb === undefined ? undefined : `V8 semi-space ${settings.semiSpaceMb} MiB`,
  ].filter((p) => p !== undefined);
  return parts.length === 0 ? undefined : `Limits: ${parts.join(" · ")}.`;
}

type Measured = Extract<C360Outcome, { readonly status: "ok" | "streamed" }>;

/**
 * The largest operator states and the tables' live rows once the view is complete, where they are
 * with a state budget, and their total beside what the encoded tier counts: where the pipeline's
 * memory goes.
 */
function renderState(outcome: Measured): string[] {
  const state = outcome.state!;
  const tables = outcome.tables ?? [];
  const tiered = outcome.stateTiers !== undefined;
  const operators = totalStateSize(state);
  const rows = state.slice(0, STATE_ROWS).map((s) => {
    const operator = s.operator.length > 90 ? `${s.operator.slice(0, 89)}…` : s.operator;
    return `| ${s.table} | \`${operator.replaceAll("|", "\\|")}\` | ${count(s.entries)} | ${formatBytes(s.encodedBytes)} |${tiered ? tierCells(s.tiers) : ""}`;
  });
  const lines = [
    `State per operator once the view is complete (encoded size, estimated from sampled entries; ${formatBytes(operators.encodedBytes)} over ${state.length} stateful operators, the ${Math.min(STATE_ROWS, state.length)} largest):`,
    "",
    `| Statement writing | Operator | Entries | Encoded |${tiered ? TIER_HEADS : ""}`,
    `|---|---|--:|--:|${tiered ? "--:|--:|--:|" : ""}`,
    ...rows,
  ];
  if (tables.length > 0)
    lines.push(
      "",
      "Live rows per table once the view is complete (keyed in-memory tables' live row per key, estimated as the operators' state; changes kept: what each changelog still keeps for readers):",
      "",
      `| Table | Live rows | Encoded |${tiered ? TIER_HEADS : ""} Changes kept |`,
      `|---|--:|--:|${tiered ? "--:|--:|--:|" : ""}--:|`,
      ...tables.map(
        (t) =>
          `| ${tableName(t)} | ${count(t.entries)} | ${formatBytes(t.encodedBytes)} |${tiered ? tierCells(t.tiers) : ""} ${count(t.keptChanges)} |`,
      ),
    );
  return [...lines, "", renderTotal(outcome, operators, totalStateSize(tables))];
}

const TIER_HEADS = " Live | Encoded tier | On disk |";

function tierCells(tiers: StateTiers): string {
  return ` ${count(tiers.live)} | ${count(tiers.encoded)} | ${count(tiers.disk)} |`;
}

/** Operators and tables together, and the encoded tier's count beside the estimate of its entries: the difference is its overhead. */
function renderTotal(outcome: Measured, operators: KeyedStateSize, tables: KeyedStateSize): string {
  const all = totalStateSize([operators, tables]);
  const sum =
    `Total: operators ${formatBytes(operators.encodedBytes)} + tables' live rows ${formatBytes(tables.encodedBytes)} = ` +
    `${formatBytes(all.encodedBytes)} encoded (estimated), ${count(all.entries)} entries.`;
  const tier = outcome.stateTiers;
  if (tier === undefined || all.tiers.encoded === 0) return sum;
  const overhead = (tier.encodedBytes - all.encodedTierEstimate) / all.tiers.encoded;
  return (
    `${sum} The encoded tier counts ${formatBytes(tier.encodedBytes)} for the ${count(all.tiers.encoded)} entries in it, ` +
    `estimated at ${formatBytes(all.encodedTierEstimate)}: ${Math.round(overhead)} bytes per entry beyond their encoding ` +
    "(the key again and the tier's per-entry overhead)."
  );
}

/** A table of the default catalog and database by its own name, as the statements write it. */
function tableName(table: TableStateSize): string {
  return table.table.replace(/^default_catalog\.default_database\./, "");
}

function count(n: number): string {
  return n.toLocaleString("en");
}
