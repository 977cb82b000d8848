import { existsSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type DuckDBAppender, DuckDBInstance } from "@duckdb/node-api";
import type { Row } from "../../common/value.ts";
import { duckDbTypeOf } from "../../connectors/duckdb/duckdb-type.ts";
import { appendRows, fromDuckDB } from "../../connectors/duckdb/typed-rows.ts";
import {
  generateRetail,
  type RetailDataSetName,
  type RetailGeneration,
  type RetailRatios,
} from "../../connectors/retail/index.ts";
import {
  createEngine,
  type Engine,
  type OperatorStateSize,
  operatorStateSizes,
  SqlError,
  type StateTierUsage,
  type TableStateSize,
} from "../../engine/index.ts";
import type { TableSchema } from "../../sql/catalog/table-schema.ts";
import type { DataType } from "../../sql/types/data-type.ts";
import { renderFinding } from "../project/findings.ts";
import { loadProject } from "../project/load-project.ts";
import type { Project } from "../project/model.ts";
import { type Column, compareRows, type RowDifference } from "./compare-rows.ts";
import { projectStatements } from "./project-script.ts";
import { type RawTableLayout, rawRow, rawTableLayouts } from "./raw-tables.ts";

export interface ParityOptions {
  /** The project folder (examples/c360). */
  readonly dir: string;
  /** The table compared: its streaming contents against the batch query of the same name. */
  readonly view: string;
  /** The DuckDB script defining `view`; default `<dir>/batch/<view>.sql`. */
  readonly batchSql?: string;
  readonly customers?: number;
  readonly seed?: number;
  /** Generator ratios (e.g. transactions per customer), for runs at scale; the seed's by default. */
  readonly ratios?: Partial<RetailRatios>;
  /** Differences listed in the result (all are counted); default 50. */
  readonly maxDifferences?: number;
  /**
   * Bytes of keyed state each stateful operator of the streaming side keeps in memory before it
   * spills to disk (the engine's `state.memory-budget`); unset: all in memory.
   */
  readonly stateMemoryBudget?: number;
  /**
   * Bytes of keyed state kept encoded in memory beyond `stateMemoryBudget`, shared by all the
   * engine's states (its `stateEncodedBudget`; 0: none); unset: half the heap.
   */
  readonly stateEncodedBudget?: number;
  /** Caps of the DuckDB side: beyond `memoryLimit` (DuckDB's syntax, '2GB') it spills to a temporary folder. */
  readonly batch?: BatchLimits;
  /** Report each statement's operator state once the view is complete (`StreamingState`). */
  readonly reportState?: boolean;
  /** Called now and then while the streaming side runs (long runs print how far they are). */
  readonly onProgress?: (progress: StreamingProgress) => void;
  /** Session settings (`SET 'key' = 'value'`) the streaming side's statements start with. */
  readonly settings?: Readonly<Record<string, string>>;
}

/** How far the streaming side is: records fed and processed, its time so far, where the state beyond the live budgets is. */
export interface StreamingProgress {
  readonly records: number;
  readonly millis: number;
  readonly stateTiers: StateTierUsage;
}

/** Records between two progress reports. */
const PROGRESS_EVERY = 1_048_576;

/** DuckDB's `memory_limit` and `threads` for the batch side. */
export interface BatchLimits {
  readonly memoryLimit?: string;
  readonly threads?: number;
}

/** The state a statement of the streaming side holds once its input is consumed: per stateful operator. */
export interface StatementState {
  readonly statement: string;
  readonly operators: readonly OperatorStateSize[];
}

export interface ParityResult {
  readonly view: string;
  readonly customers: number;
  /** Raw records fed to both sides. */
  readonly records: number;
  /** The engine's clock and the batch query's `now`, epoch ms. */
  readonly now: number;
  readonly streamingRows: number;
  readonly batchRows: number;
  readonly differenceCount: number;
  readonly differences: readonly RowDifference[];
  /**
   * Each side's time, without the time spent generating its records: the streaming pipeline from its
   * first statement until its view holds every record; DuckDB appending the records and running the
   * batch query. `generation` is one pass of the generator (each side runs one).
   */
  readonly millis: { readonly streaming: number; readonly batch: number; readonly generation: number };
  /** With `reportState`: each statement's stateful operators once every record is processed. */
  readonly state?: readonly StatementState[];
  /** With `reportState`: the in-memory tables holding live rows or kept changes then. */
  readonly tables?: readonly TableStateSize[];
  /** With `stateMemoryBudget`: where the state beyond the live budgets was once every record was processed. */
  readonly stateTiers?: StateTierUsage;
}

/** Why parity could not be checked at all (as opposed to differences found). */
export class ParityError extends Error {
  override name = "ParityError";
}

/**
 * Where parity is, for callers that measure each side (memory, for one): about to run the batch
 * side, about to run the streaming side, or the streaming side done with its state still held.
 */
export type ParityStage = "batch" | "streaming" | "streamed";

/** Records taken from the generator at a time: the engine runs its jobs after each batch. */
const FEED_BATCH = 8192;

/**
 * Batch parity: the project's streaming pipeline on the embedded engine against its batch
 * definition on DuckDB, over the same generated records. Every raw record (seeded retail data with
 * duplicates, late updates and NULLs; malformed records would be dead-lettered before either side
 * sees them, so none are generated) goes to both; once the streams are consumed, the view must equal
 * the batch query row for row. Both sides read "now" from the same clock: the generator's as-of time.
 * The records are never all in memory: the seeded generator runs once per side and its records
 * stream into DuckDB's appenders, then into the engine, whose tables keep only unread changes. DuckDB
 * runs first, so its memory is released before the engine's state grows.
 */
export async function runParity(
  options: ParityOptions,
  onStage: (stage: ParityStage) => void = () => {},
): Promise<ParityResult> {
  const { project, view, raw, now, customers } = prepare(options);
  const batchPath = options.batchSql ?? join(options.dir, "batch", `${options.view}.sql`);
  if (!existsSync(batchPath)) throw new ParityError(`no batch definition at ${batchPath}`);

  onStage("batch");
  const streamingView = streamingColumns(view);
  const batch = await runBatch(
    raw,
    now,
    readFileSync(batchPath, "utf8"),
    options.view,
    streamingView.columns,
    options.batch ?? {},
  );
  onStage("streaming");
  const streaming = await runStreaming(project, raw, now, view, onStage, options);

  const differences = compareRows(streaming.columns, streaming.key, streaming.rows, batch.rows);
  return {
    view: options.view,
    customers,
    records: raw.records,
    now,
    streamingRows: streaming.rows.length,
    batchRows: batch.rows.length,
    differenceCount: differences.length,
    differences: differences.slice(0, options.maxDifferences ?? 50),
    millis: { streaming: streaming.millis, batch: batch.millis, generation: raw.generationMillis },
    ...(streaming.state ? { state: streaming.state.operators, tables: streaming.state.tables } : {}),
    ...(streaming.stateTiers ? { stateTiers: streaming.stateTiers } : {}),
  };
}

/** The streaming side alone: the view's rows once every record is in, and its time. */
export interface StreamedView {
  readonly view: string;
  readonly customers: number;
  readonly records: number;
  readonly rows: number;
  readonly millis: { readonly streaming: number; readonly generation: number };
  readonly state?: readonly StatementState[];
  readonly tables?: readonly TableStateSize[];
  readonly stateTiers?: StateTierUsage;
}

/**
 * Only the streaming side of `runParity`, for sizes whose batch side does not fit in memory: the
 * pipeline fed the same generated records, timed the same way.
 */
export async function runStreamingView(
  options: ParityOptions,
  onStage: (stage: ParityStage) => void = () => {},
): Promise<StreamedView> {
  const { project, view, raw, now, customers } = prepare(options);
  onStage("streaming");
  const streaming = await runStreaming(project, raw, now, view, onStage, options);
  return {
    view: options.view,
    customers,
    records: raw.records,
    rows: streaming.rows.length,
    millis: { streaming: streaming.millis, generation: raw.generationMillis },
    ...(streaming.state ? { state: streaming.state.operators, tables: streaming.state.tables } : {}),
    ...(streaming.stateTiers ? { stateTiers: streaming.stateTiers } : {}),
  };
}

function prepare(options: ParityOptions): {
  project: Project;
  view: TableSchema;
  raw: RawFeed;
  now: number;
  customers: number;
} {
  const project = loadProject(options.dir);
  const errors = project.findings.filter((f) => f.severity === "error");
  if (errors.length > 0) throw new ParityError(errors.map((f) => renderFinding(f)).join("\n"));
  const view = project.tables.get(options.view)?.schema;
  if (!view) throw new ParityError(`table '${options.view}' is not declared in ${options.dir}`);
  const found = rawTableLayouts(project);
  if ("problem" in found) throw new ParityError(found.problem);
  const customers = options.customers ?? 15;
  const generation = generateRetail({
    customers,
    seed: options.seed ?? 1,
    dirt: { malformedRate: 0 },
    ...(options.ratios ? { ratios: options.ratios } : {}),
  });
  return { project, view, raw: new RawFeed(generation, found.layouts), now: generation.plan.asOf, customers };
}

/** A generated record bound for a raw table. */
interface RawRecord {
  readonly table: RawTableLayout;
  readonly row: Row;
  readonly time: number;
}

/**
 * The generator's records for the project's raw tables, in batches, with the time spent generating
 * them kept apart from the time each side spends on them.
 */
class RawFeed {
  readonly layouts: ReadonlyMap<RetailDataSetName, RawTableLayout>;
  records = 0;
  generationMillis = 0;
  private readonly generation: RetailGeneration;

  constructor(generation: RetailGeneration, layouts: ReadonlyMap<RetailDataSetName, RawTableLayout>) {
    this.generation = generation;
    this.layouts = layouts;
  }

  /** One pass over every record; `generationMillis` is the last pass's generating time. */
  *batches(): Generator<RawRecord[]> {
    const events = this.generation[Symbol.iterator]();
    let millis = 0;
    let records = 0;
    for (let done = false; !done; ) {
      const started = performance.now();
      const batch: RawRecord[] = [];
      while (batch.length < FEED_BATCH) {
        const next = events.next();
        if (next.done) {
          done = true;
          break;
        }
        const table = this.layouts.get(next.value.dataSet);
        if (table) batch.push({ table, row: rawRow(table, next.value), time: next.value.eventTime });
      }
      millis += performance.now() - started;
      records += batch.length;
      if (batch.length > 0) yield batch;
    }
    this.generationMillis = millis;
    this.records = records;
  }
}

function streamingColumns(view: TableSchema): { columns: Column[] } {
  const stored = view.columns.filter((c) => c.origin === "physical");
  return { columns: stored.map((c) => ({ name: c.name, type: c.type })) };
}

async function runStreaming(
  project: Project,
  raw: RawFeed,
  now: number,
  view: TableSchema,
  onStage: (stage: ParityStage) => void,
  options: ParityOptions,
): Promise<{
  columns: Column[];
  key: number[];
  rows: Row[];
  millis: number;
  state?: { operators: StatementState[]; tables: TableStateSize[] };
  stateTiers?: StateTierUsage;
}> {
  let millis = 0;
  const started = performance.now();
  const engine = createEngine({
    clock: () => now,
    changelogRetention: "unread",
    ...(options.stateMemoryBudget !== undefined ? { stateMemoryBudget: options.stateMemoryBudget } : {}),
    ...(options.stateEncodedBudget !== undefined ? { stateEncodedBudget: options.stateEncodedBudget } : {}),
  });
  const settings = Object.entries(options.settings ?? {}).map(([key, value]) => ({
    sql: `SET '${key}' = '${value}'`,
    file: "<settings>",
  }));
  for (const statement of [...settings, ...projectStatements(project)]) {
    try {
      // Statements only start jobs; nothing is read until the raw rows arrive below.
      await engine.executeScript(statement.sql, statement.file);
    } catch (error) {
      throw new ParityError(error instanceof SqlError ? error.message : String(error));
    }
  }
  millis += performance.now() - started;
  let records = 0;
  for (const batch of raw.batches()) {
    const fed = performance.now();
    for (const record of batch)
      engine.insertRows(record.table.name, [record.row], { timestamp: record.time });
    engine.runUntilIdle();
    millis += performance.now() - fed;
    if (
      options.onProgress &&
      Math.floor((records + batch.length) / PROGRESS_EVERY) > Math.floor(records / PROGRESS_EVERY)
    )
      options.onProgress({ records: records + batch.length, millis, stateTiers: engine.stateTierUsage() });
    records += batch.length;
  }
  const ending = performance.now();
  await engine.runBounded();
  failOnJobErrors(engine);
  // Every record is processed and every window fired: the state the statements end with.
  const state = options.reportState
    ? { operators: statementStates(engine), tables: tablesHoldingState(engine) }
    : undefined;
  const stateTiers = options.stateMemoryBudget !== undefined ? engine.stateTierUsage() : undefined;
  const stored = engine.table(view.path[2]);
  millis += performance.now() - ending;
  onStage("streamed");
  const columns = stored.columns.map((c) => ({ name: c.name, type: c.type }));
  const key = stored.primaryKey.map((k) => columns.findIndex((c) => c.name === k));
  if (key.length === 0) throw new ParityError(`table '${view.path[2]}' needs a primary key to compare by`);
  const rows = stored.rows();
  await engine.close();
  return { columns, key, rows, millis, ...(state ? { state } : {}), ...(stateTiers ? { stateTiers } : {}) };
}

/** Each statement's operators that hold state, measured from their snapshots. */
function statementStates(engine: Engine): StatementState[] {
  return engine.jobs.map((job) => ({
    statement: job.statement,
    operators: operatorStateSizes(job.pipeline.operators).filter((op) => op.entries > 0),
  }));
}

/** The in-memory tables that hold rows: live rows of keyed tables, or changes kept for readers. */
function tablesHoldingState(engine: Engine): TableStateSize[] {
  return engine.tableStateSizes().filter((table) => table.entries > 0 || table.keptChanges > 0);
}

function failOnJobErrors(engine: Engine): void {
  const failures = engine.jobs.flatMap((job) => (job.error ? [job.error.message] : []));
  if (failures.length > 0) throw new ParityError(failures.join("\n\n"));
}

async function runBatch(
  raw: RawFeed,
  now: number,
  script: string,
  view: string,
  columns: readonly Column[],
  limits: BatchLimits,
): Promise<{ rows: Row[]; millis: number }> {
  let millis = 0;
  const started = performance.now();
  const instance = await DuckDBInstance.create(":memory:", duckDbSettings(limits));
  const connection = await instance.connect();
  try {
    const rowtime: DataType = { kind: "TIMESTAMP", precision: 3, nullable: false };
    const seq: DataType = { kind: "BIGINT", nullable: false };
    const appenders = new Map<string, { appender: DuckDBAppender; types: DataType[]; next: number }>();
    for (const table of raw.layouts.values()) {
      const stored = table.schema.columns.filter((c) => c.origin === "physical");
      const defs = stored.map((c) => `"${c.name}" ${duckDbTypeOf(c.type).toString()}`);
      await connection.run(
        `CREATE TABLE "${table.name}" (${[...defs, "_rowtime TIMESTAMP", "_seq BIGINT"].join(", ")})`,
      );
      const appender = await connection.createAppender(table.name);
      appenders.set(table.name, { appender, types: [...table.types, rowtime, seq], next: 0 });
    }
    millis += performance.now() - started;
    for (const batch of raw.batches()) {
      const appending = performance.now();
      // One append per table and batch: the appender's value converters are built per call.
      const rows = new Map<string, Row[]>();
      for (const record of batch) {
        const target = appenders.get(record.table.name)!;
        const tableRows = rows.get(record.table.name) ?? [];
        rows.set(record.table.name, tableRows);
        // `_seq` is the arrival order within the table, as the streaming side reads it.
        tableRows.push([...record.row, record.time, target.next++]);
      }
      for (const [name, tableRows] of rows) {
        const target = appenders.get(name)!;
        appendRows(target.appender, target.types, tableRows);
      }
      millis += performance.now() - appending;
    }
    const querying = performance.now();
    for (const { appender } of appenders.values()) appender.closeSync();
    await connection.run(`CREATE TABLE clock AS SELECT epoch_ms(${now}::BIGINT) AS now`);
    await connection.run(script);
    const names = columns.map((c) => `"${c.name}"`).join(", ");
    // Chunk by chunk: the whole answer as DuckDB values would hold a second copy of the view.
    const result = await connection.stream(`SELECT ${names} FROM "${view}"`);
    const rows: Row[] = [];
    for (
      let chunk = await result.fetchChunk();
      chunk && chunk.rowCount > 0;
      chunk = await result.fetchChunk()
    )
      for (const row of chunk.getRows())
        rows.push(row.map((value, i) => fromDuckDB(value, columns[i]!.type)));
    millis += performance.now() - querying;
    return { rows, millis };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** DuckDB's settings for the caps: past its memory limit an in-memory database spills to temp files. */
function duckDbSettings(limits: BatchLimits): Record<string, string> {
  const settings: Record<string, string> = {};
  if (limits.memoryLimit !== undefined) {
    settings.memory_limit = limits.memoryLimit;
    settings.temp_directory = join(tmpdir(), `headwater-parity-${process.pid}`);
  }
  if (limits.threads !== undefined) settings.threads = String(limits.threads);
  return settings;
}
