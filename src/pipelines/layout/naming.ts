import { type LayerFolder, NO_PRODUCT } from "./layers.ts";

/**
 * Table names by layer (shift_left's `table init` convention), built from the folder name `x` and
 * product `p`: sources `src_<p>_x`, intermediates `int_<p>_x`, facts `<p>_fct_x`, dimensions
 * `<p>_dim_x`, views `<p>_mv_x`. A prefix the folder already carries is not repeated.
 */
export function longTableName(layer: LayerFolder, folder: string, product: string | undefined): string {
  const p = product && product !== NO_PRODUCT ? product : undefined;
  switch (layer) {
    case "sources":
      return p ? `src_${p}_${strip(folder, "src_")}` : `src_${strip(folder, "src_")}`;
    case "intermediates":
      return p ? `int_${p}_${strip(folder, "int_")}` : `int_${strip(folder, "int_")}`;
    case "facts":
      return p ? `${p}_fct_${strip(folder, "fct_")}` : `fct_${strip(folder, "fct_")}`;
    case "dimensions":
      return p ? `${p}_dim_${strip(folder, "dim_")}` : `dim_${strip(folder, "dim_")}`;
    case "views":
      return p ? `${p}_mv_${folder}` : `mv_${folder}`;
    default:
      return layer satisfies never;
  }
}

/** The name prefix a table of `layer` in `product` must carry (lint and `table init`). */
export function expectedPrefix(layer: LayerFolder, product: string): string {
  switch (layer) {
    case "sources":
      return `src_${product}`;
    case "intermediates":
      return `int_${product}`;
    case "facts":
      return `${product}_fct`;
    case "dimensions":
      return `${product}_dim`;
    case "views":
      return `${product}_mv`;
    default:
      return layer satisfies never;
  }
}

function strip(name: string, prefix: string): string {
  return name.startsWith(prefix) ? name.slice(prefix.length) : name;
}

const REGION_WORDS: readonly (readonly [string, string])[] = [
  ["east", "e"],
  ["west", "w"],
  ["south", "s"],
  ["north", "n"],
  ["central", "c"],
];

/** `us-west-2` → `usw2`, as shift_left abbreviates regions in statement names. */
export function abbreviateRegion(region: string): string {
  let out = region.split("-").join("");
  for (const [word, letter] of REGION_WORDS) out = out.split(word).join(letter);
  return out;
}

export const kebab = (name: string): string => name.split("_").join("-");

/**
 * Statement names as shift_left builds them: `<env>-<region abbrev>[-<product>]-(ddl|dml|drop)-<table kebab>`,
 * e.g. `dev-usw2-p2-dml-src-x`. Deterministic, so a redeploy finds the statement it replaces.
 */
export function statementName(
  kind: "ddl" | "dml" | "drop",
  table: string,
  product: string,
  environment: string,
  region: string,
): string {
  const prefix = `${environment}-${abbreviateRegion(region)}`;
  const withProduct = product && product !== NO_PRODUCT ? `${prefix}-${product}` : prefix;
  return `${withProduct}-${kind}-${kebab(table)}`;
}
