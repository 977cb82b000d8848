import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CONFIG_FILE, configString, type ProjectConfig } from "../config/load-config.ts";
import { toPosix } from "./discover.ts";
import { LAYER_FOLDERS, type LayerFolder } from "./layers.ts";
import { longTableName } from "./naming.ts";
import { configTemplate, ddlTemplate, dmlTemplate } from "./templates.ts";

export type ProjectType = "kimball" | "data_product";

/** The configured layout (`project.type`; the config validates it is one of the two). */
export function projectTypeOf(config: ProjectConfig): ProjectType {
  return configString(config, "project.type") === "data_product" ? "data_product" : "kimball";
}

/**
 * Creates a project: headwater.yaml, `pipelines/<layer>/` (kimball) or
 * `pipelines/<product>/<layer>/` (data_product, with a first product folder), and `tests/`.
 * Returns the created paths; refuses to overwrite an existing headwater.yaml.
 */
export function initProject(
  dir: string,
  name: string,
  type: ProjectType,
): { created: string[] } | { error: string } {
  if (existsSync(join(dir, CONFIG_FILE))) return { error: `${join(dir, CONFIG_FILE)} already exists` };
  const created: string[] = [];
  const touch = (path: string, text: string) => {
    writeFileSync(join(dir, path), text);
    created.push(path);
  };
  mkdirSync(dir, { recursive: true });
  touch(CONFIG_FILE, configTemplate(name, type));
  touch(".gitignore", ".headwater/\n");
  const base = type === "kimball" ? "pipelines" : "pipelines/data_product_1";
  for (const layer of LAYER_FOLDERS) {
    mkdirSync(join(dir, base, layer), { recursive: true });
    touch(`${base}/${layer}/.gitkeep`, "");
  }
  mkdirSync(join(dir, "tests"), { recursive: true });
  touch("tests/.gitkeep", "");
  return { created };
}

/**
 * Where a table's folder belongs: `<pipelines>/<layer>/<product>/<folder>` in a kimball project,
 * `<pipelines>/<product>/<layer>/<folder>` in a data_product one (each product its own tree).
 */
export function tableFolderPath(
  pipelinesDir: string,
  type: ProjectType,
  layer: LayerFolder,
  product: string,
  folder: string,
): string {
  return type === "data_product"
    ? `${pipelinesDir}/${product}/${layer}/${folder}`
    : `${pipelinesDir}/${layer}/${product}/${folder}`;
}

/** Creates the table's folder (see tableFolderPath) with DDL and DML named by the layer convention. */
export function initTable(
  projectDir: string,
  pipelinesDir: string,
  type: ProjectType,
  folder: string,
  layer: LayerFolder,
  product: string,
): { table: string; created: string[] } | { error: string } {
  for (const [what, value] of [
    ["table folder name", folder],
    ["product", product],
  ] as const)
    if (!/^[A-Za-z0-9_]+$/.test(value))
      return { error: `the ${what} must be letters, digits and underscores, not '${value}'` };
  const table = longTableName(layer, folder, product);
  const tableDir = tableFolderPath(pipelinesDir, type, layer, product, folder);
  if (existsSync(join(projectDir, tableDir))) return { error: `${tableDir} already exists` };
  mkdirSync(join(projectDir, tableDir, "sql-scripts"), { recursive: true });
  mkdirSync(join(projectDir, tableDir, "tests"), { recursive: true });
  const files: [string, string][] = [
    [join(tableDir, "sql-scripts", `ddl.${table}.sql`), ddlTemplate(table, layer)],
    [join(tableDir, "sql-scripts", `dml.${table}.sql`), dmlTemplate(table)],
    [join(tableDir, "tests", ".gitkeep"), ""],
  ];
  for (const [path, text] of files) writeFileSync(join(projectDir, path), text);
  return { table, created: files.map(([path]) => toPosix(path)) };
}
