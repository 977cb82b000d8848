import type { Project, ProjectTable } from "../project/model.ts";

/** One row of shift_left's inventory.json, field order as it writes them. */
export interface InventoryEntry {
  readonly table_name: string;
  readonly product_name: string;
  readonly type: string;
  readonly dml_ref: string | null;
  readonly ddl_ref: string | null;
  readonly table_folder_name: string;
  readonly kafka_topic: string | null;
}

/**
 * inventory.json: one entry per table folder, keyed and sorted by table name. Tables the project
 * reads without declaring them are not folders, so they are not listed (they are findings).
 * A DDL-only table has `dml_ref: null`.
 */
export function buildInventory(project: Project): Record<string, InventoryEntry> {
  const rows = [...project.tables.values()]
    .filter((t) => t.folder !== undefined)
    .sort((a, b) => a.name.localeCompare(b.name));
  return Object.fromEntries(rows.map((t) => [t.name, inventoryEntry(t)]));
}

export function inventoryEntry(t: ProjectTable): InventoryEntry {
  return {
    table_name: t.name,
    product_name: t.product,
    type: t.type,
    dml_ref: t.dmlRef ?? null,
    ddl_ref: t.ddlRef ?? null,
    table_folder_name: t.folder ?? "",
    kafka_topic: t.external === "undeclared" ? t.name : null,
  };
}
