import type { TableType } from "../layout/layers.ts";
import { colorLegend, type GraphBox, type GraphEdge, renderGraphHtml } from "../lineage/render-graph-html.ts";
import type { ProjectReport } from "./project-report.ts";

/** shift_left's report colours: sources green, dimensions blue, facts orange, views purple, others grey. */
const TYPE_COLORS: Readonly<Partial<Record<TableType, string>>> = {
  source: "#2e7d32",
  intermediate: "#00838f",
  dimension: "#1565c0",
  fact: "#e65100",
  view: "#6a1b9a",
};
const OTHER = "#757575";
const EDGE = "#90a4ae";
const MAX_ROW = 32;

/**
 * The graph as a self-contained HTML page: a box per table (type, product, state, upsert key, what
 * keeps state) in layers by longest distance from a table with no parent, curves from parents to
 * children; tables outside the selection are drawn with dashed curves.
 */
export function renderReportHtml(report: ProjectReport): string {
  const names = new Set(report.tables.map((t) => t.name));
  const layer = new Map<string, number>();
  for (const t of report.tables) {
    const parents = t.parents.filter((p) => names.has(p));
    layer.set(t.name, parents.length === 0 ? 0 : Math.max(...parents.map((p) => layer.get(p)! + 1)));
  }
  const boxes: GraphBox[] = report.tables
    .map((t) => ({
      id: t.name,
      title: t.selected ? t.name : `${t.name} (outside)`,
      rows: [
        `${t.type} · ${t.product}`,
        t.state,
        ...t.upsertKeys.map((k) => `upsert key (${k.join(", ")})`),
        ...t.stateful,
      ].map(shorten),
      layer: layer.get(t.name)!,
      stroke: TYPE_COLORS[t.type] ?? OTHER,
    }))
    .sort((a, b) => a.layer - b.layer);
  const selected = new Set(report.tables.filter((t) => t.selected).map((t) => t.name));
  const edges: GraphEdge[] = report.tables.flatMap((t) =>
    t.parents
      .filter((p) => names.has(p))
      .map((p) => ({
        from: { box: p },
        to: { box: t.name },
        color: EDGE,
        dashed: !selected.has(p) || !selected.has(t.name),
        title: `${p} → ${t.name}`,
      })),
  );
  const legend = colorLegend([...Object.entries(TYPE_COLORS), ["other", OTHER]] as [string, string][]);
  return renderGraphHtml(`Pipelines of ${report.project} (${report.selection})`, legend, boxes, edges);
}

function shorten(text: string): string {
  return text.length <= MAX_ROW ? text : `${text.slice(0, MAX_ROW - 1)}…`;
}
