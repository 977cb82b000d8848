import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Span } from "../../common/source.ts";
import type { Property } from "../../sql/ast/names.ts";
import type { CreateTable } from "../../sql/ast/statement.ts";
import { parseScript } from "../../sql/parser/index.ts";
import { type LayerFolder, layerFolderOf } from "../layout/layers.ts";
import { expectedPrefix } from "../layout/naming.ts";
import { PIPELINE_DEFINITION_FILE } from "../metadata/write-metadata.ts";
import { type Finding, findingAt } from "../project/findings.ts";
import type { Project, ProjectTable } from "../project/model.ts";

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
  const segments = table.folder.split("/").slice(1);
  if (segments.length !== 3 || segments[0] !== layer)
    out.push(
      findingAt(
        "warning",
        "lint/directory",
        `table folder should be ${project.pipelinesDir}/${layer}/<product>/<table>`,
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
          "lint/file-name",
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
        "lint/table-name",
        `table name '${table.name}' should start with '${prefix}'`,
        table.ddlRef,
        nameSpan,
      ),
    );
  if (layer === "intermediates" && table.name.endsWith("_deduped"))
    out.push(
      findingAt(
        "warning",
        "lint/table-name",
        "intermediate table names must not end with _deduped",
        table.ddlRef,
        nameSpan,
      ),
    );
  if (create) out.push(...lintCreate(create, layer, table.ddlRef!));
  for (const statement of table.state.statements)
    for (const message of statement.flinkRejections ?? [])
      out.push(
        findingAt(
          "warning",
          "lint/flink-unsupported",
          `Apache Flink 1.20 rejects this statement (Headwater runs it): ${message}`,
          statement.file,
        ),
      );
  if (table.dmlRef && !existsSync(join(project.dir, table.folder, PIPELINE_DEFINITION_FILE)))
    out.push(
      findingAt(
        "warning",
        "lint/pipeline-definition",
        `missing ${PIPELINE_DEFINITION_FILE}: run headwater inventory`,
        table.dmlRef,
      ),
    );
  return out;
}

function lintCreate(create: CreateTable, layer: LayerFolder, file: string): Finding[] {
  const out: Finding[] = [];
  if (!create.ifNotExists)
    out.push(
      findingAt(
        "warning",
        "lint/create-table",
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
          findingAt("warning", "lint/schema-context", `'${key}' is not set`, file, optionsSpan(create)),
        );
    const rules = TOPIC_RULES[layer];
    const mode = option("changelog.mode");
    if (!(mode?.value ?? "append").startsWith(rules.changelog))
      out.push(
        findingAt(
          "warning",
          "lint/changelog-mode",
          `${layer} tables use changelog.mode '${rules.changelog}', not '${mode?.value ?? "append"}'`,
          file,
          (mode ?? create).span,
        ),
      );
    const cleanup = option("kafka.cleanup-policy");
    if (!(cleanup?.value ?? "delete").startsWith(rules.cleanup))
      out.push(
        findingAt(
          "warning",
          "lint/cleanup-policy",
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
