import { existsSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { FunctionSignature } from "../../../sql/catalog/catalog.ts";
import { signatureOf, UdfShapeError } from "./udf-signature.ts";

/**
 * Loads `path/to/module.ts[#exportName]` (the default export without `#`), relative paths against
 * `baseDir`, and checks that the export is a function definition.
 */
export async function loadUdfModule(reference: string, baseDir: string): Promise<FunctionSignature> {
  const hash = reference.lastIndexOf("#");
  const path = hash < 0 ? reference : reference.slice(0, hash);
  const exportName = hash < 0 ? "default" : reference.slice(hash + 1);
  if (path.trim() === "" || exportName === "")
    throw new UdfShapeError(
      `'${reference}' is not a module reference: write 'path/to/module.ts' or 'path/to/module.ts#exportName'`,
    );
  const file = isAbsolute(path) ? path : resolve(baseDir, path);
  if (!existsSync(file)) throw new UdfShapeError(`module '${path}' does not exist (looked for ${file})`);
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UdfShapeError(`module '${path}' could not be loaded: ${reason}`);
  }
  if (!(exportName in module)) {
    const names = Object.keys(module)
      .filter((k) => k !== "__esModule")
      .sort();
    throw new UdfShapeError(
      `module '${path}' has no export '${exportName}'${names.length > 0 ? `; it exports ${names.join(", ")}` : ""}`,
    );
  }
  return signatureOf(module[exportName], `export '${exportName}' of '${path}'`);
}
