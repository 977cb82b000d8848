import type { Diagnostic } from "../../common/diagnostic.ts";
import type { SourceText } from "../../common/source.ts";
import type { BoundQuery } from "../../sql/binder/index.ts";
import { SessionCatalog } from "../../sql/catalog/session-catalog.ts";
import type { TableSchema } from "../../sql/catalog/table-schema.ts";
import { complexityOf } from "../analysis/complexity.ts";
import { shiftLeftStateForm, stateFormOf, statementStates } from "../analysis/statefulness.ts";
import { walkBoundQuery } from "../analysis/walk-bound.ts";
import { CONFIG_FILE, configString, loadConfig } from "../config/load-config.ts";
import { discoverTableFolders, type TableFolder } from "../layout/discover.ts";
import { NO_PRODUCT, productOf, tableTypeOf } from "../layout/layers.ts";
import {
  bindDdlFiles,
  bindDmlFile,
  createdTableName,
  insertTargetName,
  type ParsedFile,
  parseFile,
} from "./bind-project.ts";
import { type Finding, findingAt } from "./findings.ts";
import { findCycle, topologicalOrder } from "./graph.ts";
import type { Project, ProjectTable, TableWrite } from "./model.ts";

interface Entry {
  readonly name: string;
  readonly folder: TableFolder;
  readonly ddl?: ParsedFile;
  readonly dml?: ParsedFile;
}

/**
 * Loads a project: discovers table folders, parses and binds every DDL and DML against one catalog
 * (DDL first, in dependency order; then DML, which only reads the catalog), and derives the table
 * graph and complexity from the bound trees and statefulness from the engine's physical plans.
 * Never throws on bad input: every problem becomes a finding.
 */
export function loadProject(dir: string, env: NodeJS.ProcessEnv = process.env): Project {
  const config = loadConfig(dir, env);
  const findings: Finding[] = config.problems.map((p) =>
    findingAt(
      "error",
      "config/invalid",
      `${p.path || "(file)"} = '${p.value}': ${p.why} (from ${p.origin})`,
      CONFIG_FILE,
    ),
  );
  const pipelinesDir = configString(config, "project.pipelines_dir");
  const entries = collectEntries(discoverTableFolders(dir, pipelinesDir), findings);

  const catalog = new SessionCatalog();
  const ddlBound = bindDdlFiles(
    entries.flatMap((e) => (e.ddl ? [e.ddl] : [])),
    catalog,
  );
  const undeclared = new Map<string, string[]>();
  const report = (source: SourceText, diagnostics: readonly Diagnostic[], owner: string) => {
    for (const d of diagnostics) findings.push(diagnosticFinding(source, d, owner, undeclared));
  };

  const writes = new Map<string, TableWrite[]>();
  const schemas = new Map<string, TableSchema>();
  for (const entry of entries) {
    if (!entry.ddl) continue;
    const bound = ddlBound.get(entry.ddl.source.name)!;
    report(entry.ddl.source, bound.diagnostics, entry.name);
    if (bound.schema) schemas.set(entry.name, bound.schema);
    if (bound.query)
      addWrite(writes, entry.name, {
        query: bound.query.query,
        targetColumns: bound.query.query.columns.map((_, i) => i),
        file: entry.ddl.source.name,
        statement: bound.query,
      });
  }
  for (const entry of entries) {
    if (!entry.dml) continue;
    const bound = bindDmlFile(entry.dml, catalog);
    report(entry.dml.source, bound.diagnostics, entry.name);
    for (const write of bound.writes) {
      const target = write.target.path[2];
      if (target !== entry.name)
        findings.push(
          findingAt(
            "warning",
            "project/foreign-insert",
            `writes '${target}', not its own table '${entry.name}'`,
            write.file,
          ),
        );
      addWrite(writes, entries.some((e) => e.name === target) ? target : entry.name, write);
    }
  }

  const parents = new Map<string, Set<string>>();
  for (const entry of entries) {
    const set = new Set<string>();
    for (const w of writes.get(entry.name) ?? []) for (const t of tablesRead(w.query)) set.add(t);
    for (const [name, readers] of undeclared) if (readers.includes(entry.name)) set.add(name);
    set.delete(entry.name);
    parents.set(entry.name, set);
  }

  const tables = new Map<string, ProjectTable>();
  for (const entry of entries) {
    const tableWrites = writes.get(entry.name) ?? [];
    const queries = tableWrites.map((w) => w.query);
    const schema = schemas.get(entry.name);
    const statements = statementStates(tableWrites, catalog);
    const state = statements
      .flatMap((s) => s.findings)
      .filter((f, i, all) => all.findIndex((g) => g.reason === f.reason) === i);
    const form = stateFormOf(state);
    tables.set(entry.name, {
      name: entry.name,
      folder: entry.folder.folder,
      type: tableTypeOf(entry.folder.segments),
      product: productOf(entry.folder.segments),
      ...(entry.ddl ? { ddlRef: entry.ddl.source.name } : {}),
      ...(entry.dml ? { dmlRef: entry.dml.source.name } : {}),
      ...(schema ? { schema } : {}),
      writes: writes.get(entry.name) ?? [],
      parents: [...(parents.get(entry.name) ?? [])].sort(),
      children: [],
      ...(queries.length === 0 ? { external: "declared" as const } : {}),
      state: { form, findings: state, shiftLeftForm: shiftLeftStateForm(queries, schema), statements },
      complexity: complexityOf(queries, form),
    });
  }
  for (const name of undeclared.keys()) {
    if (tables.has(name)) continue;
    tables.set(name, undeclaredTable(name));
  }
  const withChildren = attachChildren(tables);
  const names = [...withChildren.keys()].sort();
  const parentsOf = (n: string) => withChildren.get(n)?.parents ?? [];
  const { order, cyclic } = topologicalOrder(names, parentsOf);
  reportCycles(cyclic, withChildren, parentsOf, findings);
  return { dir, pipelinesDir, config, tables: withChildren, order: [...order, ...cyclic], findings };
}

function collectEntries(folders: readonly TableFolder[], findings: Finding[]): Entry[] {
  const entries: Entry[] = [];
  for (const folder of folders) {
    const ddl = folder.ddl ? parseFile(folder.ddl) : undefined;
    const dml = folder.dml ? parseFile(folder.dml) : undefined;
    for (const ignored of folder.ignoredDdl)
      findings.push(
        findingAt(
          "warning",
          "project/extra-ddl",
          "second DDL file in the folder; only the first is used",
          ignored,
        ),
      );
    if (!ddl) {
      findings.push(
        findingAt(
          "error",
          "project/missing-ddl",
          `table folder ${folder.folder} has no sql-scripts/ddl.*.sql`,
          folder.dml?.name ?? folder.folder,
        ),
      );
    }
    const name =
      (dml && insertTargetName(dml)) ??
      (ddl && createdTableName(ddl)) ??
      folder.segments[folder.segments.length - 1]!;
    const existing = entries.find((e) => e.name === name);
    if (existing) {
      findings.push(
        findingAt(
          "error",
          "project/duplicate-table",
          `table '${name}' is also defined in ${existing.folder.folder}`,
          (ddl ?? dml)?.source.name,
        ),
      );
      continue;
    }
    entries.push({ name, folder, ...(ddl ? { ddl } : {}), ...(dml ? { dml } : {}) });
  }
  return entries;
}

function addWrite(writes: Map<string, TableWrite[]>, table: string, write: TableWrite): void {
  writes.set(table, [...(writes.get(table) ?? []), write]);
}

/** Names of the catalog tables a query reads (views count as tables: they are project tables). */
export function tablesRead(query: BoundQuery): string[] {
  const out = new Set<string>();
  walkBoundQuery(query, {
    relation(relation) {
      if (relation.kind === "table") out.add(relation.table.path[2]);
    },
  });
  return [...out];
}

/**
 * A front-end diagnostic as a finding. An unknown table is the one error the project can explain
 * better: the table is missing from the project, so the message says what to add.
 */
function diagnosticFinding(
  source: SourceText,
  d: Diagnostic,
  owner: string,
  undeclared: Map<string, string[]>,
): Finding {
  if (d.code === "bind/unknown-table") {
    const written = source.text.slice(d.span.start, d.span.end);
    const name = written.split(".").pop()!.split("`").join("");
    undeclared.set(name, [...(undeclared.get(name) ?? []), owner]);
    return findingAt(
      "error",
      "project/undeclared-table",
      `'${owner}' reads table '${name}', which no table folder of the project declares; add its DDL (a source or seed table)`,
      source.name,
      d.span,
    );
  }
  return findingAt(d.severity, d.code, d.message, source.name, d.span);
}

function undeclaredTable(name: string): ProjectTable {
  return {
    name,
    type: "external_kafka",
    product: NO_PRODUCT,
    writes: [],
    parents: [],
    children: [],
    external: "undeclared",
    state: { form: "Stateless", findings: [], shiftLeftForm: "Stateless", statements: [] },
    complexity: complexityOf([], "Stateless"),
  };
}

function attachChildren(tables: Map<string, ProjectTable>): Map<string, ProjectTable> {
  const children = new Map<string, string[]>();
  for (const t of tables.values())
    for (const p of t.parents) children.set(p, [...(children.get(p) ?? []), t.name]);
  return new Map(
    [...tables].map(([name, t]) => [name, { ...t, children: (children.get(name) ?? []).sort() }]),
  );
}

function reportCycles(
  cyclic: readonly string[],
  tables: ReadonlyMap<string, ProjectTable>,
  parentsOf: (n: string) => readonly string[],
  findings: Finding[],
): void {
  const left = new Set(cyclic);
  const reported = new Set<string>();
  for (const name of cyclic) {
    if (reported.has(name)) continue;
    const cycle = findCycle(name, left, parentsOf);
    if (cycle.length < 2) continue;
    for (const n of cycle) reported.add(n);
    const table = tables.get(name);
    findings.push(
      findingAt(
        "error",
        "project/cycle",
        `tables depend on each other in a cycle: ${cycle.join(" → ")}`,
        table?.dmlRef ?? table?.ddlRef,
      ),
    );
  }
}
