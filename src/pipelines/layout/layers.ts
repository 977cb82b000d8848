/**
 * The folder conventions of a shift_left-compatible project: `pipelines/<layer>/<product>/<table>/sql-scripts`.
 * Layer and product come from path segments relative to the pipelines root, never from a substring
 * test on the absolute path (shift_left's substring test calls any path containing "source" a source).
 */

/** The table types shift_left writes into inventory.json and pipeline_definition.json. */
export type TableType =
  | "source"
  | "intermediate"
  | "dimension"
  | "fact"
  | "view"
  | "seed"
  | "dead_letter"
  /** A table read by the project that nothing in it declares (shift_left's synthetic external parent). */
  | "external_kafka"
  | "unknown-type";

/** The layer folders `project init` creates, in data-flow order. */
export const LAYER_FOLDERS = ["sources", "intermediates", "dimensions", "facts", "views"] as const;
export type LayerFolder = (typeof LAYER_FOLDERS)[number];

const TYPE_BY_FOLDER: Readonly<Record<string, TableType>> = {
  sources: "source",
  intermediates: "intermediate",
  stage: "intermediate",
  dimensions: "dimension",
  facts: "fact",
  views: "view",
  seeds: "seed",
  dead_letter: "dead_letter",
};

/** Folders that are layers, not products: a table directly under one has no product. */
const NOT_PRODUCTS = new Set(["facts", "intermediates", "sources", "dimensions", "views", "stage", "seeds"]);

/** shift_left's spelling of "no product" in its JSON files. */
export const NO_PRODUCT = "None";

/**
 * `segments` = the table folder's path relative to the pipelines root. Kimball layout:
 * `<layer>/<product>/<table>` (or `<layer>/<table>`); data-product layout: `<product>/<layer>/<table>`.
 */
export function tableTypeOf(segments: readonly string[]): TableType {
  const i = layerIndex(segments);
  return i < 0 ? "unknown-type" : TYPE_BY_FOLDER[segments[i]!]!;
}

export function productOf(segments: readonly string[]): string {
  const i = layerIndex(segments);
  if (i > 0) return segments[i - 1]!;
  if (segments.length < 3) return NO_PRODUCT;
  const parent = segments[segments.length - 2]!;
  return NOT_PRODUCTS.has(parent) ? NO_PRODUCT : parent;
}

/** The first segment naming a layer, excluding the table folder itself. */
function layerIndex(segments: readonly string[]): number {
  return segments.slice(0, -1).findIndex((s) => TYPE_BY_FOLDER[s] !== undefined);
}

export function layerFolderOf(type: TableType): LayerFolder | undefined {
  switch (type) {
    case "source":
      return "sources";
    case "intermediate":
      return "intermediates";
    case "dimension":
      return "dimensions";
    case "fact":
      return "facts";
    case "view":
      return "views";
    default:
      return undefined;
  }
}

/** `--layer` accepts the folder name or the type name. */
export function parseLayer(text: string): LayerFolder | undefined {
  const folder = (LAYER_FOLDERS as readonly string[]).includes(text) ? (text as LayerFolder) : undefined;
  return folder ?? layerFolderOf(TYPE_BY_FOLDER[`${text}s`] ?? "unknown-type");
}
