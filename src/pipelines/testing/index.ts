/** The unit-test harness: shift_left-compatible fixtures under each table's tests/, run on the embedded engine. */
export { type FixtureError, renderFixtureError } from "./fixture-error.ts";
export { type InitTestsOptions, type InitTestsResult, initTests } from "./init-tests.ts";
export { formatMs, renderSummary, renderTestResult } from "./render-test-results.ts";
export { countTestCases, runTests, type TestSelector, tablesWithTests } from "./run-tests.ts";
export { TEST_DEFINITIONS, type TestSuite } from "./test-definition.ts";
export type { CheckResult, TestResult, TestStatus } from "./test-result.ts";
