import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseScript } from "../../sql/parser/index.ts";
import { printScript } from "../../sql/printer/index.ts";
import type { StateForm } from "../analysis/statefulness.ts";
import { reachable } from "../project/graph.ts";
import type { Project, ProjectTable } from "../project/model.ts";
import type { ChangedFile, ChangeSet } from "./changed-files.ts";
import { nextVersionName } from "./versioning.ts";

/** How a table changed: its own SQL, or only because an ancestor changed (`impacted`). */
export type TableChangeKind = "new" | "modified" | "formatting" | "removed" | "impacted";

/**
 * `blue-green`: deploy a new version (`newName`) beside the running one and switch over;
 * `restart`: restart the statement in place; `keep-running`: leave it; `deploy`/`undeploy`: a table
 * that appears or disappears; `none`: nothing changed that runs.
 */
export type ChangeAction = "blue-green" | "restart" | "keep-running" | "deploy" | "undeploy" | "none";

export interface TableProposal {
  readonly table: string;
  readonly change: TableChangeKind;
  /** Its changed files (project-relative). */
  readonly files: readonly string[];
  readonly form?: StateForm;
  readonly action: ChangeAction;
  readonly newName?: string;
  readonly reason: string;
}

export interface ChangedFileEntry extends Omit<ChangedFile, "before"> {
  /** The table whose DDL or DML the file is; absent for other SQL under the pipelines folder. */
  readonly table?: string;
  /** The statements are the same once parsed: only formatting or comments differ. */
  readonly formattingOnly: boolean;
}

export interface ChangeReport {
  readonly base: string;
  readonly baseFrom: string;
  readonly files: readonly ChangedFileEntry[];
  /** Changed and impacted tables, in dependency order (removed tables last). */
  readonly tables: readonly TableProposal[];
}

const RANK: Readonly<Record<ChangeAction, number>> = {
  none: 0,
  "keep-running": 1,
  restart: 2,
  deploy: 2,
  undeploy: 2,
  "blue-green": 3,
};

/** What one change implies for one table; `from` is the changed table it follows from. */
interface Verdict {
  readonly action: ChangeAction;
  readonly from: string;
  /** Its reason; a cascade's is completed once every table is decided (it names the parent). */
  readonly reason: string | "cascade";
}

/**
 * From the changed SQL files to a proposal per table. A table whose statements changed is versioned
 * blue/green (`t_vN` → `t_vN+1`, and every descendant too, since each must read its parent's new
 * topic) when it or any descendant is stateful: their state has to be rebuilt from the new output
 * while the old version keeps serving. When it and all its descendants are stateless it restarts in
 * place and the descendants keep running (the execution plan's rule for a stateless edge).
 */
export function proposeChanges(project: Project, changes: ChangeSet): ChangeReport {
  const files = changes.files.map((f) => describeFile(project, f));
  const filesOf = new Map<string, ChangedFileEntry[]>();
  for (const f of files) if (f.table) filesOf.set(f.table, [...(filesOf.get(f.table) ?? []), f]);
  const tableOf = (name: string) => project.tables.get(name);
  const position = (name: string) => {
    const at = project.order.indexOf(name);
    return at < 0 ? Number.MAX_SAFE_INTEGER : at;
  };
  const byPosition = (a: string, b: string) => position(a) - position(b) || a.localeCompare(b);

  const own = new Map<string, TableChangeKind>();
  const verdicts = new Map<string, Verdict[]>();
  const add = (table: string, verdict: Verdict) =>
    verdicts.set(table, [...(verdicts.get(table) ?? []), verdict]);
  for (const name of [...filesOf.keys()].sort(byPosition)) {
    const table = tableOf(name);
    const changed = filesOf.get(name)!;
    const kind = !table
      ? "removed"
      : changed.every((f) => f.formattingOnly)
        ? "formatting"
        : isNew(table, changed)
          ? "new"
          : "modified";
    own.set(name, kind);
    if (kind !== "modified") {
      add(name, OWN_VERDICT[kind]);
      continue;
    }
    const descendants = reachable(name, (n) => tableOf(n)?.children ?? [])
      .filter((n) => tableOf(n))
      .sort(byPosition);
    const statefulBelow = descendants.filter((n) => tableOf(n)!.state.form === "Stateful");
    if (table!.state.form === "Stateful" || statefulBelow.length > 0) {
      add(name, {
        action: "blue-green",
        from: name,
        reason:
          table!.state.form === "Stateful"
            ? `changed and stateful (${heldState(table!)}): run ${nextVersionName(name)} beside it until it has caught up, then switch`
            : `changed; stateless, but its descendants ${statefulBelow.join(", ")} are stateful and must rebuild their state from its new output: version it and them`,
      });
      for (const d of descendants) add(d, { action: "blue-green", from: name, reason: "cascade" });
    } else {
      add(name, {
        action: "restart",
        from: name,
        reason: `changed; ${descendants.length > 0 ? "it and all its descendants are" : "it is"} stateless: restart it in place, nothing to rebuild`,
      });
      for (const d of descendants)
        add(d, {
          action: "keep-running",
          from: name,
          reason: `stateless, below restarted ${name}: keeps running (both stateless)`,
        });
    }
  }

  const strongest = new Map(
    [...verdicts].map(([t, vs]) => [t, vs.reduce((a, b) => (RANK[b.action] > RANK[a.action] ? b : a))]),
  );
  const tables = [...verdicts.keys()].sort(byPosition).map((name): TableProposal => {
    const verdict = strongest.get(name)!;
    const kind = own.get(name) ?? "impacted";
    const t = tableOf(name);
    let reason = verdict.reason;
    if (reason === "cascade") {
      const parent = t!.parents.find((p) => strongest.get(p)?.action === "blue-green");
      reason = `reads ${parent}, whose new version is ${parent && nextVersionName(parent)}: its own new version reads that (cascade from ${verdict.from})`;
      if (kind !== "impacted")
        reason = `${kind === "formatting" ? "only formatting changed" : kind}, and it ${reason}`;
    }
    return {
      table: name,
      change: kind,
      files: (filesOf.get(name) ?? []).map((f) => f.path),
      ...(t ? { form: t.state.form } : {}),
      action: verdict.action,
      ...(verdict.action === "blue-green" ? { newName: nextVersionName(name) } : {}),
      reason,
    };
  });
  return { base: changes.base, baseFrom: changes.baseFrom, files, tables };
}

const OWN_VERDICT: Readonly<Record<"new" | "formatting" | "removed", Verdict>> = {
  new: { action: "deploy", from: "", reason: "new table: deploy it" },
  formatting: {
    action: "none",
    from: "",
    reason: "only formatting or comments changed (the statements are the same): nothing to redeploy",
  },
  removed: {
    action: "undeploy",
    from: "",
    reason: "no longer in the project: undeploy its statement and drop its table",
  },
};

function describeFile(project: Project, file: ChangedFile): ChangedFileEntry {
  const table =
    [...project.tables.values()].find((t) => t.ddlRef === file.path || t.dmlRef === file.path)?.name ??
    tableFromFileName(file.path);
  const path = join(project.dir, file.path);
  const after = file.status !== "deleted" && existsSync(path) ? readFileSync(path, "utf8") : undefined;
  const formattingOnly =
    file.before !== undefined && after !== undefined && sameStatements(file.before, after);
  const { before: _before, ...entry } = file;
  return { ...entry, ...(table ? { table } : {}), formattingOnly };
}

/** shift_left's file names: `ddl.<table>.sql`, `dml.<table>.sql`. */
function tableFromFileName(path: string): string | undefined {
  return /(?:^|\/)(?:ddl|dml)\.([^/]+)\.sql$/.exec(path)?.[1];
}

function isNew(table: ProjectTable, changed: readonly ChangedFileEntry[]): boolean {
  return changed.some((f) => f.path === table.ddlRef && f.status === "added");
}

/** Both texts parse to statements that print the same: they differ in formatting or comments only. */
function sameStatements(before: string, after: string): boolean {
  const a = parseScript({ name: "", text: before });
  const b = parseScript({ name: "", text: after });
  if (a.diagnostics.length > 0 || b.diagnostics.length > 0) return false;
  return printScript(a.statements) === printScript(b.statements);
}

function heldState(table: ProjectTable): string {
  return table.state.findings
    .filter((f) => f.stateful)
    .map((f) => f.reason)
    .join(", ");
}
