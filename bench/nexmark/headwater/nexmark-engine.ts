// The embedded engine set up as the corpus DDL describes, with the nexmark table in memory: the
// events are inserted by the benchmark (generated row for row as the files hold them) rather than
// generated inside the query, so Headwater's timing excludes producing its input, as DuckDB's does.
import type { Row } from "../../../src/common/value.ts";
import { nexmarkTableSql, nexmarkViewsSql } from "../../../src/connectors/nexmark/index.ts";
import { createEngine, type Engine, SqlError } from "../../../src/engine/index.ts";
import { benchGenerator } from "../data.ts";
import type { SystemOutcome } from "../report/model.ts";

/** Events generated and inserted this many at a time. */
const BATCH = 10_000;

/** Columns the generator's rows carry beyond the table's physical ones (the computed `dateTime`). */
const PHYSICAL_COLUMNS = 4;

/**
 * An engine with the nexmark table (in memory) and the person, auction and bid views. At parallelism
 * p > 1 the main thread reads the table and hash-partitions rows to p workers at the first keyed
 * operator; stateless queries (q0–q2) stay in the main thread.
 */
export async function openNexmarkEngine(parallelism = 1): Promise<Engine> {
  const engine = createEngine({ parallelism });
  await engine.executeScript(`${nexmarkTableSql({ connector: "headwater" })}\n${nexmarkViewsSql()}`);
  return engine;
}

/** Inserts events [from, from + count) of the benchmark's stream into the nexmark table. */
export function insertEvents(engine: Engine, events: number, from = 0, count = events - from): void {
  const generator = benchGenerator(events);
  for (let start = from; start < from + count; start += BATCH) {
    engine.insertRows(
      "nexmark",
      physicalRows(generator.generate(start, Math.min(BATCH, from + count - start))),
    );
  }
}

/** Drops the computed column from generated rows, in place (they are fresh arrays). */
export function physicalRows(rows: Row[]): Row[] {
  for (const row of rows) row.length = PHYSICAL_COLUMNS;
  return rows;
}

/**
 * What the engine said about a statement it cannot run: "not supported yet" when it says so (a
 * feature still to land), "rejected" for any other refusal to plan (q6, which Flink rejects too), a
 * failure for errors while running.
 */
export function outcomeOfError(error: unknown): SystemOutcome {
  const message =
    error instanceof SqlError && error.diagnostics[0]
      ? error.diagnostics[0].message
      : error instanceof Error
        ? error.message
        : String(error);
  const line = message.split("\n")[0]!;
  if (/not supported/i.test(line)) return { status: "unsupported", reason: line };
  return error instanceof SqlError ? { status: "rejected", reason: line } : { status: "failed", error: line };
}
