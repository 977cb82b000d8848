import type { StateForm, StatementState } from "../analysis/statefulness.ts";
import type { TableType } from "../layout/layers.ts";
import { reachable } from "../project/graph.ts";
import type { Project, ProjectTable } from "../project/model.ts";

export type ReportSelector =
  | { readonly kind: "all" }
  | { readonly kind: "table"; readonly table: string }
  | { readonly kind: "product"; readonly product: string };

export interface ReportTable {
  readonly name: string;
  readonly type: TableType;
  readonly product: string;
  /** False for a table outside the selection shown because it feeds or reads one inside. */
  readonly selected: boolean;
  readonly parents: readonly string[];
  readonly children: readonly string[];
  readonly state: StateForm;
  /** What keeps state (stateful operators or clauses), one entry each. */
  readonly stateful: readonly string[];
  readonly upsertKeys: readonly (readonly string[])[];
  readonly primaryKey?: readonly string[];
  readonly external?: "declared" | "undeclared";
  readonly ddlRef?: string;
  readonly dmlRef?: string;
  /** Per statement: from the physical plan or the bound tree (and why), its upsert keys. */
  readonly statements: readonly StatementState[];
}

export interface ProjectReport {
  readonly project: string;
  /** `all`, `table <t>` or `product <p>`. */
  readonly selection: string;
  /** In dependency order, parents first. */
  readonly tables: readonly ReportTable[];
}

/**
 * The project's graph for a report: every table (`all`); a table with all its ancestors and
 * descendants (`table`); or a product's tables with the tables of other products they read or feed
 * (`product`, those marked not selected).
 */
export function buildReport(
  project: Project,
  name: string,
  selector: ReportSelector,
): ProjectReport | { error: string } {
  const tables = project.tables;
  let selected: Set<string>;
  let context = new Set<string>();
  switch (selector.kind) {
    case "all":
      selected = new Set(tables.keys());
      break;
    case "table": {
      if (!tables.has(selector.table)) return { error: `no table '${selector.table}' in the project` };
      const up = reachable(selector.table, (n) => tables.get(n)?.parents ?? []);
      const down = reachable(selector.table, (n) => tables.get(n)?.children ?? []);
      selected = new Set([selector.table, ...up, ...down]);
      break;
    }
    case "product": {
      selected = new Set(
        [...tables.values()].filter((t) => t.product === selector.product).map((t) => t.name),
      );
      if (selected.size === 0) return { error: `no product '${selector.product}' in the project` };
      context = new Set(
        [...selected]
          .flatMap((n) => [...tables.get(n)!.parents, ...tables.get(n)!.children])
          .filter((n) => !selected.has(n)),
      );
      break;
    }
    default:
      return selector satisfies never;
  }
  return {
    project: name,
    selection:
      selector.kind === "all"
        ? "all"
        : selector.kind === "table"
          ? `table ${selector.table}`
          : `product ${selector.product}`,
    tables: project.order
      .filter((n) => selected.has(n) || context.has(n))
      .map((n) => reportTable(tables.get(n)!, selected.has(n))),
  };
}

function reportTable(t: ProjectTable, selected: boolean): ReportTable {
  const keys = t.state.statements.flatMap((s) => s.upsertKeys);
  return {
    name: t.name,
    type: t.type,
    product: t.product,
    selected,
    parents: t.parents,
    children: t.children,
    state: t.state.form,
    stateful: t.state.findings.filter((f) => f.stateful).map((f) => f.reason),
    upsertKeys: keys.filter((k, i) => keys.findIndex((o) => o.join() === k.join()) === i),
    ...(t.schema?.primaryKey ? { primaryKey: t.schema.primaryKey } : {}),
    ...(t.external ? { external: t.external } : {}),
    ...(t.ddlRef ? { ddlRef: t.ddlRef } : {}),
    ...(t.dmlRef ? { dmlRef: t.dmlRef } : {}),
    statements: t.state.statements,
  };
}
