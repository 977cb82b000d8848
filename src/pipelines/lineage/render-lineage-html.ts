import type { Derivation } from "./column-lineage.ts";
import type { LineageDirection, LineageNode } from "./project-lineage.ts";
import { colorLegend, type GraphBox, type GraphEdge, renderGraphHtml } from "./render-graph-html.ts";

const COLORS: Readonly<Record<Derivation, string>> = {
  direct: "#2e7d32",
  transformation: "#1565c0",
  aggregation: "#e65100",
  indirect: "#9e9e9e",
};

/**
 * A self-contained HTML page (inline SVG, no script, no CDN): one box per table listing the columns
 * on the lineage paths, tables in layers by distance from the root, one curve per column edge
 * coloured by how the column derives.
 */
export function renderLineageHtml(
  roots: readonly LineageNode[],
  direction: LineageDirection,
  title: string,
): string {
  const columns = new Map<string, Set<string>>();
  const depth = new Map<string, number>();
  const edges = new Map<string, { from: string; to: string; how: Derivation }>();
  const visit = (node: LineageNode, level: number) => {
    if (!columns.has(node.table)) columns.set(node.table, new Set());
    columns.get(node.table)!.add(node.column);
    depth.set(node.table, Math.max(depth.get(node.table) ?? 0, level));
    for (const child of node.children) {
      const [from, to] =
        direction === "upstream"
          ? [`${child.table}.${child.column}`, `${node.table}.${node.column}`]
          : [`${node.table}.${node.column}`, `${child.table}.${child.column}`];
      edges.set(`${from}>${to}`, { from, to, how: child.how ?? "direct" });
      visit(child, level + 1);
    }
  };
  for (const root of roots) visit(root, 0);

  const maxDepth = Math.max(0, ...depth.values());
  const layerOf = (table: string) =>
    direction === "upstream" ? maxDepth - depth.get(table)! : depth.get(table)!;
  const boxes: GraphBox[] = [...depth.keys()]
    .sort((a, b) => layerOf(a) - layerOf(b) || a.localeCompare(b))
    .map((table) => ({
      id: table,
      title: table,
      rows: [...columns.get(table)!].sort(),
      layer: layerOf(table),
    }));
  const rows = new Map(boxes.map((b) => [b.id, b.rows]));
  const end = (key: string) => {
    const table = key.slice(0, key.lastIndexOf("."));
    return { box: table, row: rows.get(table)!.indexOf(key.slice(table.length + 1)) };
  };
  const graphEdges: GraphEdge[] = [...edges.values()].map((e) => ({
    from: end(e.from),
    to: end(e.to),
    color: COLORS[e.how],
    dashed: e.how === "indirect",
    title: `${e.from} → ${e.to} (${e.how})`,
  }));
  return renderGraphHtml(title, colorLegend(Object.entries(COLORS)), boxes, graphEdges);
}
