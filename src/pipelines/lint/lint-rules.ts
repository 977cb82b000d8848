import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Span } from "../../common/source.ts";
import type { Property } from "../../sql/ast/names.ts";
import type { CreateTable } from "../../sql/ast/statement.ts";
import { parseScript } from "../../sql/parser/index.ts";
import { type LayerFolder, layerFolderOf } from "../layout/layers.ts";
import { expectedPrefix } from "../layout/naming.ts";
import { projectTypeOf, tableFolderPath } from "../layout/scaffold.ts";
import { PIPELINE_DEFINITION_FILE, pipelineDefinitionFile } from "../metadata/write-metadata.ts";
import { type Finding, findingAt } from "../project/findings.ts";
import type { Project, ProjectTable } from "../project/model.ts";
import { lintCode } from "./lint-codes.ts";

/** Expected `changelog.mode` and `kafka.cleanup-policy` prefixes by layer (shift_left's conventions). */
const TOPIC_RULES: Readonly<Record<LayerFolder, { changelog: string; cleanup: string }>> = {
  sources: { changelog: "upsert", cleanup: "delete" },
  intermediates: { changelog: "upsert", cleanup: "delete" },
  facts: { changelog: "retract", cleanup: "compact" },
  dimensions: { changelog: "retract", cleanup: "compact" },
  views: { changelog: "retract", cleanup: "compact" },
};

/**
 * shift_left's naming and best-practice checks (seeds.md §1.11), read from the parsed DDL instead of
 * text search, each finding at the statement, name or option that breaks the rule.
 */
export function lintTable(project: Project, table: ProjectTable): Finding[] {
  const layer = layerFolderOf(table.type);
  if (!layer || !table.folder || table.external) return [];
  const out: Finding[] = [];
  const product = table.product;
  const type = projectTypeOf(project.config);
  const folderName = table.folder.slice(table.folder.lastIndexOf("/") + 1);
  if (table.folder !== tableFolderPath(project.pipelinesDir, type, layer, product, folderName))
    out.push(
      findingAt(
        "warning",
        lintCode("directory"),
        `table folder should be ${tableFolderPath(project.pipelinesDir, type, layer, "<product>", "<table>")}`,
        table.ddlRef ?? table.dmlRef,
      ),
    );
  const prefix = expectedPrefix(layer, product);
  for (const [kind, ref] of [
    ["ddl", table.ddlRef],
    ["dml", table.dmlRef],
  ] as const) {
    if (!ref) continue;
    const file = ref.split("/").pop()!;
    if (file !== `${kind}.${table.name}.sql` || !table.name.startsWith(prefix))
      out.push(
        findingAt(
          "warning",
          lintCode("file-name"),
          `file should be named ${kind}.${prefix}_<name>.sql after its table`,
          ref,
        ),
      );
  }
  const create = table.ddlRef ? createStatement(project, table.ddlRef) : undefined;
  const nameSpan = create?.name.span;
  if (!table.name.startsWith(prefix))
    out.push(
      findingAt(
        "warning",
        lintCode("table-name"),
        `table name '${table.name}' should start with '${prefix}'`,
        table.ddlRef,
        nameSpan,
      ),
    );
  if (layer === "intermediates" && table.name.endsWith("_deduped"))
    out.push(
      findingAt(
        "warning",
        lintCode("table-name"),
        "intermediate table names must not end with _deduped",
        table.ddlRef,
        nameSpan,
      ),
    );
  if (create) out.push(...lintCreate(create, layer, table.ddlRef!, upsertIsExact(table)));
  if (table.dmlRef) out.push(...lintPipelineDefinition(project, table, table.dmlRef));
  for (const statement of table.state.statements) {
    if (statement.source.kind === "bound-tree" && statement.source.rejected)
      out.push(
        findingAt(
          "warning",
          lintCode("plan"),
          `the planner rejects this statement, as Flink would at deploy time: ${statement.source.why.split("\n")[0]}`,
          statement.file,
        ),
      );
    for (const message of statement.flinkRejections ?? [])
      out.push(
        findingAt(
          "warning",
          lintCode("flink-unsupported"),
          `Apache Flink 1.20 rejects this statement (Headwater runs it): ${message}`,
          statement.file,
        ),
      );
  }
  return out;
}

/** shift_left reads pipeline_definition.json, so a missing or outdated one misleads it. */
function lintPipelineDefinition(project: Project, table: ProjectTable, dmlRef: string): Finding[] {
  const expected = pipelineDefinitionFile(project, table)!;
  const file = join(project.dir, expected.path);
  const problem = !existsSync(file)
    ? "missing"
    : readFileSync(file, "utf8") !== expected.text
      ? "outdated"
      : undefined;
  if (!problem) return [];
  return [
    findingAt(
      "warning",
      lintCode("pipeline-definition"),
      `${problem} ${PIPELINE_DEFINITION_FILE}: run headwater inventory`,
      problem === "missing" ? dmlRef : expected.path,
    ),
  ];
}

/**
 * Whether the engine's physical plan proves that upserts by the table's primary key reproduce every
 * statement's output exactly: each statement is insert-only or has an upsert key within the primary
 * key, so no SinkUpsertMaterializer is needed and nothing is lost by dropping -U records.
 */
function upsertIsExact(table: ProjectTable): boolean {
  const primaryKey = table.schema?.primaryKey ?? [];
  if (primaryKey.length === 0 || table.state.statements.length === 0) return false;
  return table.state.statements.every(
    (s) =>
      s.source.kind === "physical-plan" &&
      (!s.updating || s.upsertKeys.some((key) => key.every((c) => primaryKey.includes(c)))),
  );
}

/**
 * shift_left wants facts, dimensions and views in `retract` mode; an `upsert` table whose plan proves
 * upserts exact (see upsertIsExact) is accepted too: it is the cheaper changelog for the same rows.
 */
function lintCreate(create: CreateTable, layer: LayerFolder, file: string, upsertExact: boolean): Finding[] {
  const out: Finding[] = [];
  if (!create.ifNotExists)
    out.push(
      findingAt(
        "warning",
        lintCode("create-table"),
        "use CREATE TABLE IF NOT EXISTS so redeploys are idempotent",
        file,
        create.span,
      ),
    );
  const option = (key: string) => create.options.find((p) => p.key === key);
  const confluentStyle = option("connector") === undefined;
  if (confluentStyle) {
    for (const key of ["key.avro-registry.schema-context", "value.avro-registry.schema-context"])
      if (!option(key))
        out.push(
          findingAt("warning", lintCode("schema-context"), `'${key}' is not set`, file, optionsSpan(create)),
        );
    const rules = TOPIC_RULES[layer];
    const mode = option("changelog.mode");
    const declared = mode?.value ?? "append";
    const exactUpsert = rules.changelog === "retract" && declared.startsWith("upsert") && upsertExact;
    if (!declared.startsWith(rules.changelog) && !exactUpsert)
      out.push(
        findingAt(
          "warning",
          lintCode("changelog-mode"),
          rules.changelog === "retract" && declared.startsWith("upsert")
            ? `${layer} tables use changelog.mode 'retract'; 'upsert' only when every statement's upsert key lies within the primary key, which the plan does not show here`
            : `${layer} tables use changelog.mode '${rules.changelog}', not '${declared}'`,
          file,
          (mode ?? create).span,
        ),
      );
    const cleanup = option("kafka.cleanup-policy");
    if (!(cleanup?.value ?? "delete").startsWith(rules.cleanup))
      out.push(
        findingAt(
          "warning",
          lintCode("cleanup-policy"),
          `${layer} tables use kafka.cleanup-policy '${rules.cleanup}', not '${cleanup?.value ?? "delete"}'`,
          file,
          (cleanup ?? create).span,
        ),
      );
  }
  return out;
}

function optionsSpan(create: CreateTable): Span {
  const first: Property | undefined = create.options[0];
  return first?.span ?? create.span;
}

function createStatement(project: Project, ref: string): CreateTable | undefined {
  const text = readFileSync(join(project.dir, ref), "utf8");
  const statement = parseScript({ name: ref, text }).statements.find((s) => s.kind === "createTable");
  return statement?.kind === "createTable" ? statement : undefined;
}
