import { type Diagnostic, renderDiagnostic } from "../../common/diagnostic.ts";
import type { SourceText } from "../../common/source.ts";
import type { Row } from "../../common/value.ts";
import type { Statement } from "../../sql/ast/statement.ts";
import { bindStatement } from "../../sql/binder/bind-statement.ts";
import { qualify } from "../../sql/catalog/catalog.ts";
import { SessionCatalog } from "../../sql/catalog/session-catalog.ts";
import { parseScript } from "../../sql/parser/index.ts";
import type { LogicalPlan } from "../plan/logical/logical-plan.ts";
import { explainPlan } from "../plan/physical/explain.ts";
import { inferChangelogModes } from "../plan/physical/infer-changelog-mode.ts";
import { planPhysical } from "../plan/physical/plan-physical.ts";
import { PlanError } from "../plan/plan-error.ts";
import { type PlannedStatement, planStatement, writableColumns } from "../plan/plan-statement.ts";
import { foldConstants } from "../plan/rules/fold-constants.ts";
import { DEFAULT_RULES, optimize } from "../plan/rules/optimize.ts";
import type { Rule } from "../plan/rules/rule.ts";
import { buildPipeline, type Pipeline, type RuntimeEnv } from "./build-pipeline.ts";
import { compileExpr, createEvalContext } from "./expr/index.ts";
import { fieldEnv } from "./field-env.ts";
import { Job } from "./job.ts";
import { type MemoryTable, MemoryTables } from "./memory-table.ts";
import { type Collector, DISCARD } from "./operator.ts";
import { CollectSink } from "./sinks/collect-sink.ts";
import { QueryResult, type StatementResult } from "./statement-result.ts";
import { memoryTableView, type TableView } from "./table-view.ts";

export interface EngineOptions {
  /** Processing time (epoch ms) for NOW(), PROCTIME() and `$rowtime`; the wall clock by default. */
  readonly clock?: () => number;
  /** `table.local-time-zone`; UTC by default. */
  readonly timeZone?: string;
  /** Seed of RAND(); random per engine by default, as in Flink. */
  readonly seed?: number;
  /**
   * `table.exec.source.idle-timeout` in ms: a source without new rows for that long stops holding
   * back watermarks downstream. Unset (the default, as in Flink), a silent source holds them back.
   */
  readonly sourceIdleTimeout?: number;
}

/** A statement that could not run: its parse, bind or plan error, rendered with the source line. */
export class SqlError extends Error {
  readonly diagnostics: readonly Diagnostic[];

  constructor(message: string, diagnostics: readonly Diagnostic[] = []) {
    super(message);
    this.name = "SqlError";
    this.diagnostics = diagnostics;
  }
}

/** Rows moved per source per step: large enough to amortize the loop, small enough to interleave jobs. */
const BATCH = 1024;

/**
 * One embedded Flink SQL session: a catalog, in-memory tables and the running jobs. Statements run
 * in order; a query or INSERT starts a job, which keeps running (reading rows inserted later) until
 * its inputs end. `execute` drives every job until none can make progress before it returns.
 *
 * @example
 * const engine = createEngine();
 * const result = await engine.execute("SELECT a, SUM(b) FROM (VALUES (1, 2), (1, 3)) AS t(a, b) GROUP BY a");
 * result.kind === "query" && result.changelog(); // +I[1, 2], -U[1, 2], +U[1, 5]
 */
export class Engine {
  readonly catalog = new SessionCatalog();
  readonly jobs: Job[] = [];
  private readonly env: RuntimeEnv;
  private readonly rules: readonly Rule[];
  private readonly options: EngineOptions;

  constructor(options: EngineOptions = {}) {
    this.options = options;
    const clock = options.clock ?? Date.now;
    this.env = {
      ctx: createEvalContext({
        clock,
        ...(options.timeZone ? { timeZone: options.timeZone } : {}),
        ...(options.seed !== undefined ? { seed: options.seed } : {}),
      }),
      tables: new MemoryTables(),
      clock,
    };
    const ctx = this.env.ctx;
    this.rules = [foldConstants((e) => compileExpr(e, fieldEnv([]))([], ctx)), ...DEFAULT_RULES];
  }

  /** Runs a script and returns the last statement's result. */
  async execute(sql: string, name = "<input>"): Promise<StatementResult> {
    const results = await this.executeScript(sql, name);
    const last = results[results.length - 1];
    if (!last) throw new SqlError("no statement to execute");
    return last;
  }

  /** Runs every statement of a script in order; stops at the first one that cannot run. */
  async executeScript(sql: string, name = "<input>"): Promise<StatementResult[]> {
    const source: SourceText = { name, text: sql };
    const parsed = parseScript(source);
    if (parsed.diagnostics.length > 0) throw sqlError(source, parsed.diagnostics);
    const results: StatementResult[] = [];
    try {
      for (const statement of parsed.statements) results.push(this.run(statement, source));
    } finally {
      this.runUntilIdle();
    }
    return results;
  }

  /**
   * Writes rows (the table's physical columns, in order) to an in-memory table, as `INSERT INTO t
   * VALUES ...` would: appended, or upserted by primary key. Running queries see them at the next run.
   */
  insertRows(table: string, rows: readonly Row[], options: { readonly timestamp?: number } = {}): void {
    const stored = this.memoryTable(table);
    // The record timestamp (`$rowtime`): when the change happened, the engine's clock by default.
    const timestamp = options.timestamp ?? this.env.clock();
    for (const row of rows) {
      if (stored.primaryKey) stored.upsert(row, timestamp);
      else stored.append(row, timestamp);
    }
  }

  /** Deletes rows by primary key from an in-memory table with one: readers see `-D`. */
  deleteRows(table: string, rows: readonly Row[]): void {
    const stored = this.memoryTable(table);
    if (!stored.primaryKey) throw new SqlError(`table '${table}' has no primary key to delete by`);
    for (const row of rows) stored.delete(row, this.env.clock());
  }

  /** Read access to a stored table (its rows, lookups by key, its changelog), for serving. */
  table(name: string): TableView {
    const stored = this.memoryTable(name);
    return memoryTableView(stored, writableColumns(stored.schema));
  }

  private memoryTable(name: string): MemoryTable {
    const path = qualify(this.catalog, name.split("."));
    const schema = path ? this.catalog.getTable(path) : undefined;
    if (!schema) throw new SqlError(`unknown table '${name}'`);
    return this.env.tables.get(schema, writableColumns(schema));
  }

  /**
   * Runs every job to the end of the input available now, as if each source were bounded there: the
   * final watermark fires every pending window and timer, then the jobs finish. What
   * `headwater sql --until-idle` does before printing final results.
   */
  runBounded(): void {
    for (const job of this.jobs) job.bound();
    this.runUntilIdle();
  }

  /** Moves rows through every running job until none makes progress. */
  runUntilIdle(): void {
    for (let i = this.jobs.length - 1; i >= 0; i--)
      if (this.jobs[i]!.status === "canceled") this.jobs.splice(i, 1);
    for (;;) {
      let progressed = false;
      for (const job of this.jobs) if (job.step(BATCH)) progressed = true;
      if (!progressed) return;
    }
  }

  private run(statement: Statement, source: SourceText): StatementResult {
    const { bound, ctx } = bindStatement(statement, this.catalog);
    if (!bound) throw sqlError(source, ctx.diagnostics);
    const text = source.text.slice(statement.span.start, statement.span.end);
    let planned: PlannedStatement;
    try {
      planned = planStatement(bound, this.catalog);
      return this.start(planned, text, bound.kind === "ddl" ? statement : undefined);
    } catch (error) {
      if (error instanceof PlanError) throw planError(source, error);
      throw error;
    }
  }

  private start(planned: PlannedStatement, text: string, ddl: Statement | undefined): StatementResult {
    switch (planned.kind) {
      case "ddl":
        if (ddl && (ddl.kind === "createTable" || ddl.kind === "drop")) this.resetStorage(ddl);
        return { kind: "ddl" };
      case "explain":
        return { kind: "explain", plan: this.explain(planned.inner) };
      case "query": {
        const physical = inferChangelogModes(planPhysical(this.optimize(planned.plan)));
        const sink = new CollectSink();
        const job = this.newJob(text, buildPipeline(physical, collectInto(sink), this.env));
        this.jobs.push(job);
        const columns = planned.plan.fields.map((f) => ({ name: f.name, type: f.type }));
        return new QueryResult(columns, job, sink);
      }
      case "insert": {
        const jobs = planned.sinks.map((sink) => {
          const physical = inferChangelogModes(planPhysical(this.optimize(sink)));
          return this.newJob(text, buildPipeline(physical, DISCARD, this.env));
        });
        this.jobs.push(...jobs);
        return { kind: "insert", jobs };
      }
      default:
        return planned satisfies never;
    }
  }

  private newJob(text: string, pipeline: Pipeline): Job {
    return new Job(text, pipeline, this.env.clock, this.options.sourceIdleTimeout);
  }

  private explain(planned: PlannedStatement): string {
    const plans: LogicalPlan[] =
      planned.kind === "query" ? [planned.plan] : planned.kind === "insert" ? [...planned.sinks] : [];
    if (plans.length === 0) throw new PlanError("EXPLAIN needs a query or an INSERT");
    return plans.map((p) => explainPlan(inferChangelogModes(planPhysical(this.optimize(p))))).join("\n\n");
  }

  private optimize(plan: LogicalPlan): LogicalPlan {
    return optimize(plan, { rules: this.rules });
  }

  /** CREATE TABLE and DROP TABLE start a table's rows afresh. */
  private resetStorage(statement: Statement): void {
    if (statement.kind !== "createTable" && statement.kind !== "drop") return;
    const path = qualify(
      this.catalog,
      statement.name.parts.map((p) => p.value),
    );
    if (!path) return;
    // CREATE TABLE IF NOT EXISTS of an existing table changes nothing: its rows and readers stay.
    const current = this.catalog.getTable(path);
    if (
      statement.kind === "createTable" &&
      statement.ifNotExists &&
      current &&
      this.env.tables.holds(current)
    )
      return;
    this.env.tables.drop(path);
  }
}

export function createEngine(options: EngineOptions = {}): Engine {
  return new Engine(options);
}

function collectInto(sink: CollectSink): Collector {
  return {
    collect: (kind, row) => sink.process(kind, row),
    watermark: (t) => sink.onWatermark(t),
    idle() {},
  };
}

function sqlError(source: SourceText, diagnostics: readonly Diagnostic[]): SqlError {
  return new SqlError(diagnostics.map((d) => renderDiagnostic(source, d)).join("\n\n"), diagnostics);
}

function planError(source: SourceText, error: PlanError): SqlError {
  if (!error.span) return new SqlError(error.message);
  const d: Diagnostic = {
    severity: "error",
    code: "plan/unsupported",
    message: error.message,
    span: error.span,
  };
  return new SqlError(renderDiagnostic(source, d), [d]);
}
