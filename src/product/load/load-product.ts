import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { type Diagnostic, diagnostic, renderDiagnostic } from "../../common/diagnostic.ts";
import type { SourceText } from "../../common/source.ts";
import type { Project } from "../../pipelines/index.ts";
import type { TableSchema } from "../../sql/catalog/table-schema.ts";
import { checkContractSchema } from "../check/check-contract-schema.ts";
import type { DataContract } from "../descriptor/data-contract.ts";
import type { DataProduct } from "../descriptor/data-product.ts";
import { readDataContract } from "../descriptor/read-data-contract.ts";
import { readDataProduct } from "../descriptor/read-data-product.ts";
import { YamlReader } from "../yaml/yaml-reader.ts";

/** A product folder holds its ODPS descriptor and the ODCS contract its ports promise. */
export const PRODUCT_FILE = "product.yaml";
export const CONTRACT_FILE = "contract.yaml";
/** Where a project keeps its products: `products/<id>/{product,contract}.yaml`. */
export const PRODUCTS_DIR = "products";

/** One problem of a product's files, with the file it points into. */
export interface ProductProblem {
  readonly source: SourceText;
  readonly diagnostic: Diagnostic;
}

/** A product whose two files read and agree with each other. */
export interface ProductDescriptor {
  readonly dir: string;
  readonly product: DataProduct;
  readonly contract: DataContract;
  readonly sources: { readonly product: SourceText; readonly contract: SourceText };
}

export interface LoadResult {
  readonly descriptors: readonly ProductDescriptor[];
  readonly problems: readonly ProductProblem[];
}

/**
 * Reads and validates one product folder: both files, then what ties them together (every port's
 * contractId is the contract's id, the folder is named after the product's id, the domains agree).
 * Every problem of both files is reported.
 */
export function loadProduct(dir: string): { descriptor?: ProductDescriptor; problems: ProductProblem[] } {
  const productFile = join(dir, PRODUCT_FILE);
  const contractFile = join(dir, CONTRACT_FILE);
  const missing = [productFile, contractFile].filter((file) => !existsSync(file));
  if (missing.length > 0)
    return {
      problems: missing.map((name) => ({
        source: { name, text: "" },
        diagnostic: diagnostic("product/missing-file", "file not found", FILE_START),
      })),
    };
  const productSource = { name: productFile, text: readFileSync(productFile, "utf8") };
  const contractSource = { name: contractFile, text: readFileSync(contractFile, "utf8") };
  const problems: ProductProblem[] = [];
  const productReader = new YamlReader(productSource);
  const contractReader = new YamlReader(contractSource);
  const product = readDataProduct(productReader);
  const contract = readDataContract(contractReader);
  if (product && contract) {
    product.outputPorts.forEach((port, i) => {
      if (port.contractId !== contract.id)
        productReader.errorAt(
          productReader.spanOf(`outputPorts[${i}].contractId`),
          `outputPorts[${i}].contractId`,
          "product/reference",
          `'${port.contractId}' is not the id of ${CONTRACT_FILE} ('${contract.id}')`,
        );
    });
    if (basename(dir) !== product.id)
      productReader.errorAt(
        productReader.spanOf("id"),
        "id",
        "product/reference",
        `the folder is named '${basename(dir)}': name it after the product id '${product.id}'`,
      );
    if (contract.domain !== undefined && contract.domain !== product.domain)
      contractReader.errorAt(
        contractReader.spanOf("domain"),
        "domain",
        "product/reference",
        `'${contract.domain}' differs from the product's domain '${product.domain}'`,
      );
  }
  for (const d of productReader.diagnostics) problems.push({ source: productSource, diagnostic: d });
  for (const d of contractReader.diagnostics) problems.push({ source: contractSource, diagnostic: d });
  if (problems.length > 0 || !product || !contract) return { problems };
  return {
    descriptor: { dir, product, contract, sources: { product: productSource, contract: contractSource } },
    problems,
  };
}

/** Every product under `path`: the folder itself when it holds product.yaml, else each subfolder that does. */
export function loadProducts(path: string): LoadResult {
  const dirs = existsSync(join(path, PRODUCT_FILE))
    ? [path]
    : existsSync(path) && statSync(path).isDirectory()
      ? readdirSync(path)
          .sort()
          .map((name) => join(path, name))
          .filter((dir) => statSync(dir).isDirectory() && existsSync(join(dir, PRODUCT_FILE)))
      : [];
  const descriptors: ProductDescriptor[] = [];
  const problems: ProductProblem[] = [];
  for (const dir of dirs) {
    const loaded = loadProduct(dir);
    if (loaded.descriptor) descriptors.push(loaded.descriptor);
    problems.push(...loaded.problems);
  }
  const ids = new Map<string, string>();
  for (const d of descriptors) {
    const other = ids.get(d.product.id);
    if (other)
      problems.push({
        source: d.sources.product,
        diagnostic: diagnostic(
          "product/reference",
          `id: '${d.product.id}' is also the id of ${other}`,
          FILE_START,
        ),
      });
    ids.set(d.product.id, d.dir);
  }
  return { descriptors, problems };
}

/**
 * The products of a project (`<project>/products/<id>/`), validated when the project loads: their
 * files, and each contract against the table the project's DDL declares.
 */
export function loadProjectProducts(project: Project): LoadResult {
  const loaded = loadProducts(join(project.dir, PRODUCTS_DIR));
  const problems = [...loaded.problems];
  const descriptors = loaded.descriptors.filter((d) => {
    const found = checkProductTable(d, project.tables.get(d.contract.object.table)?.schema);
    problems.push(...found);
    return found.length === 0;
  });
  return { descriptors, problems };
}

/**
 * Checks a product's contract against its table as the catalog knows it; `table` is undefined when
 * the catalog has no such table.
 */
export function checkProductTable(
  descriptor: ProductDescriptor,
  table: TableSchema | undefined,
): ProductProblem[] {
  const source = descriptor.sources.contract;
  const object = descriptor.contract.object;
  if (!table)
    return [
      {
        source,
        diagnostic: diagnostic(
          "product/reference",
          `schema[0]: table '${object.table}' does not exist (give the table in physicalName, or create it first)`,
          object.tableSpan,
        ),
      },
    ];
  return checkContractSchema(descriptor.contract, table).map((d) => ({ source, diagnostic: d }));
}

/** Every problem rendered with its file, line, column and a caret, one blank line apart. */
export function renderProductProblems(problems: readonly ProductProblem[]): string {
  return problems.map((p) => renderDiagnostic(p.source, p.diagnostic)).join("\n\n");
}

const FILE_START = { start: 0, end: 1, line: 1, col: 1 };
