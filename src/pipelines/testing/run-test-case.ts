import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Row, SqlValue } from "../../common/value.ts";
import { createEngine, type Engine, type ResultColumn } from "../../engine/index.ts";
import { configString } from "../config/load-config.ts";
import type { Project, ProjectTable } from "../project/model.ts";
import { compareChangelogs, compareTables, type ShownRow, showRow } from "./compare-rows.ts";
import { describeEngineFailure } from "./engine-failure.ts";
import { type FixtureError, isFixtureError, renderFixtureError } from "./fixture-error.ts";
import type { FixtureRows, FixtureUse } from "./fixture-rows.ts";
import { memoryTableDdl } from "./memory-ddl.ts";
import { COMMITTED_TEST_POSTFIX, dropTestPostfix } from "./postfix-names.ts";
import { readCsvRows } from "./read-csv-rows.ts";
import { readYamlRows } from "./read-yaml-rows.ts";
import type { FixtureRef, TestCase } from "./test-definition.ts";
import type { CheckResult, TestResult } from "./test-result.ts";

/** Processing time of every test session: `$rowtime`, NOW() and PROCTIME() give the same answer each run. */
export const TEST_CLOCK = Date.UTC(2024, 0, 1);

/** Stops a test case with the reason it could not run. */
class Abort extends Error {
  readonly unsupported: boolean;
  constructor(message: string, unsupported = false) {
    super(message);
    this.unsupported = unsupported;
  }
}

/**
 * Runs one test case on a fresh embedded engine: the parents' and the table's DDL as in-memory tables,
 * the input rows, the table's DML, then each expected output. Nothing outside the session is touched.
 */
export async function runTestCase(
  project: Project,
  table: ProjectTable,
  testCase: TestCase,
): Promise<TestResult> {
  const started = performance.now();
  const result = (fields: Pick<TestResult, "status" | "checks"> & Partial<TestResult>): TestResult => ({
    table: table.name,
    test: testCase.name,
    ms: performance.now() - started,
    ...fields,
  });
  try {
    const session = await runThroughDml(project, table, testCase);
    const checks: CheckResult[] = [];
    for (const output of testCase.outputs) checks.push(await session.check(output));
    return result({ status: checks.every((c) => c.passed) ? "pass" : "fail", checks });
  } catch (error) {
    if (!(error instanceof Abort)) throw error;
    return result({
      status: "error",
      checks: [],
      error: error.message,
      ...(error.unsupported ? { unsupported: true } : {}),
    });
  }
}

/**
 * Runs a test case's inputs through the table's DML and returns the rows the table holds, for
 * `headwater test init` to record as the expected output.
 */
export async function recordOutput(
  project: Project,
  table: ProjectTable,
  testCase: TestCase,
): Promise<{ columns: readonly ResultColumn[]; rows: Row[] } | { error: string; unsupported: boolean }> {
  try {
    const session = await runThroughDml(project, table, testCase);
    return session.rowsOf(table.name);
  } catch (error) {
    if (!(error instanceof Abort)) throw error;
    return { error: error.message, unsupported: error.unsupported };
  }
}

/** A fresh session with the tables created, the inputs written and the table's DML run. */
async function runThroughDml(
  project: Project,
  table: ProjectTable,
  testCase: TestCase,
): Promise<TestSession> {
  // CREATE FUNCTION module paths resolve against the project's root (its `functions/` folder).
  const engine = createEngine({
    clock: () => TEST_CLOCK,
    seed: 0,
    timeZone: "UTC",
    functionDir: project.dir,
  });
  const session = new TestSession(project, engine);
  await session.createTables([...table.parents, table.name]);
  for (const input of testCase.inputs) await session.feed(input);
  await session.runDml(table);
  return session;
}

class TestSession {
  private readonly project: Project;
  private readonly engine: Engine;
  /** Postfixes of test copies in SQL fixtures: shift_left's committed `_ut` and the configured one. */
  private readonly postfixes: readonly string[];

  constructor(project: Project, engine: Engine) {
    this.project = project;
    this.engine = engine;
    const configured = configString(project.config, "tests.post_fix_unit_test");
    this.postfixes = [...new Set([COMMITTED_TEST_POSTFIX, configured])];
  }

  /** CREATE TABLE for each table, parents before children, without connector options. */
  async createTables(names: readonly string[]): Promise<void> {
    for (const name of this.project.order.filter((n) => names.includes(n))) {
      const table = this.project.tables.get(name)!;
      if (!table.schema)
        throw new Abort(`${name} has no DDL: a test needs the schema of every table it reads`);
      await this.run(memoryTableDdl(table.schema), `${table.ddlRef} (as an in-memory table)`);
    }
  }

  /** Writes a parent's input rows: a CSV/YAML file row by row, or shift_left's SQL INSERT file. */
  async feed(input: FixtureRef): Promise<void> {
    if (input.format === "sql") {
      await this.run(this.sqlFile(input.file), input.file);
      return;
    }
    const columns = this.engine.table(input.table).columns;
    const rows = this.readRows(input, { table: input.table, columns, input: true });
    const keyed = this.engine.table(input.table).primaryKey.length > 0;
    for (const row of rows.rows) {
      const full: Row = columns.map((c) => {
        const at = rows.columns.findIndex((r) => r.name === c.name);
        return at < 0 ? null : (row.values[at] as SqlValue);
      });
      const where = `${input.file}:${row.line}:1`;
      if (row.kind === "-U")
        throw new Abort(`${where}: write the new row as +U: the table emits the -U of an update itself`);
      if (!keyed && row.kind !== "+I")
        throw new Abort(`${where}: ${input.table} has no primary key: its input rows can only be +I`);
      if (row.kind === "-D") this.engine.deleteRows(input.table, [full]);
      else this.engine.insertRows(input.table, [full]);
    }
  }

  /** Runs the table's DML, as in production; its jobs run until their input is exhausted. */
  async runDml(table: ProjectTable): Promise<void> {
    if (!table.dmlRef)
      throw new Abort(`${table.name} has no DML (sql-scripts/dml.${table.name}.sql) to test`);
    await this.run(readFileSync(join(this.project.dir, table.dmlRef), "utf8"), table.dmlRef);
  }

  rowsOf(name: string): { columns: readonly ResultColumn[]; rows: Row[] } {
    const view = this.engine.table(name);
    return { columns: view.columns, rows: view.rows() };
  }

  async check(output: FixtureRef): Promise<CheckResult> {
    if (output.format === "sql") return this.validate(output);
    const view = this.engine.table(output.table);
    const expected = this.readRows(output, { table: output.table, columns: view.columns, input: false });
    const types = expected.columns.map((c) => c.type);
    const positions = expected.columns.map((c) => view.columns.findIndex((v) => v.name === c.name));
    const project = (row: Row) => positions.map((p) => row[p] ?? null);
    const names = expected.columns.map((c) => c.name);
    if (expected.changelog) {
      const actual = view.changes(0).map((c) => showRow(project(c.row), types, [c.kind]));
      const wanted = expected.rows.map((r) => showRow(r.values, types, [r.kind]));
      const diff = compareChangelogs(["op", ...names], wanted, actual);
      return { kind: "changelog", file: output.file, passed: diff.missing + diff.unexpected === 0, diff };
    }
    const actual: ShownRow[] = view.rows().map((row) => showRow(project(row), types));
    const wanted = expected.rows.map((r) => showRow(r.values, types));
    const keyCells = view.primaryKey.map((k) => names.indexOf(k));
    const diff = compareTables(names, wanted, actual, keyCells.includes(-1) ? [] : keyCells);
    return { kind: "rows", file: output.file, passed: diff.missing + diff.unexpected === 0, diff };
  }

  /** shift_left's validation: a query over the table whose rows say 'PASS' (first column). */
  private async validate(output: FixtureRef): Promise<CheckResult> {
    const results = await this.run(this.sqlFile(output.file), output.file);
    const last = results[results.length - 1];
    if (last?.kind !== "query") throw new Abort(`${output.file}: a validation file must end with a query`);
    if (last.error) throw new Abort(last.error.message);
    const types = last.columns.map((c: ResultColumn) => c.type);
    const rows = last.table().map((row) => showRow(row, types).cells);
    const passed = rows.length > 0 && rows.every((r) => r[0]?.trim() === "PASS");
    return { kind: "validation", file: output.file, passed, columns: last.columns.map((c) => c.name), rows };
  }

  private readRows(ref: FixtureRef, use: FixtureUse): FixtureRows {
    const text = readFileSync(join(this.project.dir, ref.file), "utf8");
    const rows: FixtureRows | FixtureError =
      ref.format === "csv" ? readCsvRows(text, ref.file, use) : readYamlRows(text, ref.file, use);
    if (isFixtureError(rows)) throw new Abort(renderFixtureError(rows));
    return rows;
  }

  private sqlFile(file: string): string {
    const text = readFileSync(join(this.project.dir, file), "utf8");
    return dropTestPostfix(text, this.postfixes, new Set(this.project.tables.keys()));
  }

  /** Runs a script; an error of its statements, or of the jobs it started, stops the test. */
  private async run(sql: string, file: string) {
    const before = this.engine.jobs.length;
    let results: Awaited<ReturnType<Engine["executeScript"]>>;
    try {
      results = await this.engine.executeScript(sql, file);
    } catch (error) {
      const failure = describeEngineFailure(error, file);
      throw new Abort(failure.message, failure.unsupported);
    }
    const failed = this.engine.jobs.slice(before).find((job) => job.error);
    if (failed?.error) throw new Abort(failed.error.message);
    return results;
  }
}
