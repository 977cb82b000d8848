// Every sqllogictest file (test/slt) run twice, at parallelism 1 and 2, record by record: each query's
// final table, and each statement's outcome, must be the same. The golden files pin parallelism 1's
// answers, so parallelism 2 is held to them too. Changelogs are compared as final tables: across keys,
// a parallel run interleaves its instances' rows in another order (Flink keeps only per-key order).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Row } from "../../../src/common/value.ts";
import { createEngine, type Engine, formatValue, type StatementResult } from "../../../src/engine/index.ts";
import { parseScript } from "../../../src/sql/parser/index.ts";
import { parseSlt } from "../../slt/slt-runner.ts";

const root = join(import.meta.dirname, "..", "..", "slt");

/**
 * LIMIT without ORDER BY keeps whichever rows arrive first: over several instances that is another
 * interleaving than over one (Flink promises no order across keys either), so its rows may differ.
 */
const orderDependent = (sql: string): boolean => /\bLIMIT\b/i.test(sql) && !/\bORDER\s+BY\b/i.test(sql);

function sltFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return name === "explain" ? [] : sltFiles(path);
      return name.endsWith(".slt") ? [path] : [];
    });
}

/** What a record gave: its first query's final table (sorted), or the error, or "ok". */
async function outcome(engine: Engine, sql: string): Promise<string> {
  const statements = parseScript({ name: "<slt>", text: sql }).statements;
  let first: StatementResult | undefined;
  try {
    for (const statement of statements) {
      const result = await engine.execute(sql.slice(statement.span.start, statement.span.end));
      const error =
        result.kind === "query"
          ? result.error?.message
          : result.kind === "insert"
            ? result.jobs.find((j) => j.error)?.error?.message
            : undefined;
      if (error !== undefined) return `error: ${error}`;
      if (!first || (first.kind !== "query" && result.kind === "query")) first = result;
    }
  } catch (error) {
    return `error: ${(error as Error).message}`;
  }
  if (first?.kind !== "query") return "ok";
  // A query is read once every job has settled, as the single-threaded run reads it.
  await engine.settle();
  if (first.error) return `error: ${first.error.message}`;
  const format = (row: Row) => row.map((v, i) => formatValue(v, first.columns[i]!.type)).join(" ");
  return first.table().map(format).sort().join("\n");
}

describe("sqllogictest files at parallelism 2 give parallelism 1's results", () => {
  const engines: Engine[] = [];
  afterAll(async () => {
    await Promise.all(engines.map((e) => e.close()));
  });
  for (const file of sltFiles(root)) {
    it(relative(root, file), async () => {
      const records = parseSlt(readFileSync(file, "utf8"));
      const serial = createEngine({ clock: () => 0, seed: 1 });
      const parallel = createEngine({ clock: () => 0, seed: 1, parallelism: 2 });
      engines.push(serial, parallel);
      const differences: string[] = [];
      for (const record of records) {
        if (record.kind === "explain") continue;
        if (orderDependent(record.sql)) {
          // Still run, so the session's state moves on as in the serial engine.
          await outcome(serial, record.sql);
          await outcome(parallel, record.sql);
          continue;
        }
        const expected = await outcome(serial, record.sql);
        const actual = await outcome(parallel, record.sql);
        if (actual !== expected)
          differences.push(
            `line ${record.line}:\n-- parallelism 1:\n${expected}\n-- parallelism 2:\n${actual}`,
          );
      }
      expect(differences.join("\n\n")).toBe("");
    }, 120_000);
  }
});
