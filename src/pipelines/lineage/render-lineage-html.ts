import type { Derivation } from "./column-lineage.ts";
import type { LineageDirection, LineageNode } from "./project-lineage.ts";

const COLORS: Readonly<Record<Derivation, string>> = {
  direct: "#2e7d32",
  transformation: "#1565c0",
  aggregation: "#e65100",
  indirect: "#9e9e9e",
};

const BOX_WIDTH = 220;
const ROW = 22;
const HEADER = 26;
const GAP_X = 120;
const GAP_Y = 24;

interface Edge {
  readonly from: string;
  readonly to: string;
  readonly how: Derivation;
}

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
  const edges = new Map<string, Edge>();
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
  const layers = new Map<number, string[]>();
  for (const [table, d] of depth) {
    const layer = direction === "upstream" ? maxDepth - d : d;
    layers.set(layer, [...(layers.get(layer) ?? []), table].sort());
  }
  const position = new Map<string, { x: number; y: number }>();
  const rowY = new Map<string, number>();
  let height = 0;
  for (const [layer, tables] of [...layers].sort((a, b) => a[0] - b[0])) {
    let y = GAP_Y;
    for (const table of tables) {
      const x = GAP_Y + layer * (BOX_WIDTH + GAP_X);
      position.set(table, { x, y });
      const sorted = [...columns.get(table)!].sort();
      for (const [i, c] of sorted.entries()) rowY.set(`${table}.${c}`, y + HEADER + i * ROW + ROW / 2);
      y += HEADER + columns.get(table)!.size * ROW + GAP_Y;
    }
    height = Math.max(height, y);
  }
  const width = GAP_Y * 2 + (maxDepth + 1) * BOX_WIDTH + maxDepth * GAP_X;

  const svg: string[] = [];
  for (const [table, { x, y }] of position) {
    const cols = [...columns.get(table)!].sort();
    svg.push(
      `<g><rect x="${x}" y="${y}" width="${BOX_WIDTH}" height="${HEADER + cols.length * ROW}" rx="6" fill="#fff" stroke="#555"/>`,
      `<text x="${x + 8}" y="${y + 18}" font-weight="bold">${escapeXml(table)}</text>`,
      ...cols.map((c, i) => `<text x="${x + 14}" y="${y + HEADER + i * ROW + 15}">${escapeXml(c)}</text>`),
      "</g>",
    );
  }
  for (const edge of edges.values()) {
    const fromTable = edge.from.slice(0, edge.from.lastIndexOf("."));
    const toTable = edge.to.slice(0, edge.to.lastIndexOf("."));
    const x1 = position.get(fromTable)!.x + BOX_WIDTH;
    const x2 = position.get(toTable)!.x;
    const y1 = rowY.get(edge.from)!;
    const y2 = rowY.get(edge.to)!;
    const bend = Math.max(40, (x2 - x1) / 2);
    const dash = edge.how === "indirect" ? ` stroke-dasharray="4 3"` : "";
    svg.push(
      `<path d="M${x1} ${y1} C${x1 + bend} ${y1} ${x2 - bend} ${y2} ${x2} ${y2}" fill="none" stroke="${COLORS[edge.how]}" stroke-width="1.5"${dash}><title>${escapeXml(`${edge.from} → ${edge.to} (${edge.how})`)}</title></path>`,
    );
  }
  const legend = Object.entries(COLORS)
    .map(([how, color]) => `<span style="color:${color}">━ ${how}</span>`)
    .join(" &nbsp; ");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeXml(title)}</title>
<style>body{font:13px system-ui,sans-serif;margin:16px}svg text{font:12px system-ui,sans-serif}</style></head>
<body><h1 style="font-size:16px">${escapeXml(title)}</h1><p>${legend}</p>
<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
<title>${escapeXml(title)}</title>
${svg.join("\n")}
</svg></body></html>
`;
}

function escapeXml(text: string): string {
  return text
    .split("&")
    .join("&amp;")
    .split("<")
    .join("&lt;")
    .split(">")
    .join("&gt;")
    .split('"')
    .join("&quot;");
}
