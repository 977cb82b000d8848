/** The unit-test harness: shift_left-compatible fixtures under each table's tests/, run on the embedded engine. */
export { type InitTestsOptions, type InitTestsResult, initTests } from "./init-tests.ts";
export { renderSummary, renderTestResult } from "./render-test-results.ts";
export { countTestCases, runTests, type TestSelector, tablesWithTests } from "./run-tests.ts";
export type { CheckResult, TestResult, TestStatus } from "./test-result.ts";
