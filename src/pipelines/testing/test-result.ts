import type { RowsDiff } from "./compare-rows.ts";

/** One expected output of a test case, checked. */
export type CheckResult =
  | {
      /** Expected rows (order ignored) or an expected changelog (exact order). */
      readonly kind: "rows" | "changelog";
      readonly file: string;
      readonly passed: boolean;
      readonly diff: RowsDiff;
    }
  | {
      /** A validation query: passes when every row it returns starts with 'PASS'. */
      readonly kind: "validation";
      readonly file: string;
      readonly passed: boolean;
      readonly columns: readonly string[];
      readonly rows: readonly (readonly string[])[];
    };

export type TestStatus = "pass" | "fail" | "error";

export interface TestResult {
  readonly table: string;
  /** The test case's name; the definition file's name when the suite itself could not be read. */
  readonly test: string;
  readonly status: TestStatus;
  /** Milliseconds on the engine: the session, DDL, inputs, the table's DML and the checks. */
  readonly ms: number;
  readonly checks: readonly CheckResult[];
  /** Why the test could not run: a fixture error, a SQL error, or an operator the engine lacks. */
  readonly error?: string;
  /** The error is an engine feature that has not landed yet. */
  readonly unsupported?: boolean;
}
