import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Project } from "../project/model.ts";
import { buildInventory } from "./inventory.ts";
import { buildPipelineDefinition, formatPipelineDefinition } from "./pipeline-definition.ts";

export const INVENTORY_FILE = "inventory.json";
export const PIPELINE_DEFINITION_FILE = "pipeline_definition.json";

/** Writes `<pipelines>/inventory.json` and a pipeline_definition.json per table folder; returns their paths. */
export function writeMetadata(project: Project): string[] {
  const written: string[] = [];
  const inventoryPath = join(project.pipelinesDir, INVENTORY_FILE);
  writeFileSync(join(project.dir, inventoryPath), `${JSON.stringify(buildInventory(project), null, 2)}\n`);
  written.push(inventoryPath);
  for (const table of project.tables.values()) {
    if (!table.folder) continue;
    const path = join(table.folder, PIPELINE_DEFINITION_FILE);
    writeFileSync(join(project.dir, path), formatPipelineDefinition(buildPipelineDefinition(project, table)));
    written.push(path);
  }
  return written.sort();
}
