import type { LineageNode } from "./project-lineage.ts";

/** A tree drawn with box characters: `z.z_value` then one line per source, indented by depth. */
export function renderLineageTree(root: LineageNode): string {
  const lines = [`${root.table}.${root.column}`];
  const visit = (node: LineageNode, prefix: string) => {
    node.children.forEach((child, i) => {
      const last = i === node.children.length - 1;
      const note = `${child.how ? ` (${child.how})` : ""}${child.repeated ? " ↺" : ""}`;
      lines.push(`${prefix}${last ? "└── " : "├── "}${child.table}.${child.column}${note}`);
      visit(child, `${prefix}${last ? "    " : "│   "}`);
    });
  };
  visit(root, "");
  return `${lines.join("\n")}\n`;
}
