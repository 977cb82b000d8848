import type { Project } from "../project/model.ts";
import { type ColumnLineage, type Derivation, tableColumnLineage } from "./column-lineage.ts";

/** A column and the columns it comes from (upstream) or feeds (downstream), recursively. */
export interface LineageNode {
  readonly table: string;
  readonly column: string;
  /** How this column relates to its parent in the tree; absent at the root. */
  readonly how?: Derivation;
  readonly children: readonly LineageNode[];
  /** Set when the column was already expanded higher in the tree (a cycle): not expanded again. */
  readonly repeated?: boolean;
}

export type LineageDirection = "upstream" | "downstream";

/** Column lineage of every table of the project, computed once. */
export class ProjectLineage {
  readonly byTable: ReadonlyMap<string, readonly ColumnLineage[]>;
  private readonly consumers = new Map<string, { table: string; column: string; how: Derivation }[]>();

  constructor(project: Project) {
    const byTable = new Map<string, readonly ColumnLineage[]>();
    for (const name of project.order) byTable.set(name, tableColumnLineage(project.tables.get(name)!));
    this.byTable = byTable;
    for (const [table, columns] of byTable) {
      for (const c of columns) {
        for (const s of c.sources) {
          const key = `${s.table}.${s.column}`;
          this.consumers.set(key, [
            ...(this.consumers.get(key) ?? []),
            { table, column: c.column, how: s.how },
          ]);
        }
      }
    }
  }

  /** The output columns of a table (those its statements write), or its declared columns for externals. */
  columnsOf(table: string, project: Project): string[] {
    const written = this.byTable.get(table)?.map((c) => c.column) ?? [];
    if (written.length > 0) return written;
    return (
      project.tables
        .get(table)
        ?.schema?.columns.filter((c) => !c.hidden)
        .map((c) => c.name) ?? []
    );
  }

  tree(table: string, column: string, direction: LineageDirection, includeIndirect: boolean): LineageNode {
    return this.expand(table, column, undefined, direction, includeIndirect, new Set());
  }

  private expand(
    table: string,
    column: string,
    how: Derivation | undefined,
    direction: LineageDirection,
    includeIndirect: boolean,
    path: Set<string>,
  ): LineageNode {
    const key = `${table}.${column}`;
    const base = { table, column, ...(how ? { how } : {}) };
    if (path.has(key)) return { ...base, children: [], repeated: true };
    const next =
      direction === "upstream"
        ? (this.byTable.get(table)?.find((c) => c.column === column)?.sources ?? [])
        : (this.consumers.get(key) ?? []);
    const inner = new Set(path).add(key);
    const children = next
      .filter((n) => includeIndirect || n.how !== "indirect")
      .map((n) => this.expand(n.table, n.column, n.how, direction, includeIndirect, inner));
    return { ...base, children };
  }
}
