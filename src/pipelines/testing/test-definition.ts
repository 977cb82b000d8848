import { existsSync, readFileSync } from "node:fs";
import { join, posix } from "node:path";
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, type YAMLMap } from "yaml";
import type { ProjectTable } from "../project/model.ts";
import { type FixtureError, fixtureError } from "./fixture-error.ts";

export const TESTS_FOLDER = "tests";
export const TEST_DEFINITIONS = "test_definitions.yaml";

export type FixtureFormat = "sql" | "csv" | "yaml";

/** A file a test case reads: input rows of a parent, or the expected output of the table. */
export interface FixtureRef {
  readonly table: string;
  /** Project-relative path. */
  readonly file: string;
  readonly format: FixtureFormat;
  /** Where test_definitions.yaml names the file. */
  readonly line: number;
  readonly col: number;
}

export interface TestCase {
  readonly name: string;
  readonly inputs: readonly FixtureRef[];
  readonly outputs: readonly FixtureRef[];
}

/** `<table folder>/tests/test_definitions.yaml`, in shift_left's shape, checked against the project. */
export interface TestSuite {
  readonly table: string;
  /** Project-relative path of test_definitions.yaml. */
  readonly definition: string;
  readonly cases: readonly TestCase[];
}

export function testDefinitionPath(table: ProjectTable): string | undefined {
  return table.folder === undefined ? undefined : posix.join(table.folder, TESTS_FOLDER, TEST_DEFINITIONS);
}

const FORMATS: Readonly<Record<string, FixtureFormat>> = {
  sql: "sql",
  csv: "csv",
  yaml: "yaml",
  yml: "yaml",
};

/**
 * Reads a table's test definitions:
 *
 *   foundations:                      # optional: the parents the tests feed
 *     - table_name: src_x
 *       ddl_for_test: ./tests/ddl_src_x.sql   # read, not run: the production DDL is used
 *   test_suite:
 *     - name: test_x_1
 *       inputs:                        # rows per parent: .csv, .yaml, or shift_left's .sql inserts
 *         - {table_name: src_x, file_name: ./tests/insert_src_x_1.csv}
 *       outputs:                       # expected rows (.csv/.yaml; an `op` column: a changelog)
 *         - {table_name: x, file_name: ./tests/expected_x_1.csv}   # or a .sql validation (PASS/FAIL)
 *
 * Paths are relative to the table folder; `file_type` (sql, csv, yaml) defaults to the extension.
 * Every mistake is reported at its line and column.
 */
export function readTestSuite(projectDir: string, table: ProjectTable): TestSuite | FixtureError {
  const definition = testDefinitionPath(table)!;
  const lines = new LineCounter();
  const doc = parseDocument(readFileSync(join(projectDir, definition), "utf8"), { lineCounter: lines });
  const at = (node: Node | null | undefined, message: string): FixtureError => {
    const pos = lines.linePos(node?.range?.[0] ?? 0);
    return fixtureError(definition, pos.line, pos.col, message);
  };
  const syntax = doc.errors[0];
  if (syntax) {
    const pos = syntax.linePos?.[0] ?? { line: 1, col: 1 };
    return fixtureError(definition, pos.line, pos.col, syntax.message.split("\n")[0]!);
  }
  const root = doc.contents;
  if (!isMap(root)) return at(root, "expected a mapping with `test_suite:` (and optionally `foundations:`)");
  const unknown = unknownKey(root, ["foundations", "test_suite"]);
  if (unknown) return at(unknown, `unknown key '${keyText(unknown)}': expected foundations or test_suite`);

  const parentError = (node: Node, name: string): FixtureError =>
    at(
      node,
      `'${name}' is not a parent of ${table.name} (${table.parents.length > 0 ? `its parents: ${table.parents.join(", ")}` : "it reads no table"})`,
    );
  const foundations = root.get("foundations", true) as Node | undefined;
  if (foundations !== undefined && foundations !== null) {
    if (!isSeq(foundations)) return at(foundations, "foundations must be a list");
    for (const item of foundations.items) {
      if (!isMap(item)) return at(item as Node, "expected `table_name:` and `ddl_for_test:`");
      const bad = unknownKey(item, ["table_name", "ddl_for_test"]);
      if (bad) return at(bad, `unknown key '${keyText(bad)}': expected table_name or ddl_for_test`);
      const name = stringAt(item, "table_name");
      if (typeof name !== "string") return at(name?.node ?? item, "table_name must be a table name");
      if (!table.parents.includes(name)) return parentError(item.get("table_name", true) as Node, name);
    }
  }

  const suite = root.get("test_suite", true) as Node | undefined;
  if (!isSeq(suite) || suite.items.length === 0)
    return at(suite ?? root, "test_suite must be a list of test cases (`- name: ...`)");
  const cases: TestCase[] = [];
  for (const item of suite.items) {
    if (!isMap(item)) return at(item as Node, "expected a test case: name, inputs, outputs");
    const bad = unknownKey(item, ["name", "inputs", "outputs"]);
    if (bad) return at(bad, `unknown key '${keyText(bad)}': expected name, inputs or outputs`);
    const name = stringAt(item, "name");
    if (typeof name !== "string") return at(name?.node ?? item, "a test case needs a name");
    if (cases.some((c) => c.name === name))
      return at(item.get("name", true) as Node, `test case '${name}' is defined twice`);
    const inputs = fixtureList(item, "inputs", false);
    if (!Array.isArray(inputs)) return inputs;
    const outputs = fixtureList(item, "outputs", true);
    if (!Array.isArray(outputs)) return outputs;
    cases.push({ name, inputs, outputs });
  }
  return { table: table.name, definition, cases };

  function fixtureList(
    testCase: YAMLMap,
    key: "inputs" | "outputs",
    required: boolean,
  ): FixtureRef[] | FixtureError {
    const list = testCase.get(key, true) as Node | undefined;
    if (list === undefined || list === null) {
      return required ? at(testCase, `test case needs ${key}: the expected rows or a validation SQL`) : [];
    }
    if (!isSeq(list)) return at(list, `${key} must be a list`);
    const out: FixtureRef[] = [];
    for (const entry of list.items) {
      const ref = fixtureRef(entry as Node, key === "outputs");
      if ("kind" in ref) return ref;
      out.push(ref);
    }
    if (required && out.length === 0) return at(list, `${key} must name at least one file`);
    return out;
  }

  function fixtureRef(entry: Node, output: boolean): FixtureRef | FixtureError {
    if (!isMap(entry)) return at(entry, "expected table_name, file_name and optionally file_type");
    const bad = unknownKey(entry, ["table_name", "file_name", "file_type"]);
    if (bad) return at(bad, `unknown key '${keyText(bad)}': expected table_name, file_name or file_type`);
    const name = stringAt(entry, "table_name");
    if (typeof name !== "string") return at(name?.node ?? entry, "table_name must be a table name");
    const nameNode = entry.get("table_name", true) as Node;
    if (output && name !== table.name)
      return at(nameNode, `outputs name the table under test, ${table.name}, not '${name}'`);
    if (!output && !table.parents.includes(name)) return parentError(nameNode, name);
    const fileName = stringAt(entry, "file_name");
    if (typeof fileName !== "string") return at(fileName?.node ?? entry, "file_name must be a path");
    const fileNode = entry.get("file_name", true) as Node;
    const file = posix.normalize(posix.join(table.folder!, fileName));
    if (!existsSync(join(projectDir, file))) return at(fileNode, `no file ${file}`);
    const typeText = stringAt(entry, "file_type");
    const declared = typeof typeText === "string" ? typeText : posix.extname(fileName).slice(1);
    const format = FORMATS[declared.toLowerCase()];
    if (!format)
      return at(
        typeof typeText === "string" ? (entry.get("file_type", true) as Node) : fileNode,
        `file type '${declared}' is not sql, csv or yaml`,
      );
    const pos = lines.linePos(entry.range?.[0] ?? 0);
    return { table: name, file, format, line: pos.line, col: pos.col };
  }
}

function unknownKey(map: YAMLMap, allowed: readonly string[]): Node | undefined {
  return map.items.find((p) => !allowed.includes(keyText(p.key as Node)))?.key as Node | undefined;
}

function keyText(node: Node): string {
  return isScalar(node) ? String(node.value) : String(node);
}

/** A scalar string value, or what is there instead (for the error position). */
function stringAt(map: YAMLMap, key: string): string | { node: Node } | undefined {
  const node = map.get(key, true) as Node | undefined;
  if (isScalar(node) && typeof node.value === "string" && node.value.trim() !== "") return node.value.trim();
  return node ? { node } : undefined;
}
