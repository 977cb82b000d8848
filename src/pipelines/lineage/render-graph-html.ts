/** A box of the graph: a title line and rows of text, in a column (layer) left to right. */
export interface GraphBox {
  readonly id: string;
  readonly title: string;
  readonly rows: readonly string[];
  readonly layer: number;
  /** Outline colour; grey by default. */
  readonly stroke?: string;
}

/** A curve from one box (or one of its rows) to another. */
export interface GraphEdge {
  readonly from: { readonly box: string; readonly row?: number };
  readonly to: { readonly box: string; readonly row?: number };
  readonly color: string;
  readonly dashed?: boolean;
  /** Shown on hover. */
  readonly title: string;
}

const BOX_WIDTH = 220;
const ROW = 22;
const HEADER = 26;
const GAP_X = 120;
const GAP_Y = 24;

/**
 * A self-contained HTML page (inline SVG, no script, no CDN) of boxes in layers, stacked in the
 * order given, joined by curves from the right side of a box (or row) to the left side of another.
 * Column lineage and the project report both draw with it. `legend` is HTML placed above the graph.
 */
export function renderGraphHtml(
  title: string,
  legend: string,
  boxes: readonly GraphBox[],
  edges: readonly GraphEdge[],
): string {
  const layers = new Map<number, GraphBox[]>();
  for (const box of boxes) layers.set(box.layer, [...(layers.get(box.layer) ?? []), box]);
  const position = new Map<string, { x: number; y: number }>();
  let height = 0;
  for (const [layer, stacked] of [...layers].sort((a, b) => a[0] - b[0])) {
    let y = GAP_Y;
    for (const box of stacked) {
      position.set(box.id, { x: GAP_Y + layer * (BOX_WIDTH + GAP_X), y });
      y += HEADER + box.rows.length * ROW + GAP_Y;
    }
    height = Math.max(height, y);
  }
  const maxLayer = Math.max(0, ...boxes.map((b) => b.layer));
  const width = GAP_Y * 2 + (maxLayer + 1) * BOX_WIDTH + maxLayer * GAP_X;
  const anchorY = (end: GraphEdge["from"]) =>
    position.get(end.box)!.y + (end.row === undefined ? HEADER / 2 : HEADER + end.row * ROW + ROW / 2);

  const svg: string[] = [];
  for (const box of boxes) {
    const { x, y } = position.get(box.id)!;
    svg.push(
      `<g><rect x="${x}" y="${y}" width="${BOX_WIDTH}" height="${HEADER + box.rows.length * ROW}" rx="6" fill="#fff" stroke="${box.stroke ?? "#555"}"/>`,
      `<text x="${x + 8}" y="${y + 18}" font-weight="bold">${escapeXml(box.title)}</text>`,
      ...box.rows.map(
        (r, i) => `<text x="${x + 14}" y="${y + HEADER + i * ROW + 15}">${escapeXml(r)}</text>`,
      ),
      "</g>",
    );
  }
  for (const edge of edges) {
    const x1 = position.get(edge.from.box)!.x + BOX_WIDTH;
    const x2 = position.get(edge.to.box)!.x;
    const y1 = anchorY(edge.from);
    const y2 = anchorY(edge.to);
    const bend = Math.max(40, (x2 - x1) / 2);
    const dash = edge.dashed ? ` stroke-dasharray="4 3"` : "";
    svg.push(
      `<path d="M${x1} ${y1} C${x1 + bend} ${y1} ${x2 - bend} ${y2} ${x2} ${y2}" fill="none" stroke="${edge.color}" stroke-width="1.5"${dash}><title>${escapeXml(edge.title)}</title></path>`,
    );
  }
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

/** A legend entry per colour: `━ label` in that colour. */
export function colorLegend(entries: readonly (readonly [label: string, color: string])[]): string {
  return entries
    .map(([label, color]) => `<span style="color:${color}">━ ${escapeXml(label)}</span>`)
    .join(" &nbsp; ");
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
