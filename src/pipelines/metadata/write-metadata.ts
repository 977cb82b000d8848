import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Project, ProjectTable } from "../project/model.ts";
import { buildInventory } from "./inventory.ts";
import { buildPipelineDefinition, formatPipelineDefinition } from "./pipeline-definition.ts";

export const INVENTORY_FILE = "inventory.json";
export const PIPELINE_DEFINITION_FILE = "pipeline_definition.json";

/** A metadata file as `headwater inventory` writes it: project-relative path and exact text. */
export interface MetadataFile {
  readonly path: string;
  readonly text: string;
}

/**
 * `<pipelines>/inventory.json` and a pipeline_definition.json per table folder, sorted by path. The one
 * rendering the writer, lint's staleness check and the committed examples' tests all compare against.
 */
export function metadataFiles(project: Project): MetadataFile[] {
  const files: MetadataFile[] = [
    {
      path: join(project.pipelinesDir, INVENTORY_FILE),
      text: `${JSON.stringify(buildInventory(project), null, 2)}\n`,
    },
  ];
  for (const table of project.tables.values()) {
    const file = pipelineDefinitionFile(project, table);
    if (file) files.push(file);
  }
  return files.sort((a, b) => a.path.localeCompare(b.path));
}

/** The table's pipeline_definition.json, or undefined for a table without a folder. */
export function pipelineDefinitionFile(project: Project, table: ProjectTable): MetadataFile | undefined {
  if (!table.folder) return undefined;
  return {
    path: join(table.folder, PIPELINE_DEFINITION_FILE),
    text: formatPipelineDefinition(buildPipelineDefinition(project, table)),
  };
}

/** Writes the project's metadata files; returns their paths. */
export function writeMetadata(project: Project): string[] {
  const files = metadataFiles(project);
  for (const file of files) writeFileSync(join(project.dir, file.path), file.text);
  return files.map((f) => f.path);
}
