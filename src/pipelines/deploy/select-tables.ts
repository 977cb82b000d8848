import type { PlanSelector } from "../plan/plan-model.ts";
import { reachable } from "../project/graph.ts";
import type { Project, ProjectTable } from "../project/model.ts";

/**
 * The project's own tables a selector names, parents before children (the project's order):
 * `--table T` (with its descendants when asked: undeploying T stops what reads it), `--product P`,
 * `--dir D` (tables whose folder is under D). External tables are never selected: the project does
 * not deploy them.
 */
export function selectTables(
  project: Project,
  selector: PlanSelector,
  options: { withDescendants: boolean },
): ProjectTable[] | { error: string } {
  if (project.findings.some((f) => f.code === "project/cycle"))
    return { error: "the project has a dependency cycle" };
  const own = (t: ProjectTable | undefined): t is ProjectTable => t !== undefined && !t.external;
  let names: Set<string>;
  switch (selector.kind) {
    case "table": {
      const t = project.tables.get(selector.table);
      if (!t) return { error: `no table '${selector.table}' in the project` };
      if (t.external) return { error: `'${selector.table}' is external: the project does not deploy it` };
      names = new Set([t.name]);
      if (options.withDescendants)
        for (const d of reachable(t.name, (n) => project.tables.get(n)?.children ?? [])) names.add(d);
      break;
    }
    case "product":
      names = new Set(
        [...project.tables.values()].filter((t) => t.product === selector.product).map((t) => t.name),
      );
      if (names.size === 0) return { error: `no table of product '${selector.product}'` };
      break;
    case "dir": {
      const prefix = selector.dir.endsWith("/") ? selector.dir : `${selector.dir}/`;
      names = new Set(
        [...project.tables.values()]
          .filter((t) => t.folder && `${t.folder}/`.startsWith(prefix))
          .map((t) => t.name),
      );
      if (names.size === 0) return { error: `no table folder under '${selector.dir}'` };
      break;
    }
    default:
      return selector satisfies never;
  }
  return project.order
    .filter((n) => names.has(n))
    .map((n) => project.tables.get(n))
    .filter(own);
}
