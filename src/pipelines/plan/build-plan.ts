import { configList, configString } from "../config/load-config.ts";
import { statementName } from "../layout/naming.ts";
import { reachable, topologicalOrder } from "../project/graph.ts";
import type { Project, ProjectTable } from "../project/model.ts";
import type { ExecutionPlan, KeptRunning, PlanNode, PlanOptions, PlanSelector } from "./plan-model.ts";
import { isRunningPhase, type Phase, type RunningState } from "./running-state.ts";

interface Decision {
  toRun: boolean;
  toRestart: boolean;
  reason: string;
}

/**
 * Builds an execution plan with shift_left's rules (seeds.md §1.7), reproducing the outcomes of its
 * own tests on the 14-table graph:
 *
 * 1. The start tables' ancestors, topologically sorted (parents first), all enter the plan. A table
 *    start (`--table`) is restarted; an ancestor that is not running is run; with
 *    `--force-ancestors` every ancestor is rerun. External tables are never run.
 * 2. With `--may-start-descendants`, every child of a table that runs or restarts is restarted —
 *    unless both it and that parent are stateless, or it belongs to another product (not common,
 *    no `--cross-product`). Its other ancestors go through rule 1, and all of its descendants restart
 *    (their input is rewritten from the beginning).
 *
 * What differs: statefulness comes from the engine's physical plan (the bound tree where the engine
 * cannot plan a statement yet), not from keywords on a line, so a projection
 * into an upsert table or a lookup join is stateless and its stateless children keep running (the
 * reasons say where shift_left would decide otherwise); nodes come out in execution order (shift_left
 * appends a child's descendants leaves first); and children a restart does not reach are listed.
 */
export function buildExecutionPlan(
  project: Project,
  selector: PlanSelector,
  options: PlanOptions,
  running: RunningState,
): ExecutionPlan | { error: string } {
  const starts = startTables(project, selector);
  if ("error" in starts) return starts;
  const environment = configString(project.config, "deploy.environment");
  const region = configString(project.config, "deploy.region");
  const commonProducts = configList(project.config, "project.accepted_common_products");
  const table = (name: string): ProjectTable => project.tables.get(name)!;
  const dmlName = (t: ProjectTable) => statementName("dml", t.name, t.product, environment, region);
  const phaseOf = (t: ProjectTable): Phase => running.get(dmlName(t)) ?? running.get(t.name) ?? "UNKNOWN";
  const rank = new Map(project.order.map((n, i) => [n, i]));

  const decisions = new Map<string, Decision>();
  const planned: string[] = [];
  const kept: KeptRunning[] = [];
  const decide = (name: string): Decision => {
    let d = decisions.get(name);
    if (!d) {
      d = { toRun: false, toRestart: false, reason: "" };
      decisions.set(name, d);
    }
    return d;
  };

  /** Start tables and all their ancestors, parents first; `skip` is an edge not to follow. */
  const sortedAncestors = (names: readonly string[], skip?: { child: string; parent: string }): string[] => {
    const parentsOf = (n: string) =>
      table(n).parents.filter((p) => !(skip && n === skip.child && p === skip.parent));
    const set = new Set(names);
    for (const n of names) for (const a of reachable(n, parentsOf)) set.add(a);
    const byRank = [...set].sort((a, b) => rank.get(a)! - rank.get(b)!);
    return topologicalOrder(byRank, parentsOf).order;
  };

  const processAncestors = (names: readonly string[], forWhom: string) => {
    for (const name of names) {
      const t = table(name);
      const d = decide(name);
      if (t.external) {
        d.toRun = false;
        d.toRestart = false;
        d.reason =
          t.external === "declared"
            ? "external: no statement of the project writes it"
            : "undeclared table: nothing to deploy";
      } else if (options.forceAncestors && !d.toRestart) {
        if (!d.toRun) d.reason = `--force-ancestors: rerun as an ancestor of ${forWhom}`;
        d.toRun = true;
      } else if (!isRunningPhase(phaseOf(t)) && !d.toRestart) {
        if (!d.toRun) d.reason = `not running (${phaseOf(t)}): ${forWhom} needs it`;
        d.toRun = true;
      } else if (!d.toRun && !d.toRestart && d.reason === "") {
        d.reason = `running (${phaseOf(t)}): kept as is`;
      }
      if (!planned.includes(name)) planned.push(name);
    }
  };

  if (selector.kind === "table") {
    const d = decide(selector.table);
    d.toRestart = true;
    d.reason = "start table: restart requested";
  }
  let ancestors = sortedAncestors(starts.names);
  if (selector.kind === "product" && options.mayStartDescendants) {
    ancestors = ancestors.filter((n) => inProductFamily(table(n), selector.product, commonProducts, project));
  }
  const startName = ancestors[ancestors.length - 1] ?? starts.names[0]!;
  const expectedProduct = selector.kind === "product" ? selector.product : table(startName).product;
  processAncestors(ancestors, selector.kind === "table" ? selector.table : describeSelector(selector));

  if (options.mayStartDescendants) {
    for (let i = 0; i < planned.length; i++) {
      const parent = table(planned[i]!);
      const pd = decide(parent.name);
      if (!pd.toRun && !pd.toRestart) continue;
      for (const childName of parent.children) {
        const child = table(childName);
        if (parent.state.form === "Stateless" && child.state.form === "Stateless") {
          kept.push({
            table_name: childName,
            parent: parent.name,
            reason: statelessEdgeReason(parent, child),
          });
          continue;
        }
        // A child already listed only as a running ancestor of another child still needs its restart.
        const listed = decisions.get(childName);
        if (listed && (listed.toRun || listed.toRestart)) continue;
        const sameFamily =
          child.product === expectedProduct || commonProducts.includes(child.product) || options.crossProduct;
        if (!sameFamily) {
          kept.push({
            table_name: childName,
            parent: parent.name,
            reason: `product ${child.product} is not ${expectedProduct}: pass --cross-product to restart it`,
          });
          continue;
        }
        const cd = decide(childName);
        cd.toRestart = !cd.toRun;
        if (cd.toRestart) cd.reason = restartChildReason(parent, child);
        processAncestors(sortedAncestors([childName], { child: childName, parent: parent.name }), childName);
        const descendantsOf = (n: string) => table(n).children;
        const descendants = topologicalOrder(
          reachable(childName, descendantsOf).sort((a, b) => rank.get(a)! - rank.get(b)!),
          (n) => table(n).parents,
        ).order;
        for (const name of descendants) {
          const dd = decide(name);
          dd.toRestart = !dd.toRun;
          if (dd.toRestart && !planned.includes(name))
            dd.reason = `descendant of restarted ${childName}: its input is rewritten from the beginning`;
          if (!planned.includes(name)) planned.push(name);
        }
      }
    }
  }

  const order = topologicalOrder(planned, (n) => table(n).parents).order;
  const nodes = order.map((name) =>
    planNode(table(name), decide(name), phaseOf(table(name)), options, environment, region),
  );
  return {
    start_table_name: startName,
    selector,
    options,
    environment_id: configString(project.config, "deploy.environment_id"),
    nodes,
    kept_running: dedupeKept(kept.filter((k) => !planned.includes(k.table_name))),
  };
}

function startTables(project: Project, selector: PlanSelector): { names: string[] } | { error: string } {
  const own = [...project.tables.values()].filter((t) => !t.external);
  let names: string[];
  if (selector.kind === "table") {
    const t = project.tables.get(selector.table);
    if (!t) return { error: `no table '${selector.table}' in the project` };
    if (t.external) return { error: `'${selector.table}' is external: the project does not deploy it` };
    names = [t.name];
  } else if (selector.kind === "product") {
    names = own.filter((t) => t.product === selector.product).map((t) => t.name);
    if (names.length === 0) return { error: `no table of product '${selector.product}'` };
  } else {
    const prefix = selector.dir.endsWith("/") ? selector.dir : `${selector.dir}/`;
    names = own.filter((t) => t.folder && `${t.folder}/`.startsWith(prefix)).map((t) => t.name);
    if (names.length === 0) return { error: `no table folder under '${selector.dir}'` };
  }
  if (project.findings.some((f) => f.code === "project/cycle"))
    return { error: "the project has a dependency cycle" };
  return { names };
}

/** shift_left drops foreign-product ancestors that feed nothing of the product (product mode only). */
function inProductFamily(
  t: ProjectTable,
  product: string,
  common: readonly string[],
  project: Project,
): boolean {
  const ok = (p: string) => p === product || common.includes(p);
  return ok(t.product) || t.children.some((c) => ok(project.tables.get(c)!.product));
}

function describeSelector(selector: PlanSelector): string {
  return selector.kind === "product"
    ? `product ${selector.product}`
    : selector.kind === "dir"
      ? `folder ${selector.dir}`
      : selector.table;
}

function stateReasons(t: ProjectTable): string {
  const held = t.state.findings.filter((f) => f.stateful).map((f) => f.reason);
  return held.length > 0 ? held.join(", ") : "no operator holds state";
}

function restartChildReason(parent: ProjectTable, child: ProjectTable): string {
  return child.state.form === "Stateful"
    ? `child of ${parent.name}: stateful (${stateReasons(child)}), would count the replayed input twice`
    : `child of stateful ${parent.name} (${stateReasons(parent)}): its rewritten changelog must be read from the start`;
}

/** Why a child keeps running, and where shift_left's keyword heuristic would have restarted it. */
function statelessEdgeReason(parent: ProjectTable, child: ProjectTable): string {
  const base = `both ${parent.name} and ${child.name} are stateless: ${child.name} need not restart`;
  const differs = [parent, child].filter((t) => t.state.shiftLeftForm === "Stateful").map((t) => t.name);
  if (differs.length === 0) return base;
  return `${base} (shift_left would restart it: its line heuristic calls ${differs.join(" and ")} Stateful, but Headwater finds ${[parent, child].map((t) => `${t.name}: ${describeStateless(t)}`).join("; ")})`;
}

function describeStateless(t: ProjectTable): string {
  const notes = t.state.findings.map((f) => f.reason);
  const mode = t.schema?.options["changelog.mode"];
  if (mode && (mode.includes("upsert") || mode.includes("retract")))
    notes.push(`'${mode}' changelog.mode alone holds no state`);
  return notes.length > 0 ? notes.join(", ") : "projection/filter only";
}

function planNode(
  t: ProjectTable,
  d: Decision,
  phase: Phase,
  options: PlanOptions,
  environment: string,
  region: string,
): PlanNode {
  return {
    table_name: t.name,
    product_name: t.product,
    type: t.type,
    path: t.folder ?? null,
    dml_ref: t.dmlRef ?? null,
    dml_statement_name: statementName("dml", t.name, t.product, environment, region),
    ddl_ref: t.ddlRef ?? null,
    ddl_statement_name: statementName("ddl", t.name, t.product, environment, region),
    upgrade_mode: t.state.form,
    update_children: (d.toRun || d.toRestart) && t.state.form === "Stateful" && options.mayStartDescendants,
    parents: t.parents,
    children: t.children,
    status_phase: phase,
    to_run: d.toRun,
    to_restart: d.toRestart,
    action: d.toRestart ? "restart" : d.toRun ? "run" : "skip",
    reason: d.reason,
  };
}

function dedupeKept(kept: readonly KeptRunning[]): KeptRunning[] {
  const seen = new Set<string>();
  return kept.filter((k) => {
    const key = `${k.table_name}\u0000${k.parent}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
