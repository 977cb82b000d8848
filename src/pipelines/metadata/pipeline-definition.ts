import type { Complexity } from "../analysis/complexity.ts";
import type { Project, ProjectTable } from "../project/model.ts";

/** shift_left's pipeline_definition.json: the table with its direct parents and children, one level deep. */
export interface PipelineDefinition {
  readonly table_name: string;
  readonly product_name: string;
  readonly type: string;
  readonly dml_ref: string;
  readonly ddl_ref: string;
  readonly path: string;
  readonly kafka_topic: string | null;
  readonly complexity: Complexity;
  readonly parents: readonly PipelineDefinition[];
  readonly children: readonly PipelineDefinition[];
}

/**
 * Parents and children are embedded stubs whose own lists are empty, except that each parent lists
 * the current table among its children, as shift_left's files do. Rebuilt from the project each
 * time, so stale parents or children never linger (shift_left merges into existing files).
 */
export function buildPipelineDefinition(project: Project, table: ProjectTable): PipelineDefinition {
  const self = stub(table, [], []);
  const get = (name: string) => project.tables.get(name)!;
  return stub(
    table,
    table.parents.map((p) => stub(get(p), [], [self])),
    table.children.map((c) => stub(get(c), [], [])),
  );
}

function stub(
  t: ProjectTable,
  parents: readonly PipelineDefinition[],
  children: readonly PipelineDefinition[],
): PipelineDefinition {
  return {
    table_name: t.name,
    product_name: t.product,
    type: t.type,
    dml_ref: t.dmlRef ?? "",
    ddl_ref: t.ddlRef ?? "",
    path: t.folder ?? "",
    kafka_topic: t.external === "undeclared" ? t.name : null,
    complexity: t.complexity,
    parents,
    children,
  };
}

/** shift_left writes these files with a 3-space indent. */
export function formatPipelineDefinition(definition: PipelineDefinition): string {
  return `${JSON.stringify(definition, null, 3)}\n`;
}
