import type { TableView } from "../../engine/index.ts";
import { formatDataType } from "../../sql/types/format-type.ts";

export type ExportFormat = "parquet" | "csv" | "json";
export const EXPORT_FORMATS: readonly ExportFormat[] = ["parquet", "csv", "json"];

/** What a version of an exported table holds, written next to its data file as manifest.json. */
export interface ExportManifest {
  readonly table: string;
  readonly version: number;
  /** When the snapshot was taken, ISO 8601 in UTC. */
  readonly created: string;
  readonly format: ExportFormat;
  readonly rowCount: number;
  /** The table's changelog offset the snapshot reflects: every change before it, none after. */
  readonly sourceOffset: number;
  readonly schema: {
    readonly columns: readonly { readonly name: string; readonly type: string; readonly nullable: boolean }[];
    readonly primaryKey: readonly string[];
  };
  readonly file: {
    /** Relative to the version's directory. */
    readonly path: string;
    readonly bytes: number;
    readonly sha256: string;
  };
}

/** The schema part of a manifest: columns with their Flink types as Flink prints them. */
export function manifestSchema(view: TableView): ExportManifest["schema"] {
  return {
    columns: view.columns.map((c) => ({
      name: c.name,
      type: formatDataType(c.type),
      nullable: c.type.nullable,
    })),
    primaryKey: [...view.primaryKey],
  };
}

/** The data file's name for a format. */
export function dataFileName(format: ExportFormat): string {
  return format === "json" ? "data.jsonl" : `data.${format}`;
}
