import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Project, ProjectTable } from "../project/model.ts";
import { isFixtureError, renderFixtureError } from "./fixture-error.ts";
import { runTestCase } from "./run-test-case.ts";
import { readTestSuite, testDefinitionPath } from "./test-definition.ts";
import type { TestResult } from "./test-result.ts";

export type TestSelector =
  | { readonly kind: "table"; readonly table: string }
  | { readonly kind: "product"; readonly product: string }
  | { readonly kind: "all" };

/** The tables a selector names that have `tests/test_definitions.yaml`, in dependency order. */
export function tablesWithTests(
  project: Project,
  selector: TestSelector,
): ProjectTable[] | { error: string } {
  const hasTests = (t: ProjectTable) => {
    const path = testDefinitionPath(t);
    return path !== undefined && existsSync(join(project.dir, path));
  };
  if (selector.kind === "table") {
    const table = project.tables.get(selector.table);
    if (!table) return { error: `no table '${selector.table}' in the project` };
    if (!hasTests(table))
      return { error: `${table.name} has no tests: create them with 'headwater test init ${table.name}'` };
    return [table];
  }
  const tables = project.order
    .map((n) => project.tables.get(n)!)
    .filter((t) => (selector.kind === "all" || t.product === selector.product) && hasTests(t));
  if (
    selector.kind === "product" &&
    ![...project.tables.values()].some((t) => t.product === selector.product)
  )
    return { error: `no product '${selector.product}' in the project` };
  return tables;
}

/**
 * Runs every test case of the given tables, one fresh engine each. A definition file that cannot be
 * read gives one error result for its table; its cases do not run.
 */
export async function runTests(
  project: Project,
  tables: readonly ProjectTable[],
  onResult: (result: TestResult) => void = () => {},
): Promise<TestResult[]> {
  const results: TestResult[] = [];
  const report = (r: TestResult) => {
    results.push(r);
    onResult(r);
  };
  for (const table of tables) {
    const suite = readTestSuite(project.dir, table);
    if (isFixtureError(suite)) {
      report({
        table: table.name,
        test: testDefinitionPath(table)!,
        status: "error",
        ms: 0,
        checks: [],
        error: renderFixtureError(suite),
      });
      continue;
    }
    for (const testCase of suite.cases) report(await runTestCase(project, table, testCase));
  }
  return results;
}

/** How many test cases the tables define (for a progress bar); unreadable definitions count one. */
export function countTestCases(project: Project, tables: readonly ProjectTable[]): number {
  return tables.reduce((n, t) => {
    const suite = readTestSuite(project.dir, t);
    return n + (isFixtureError(suite) ? 1 : suite.cases.length);
  }, 0);
}
