// Flink's final result of a query, read back from the debezium-json files its filesystem sink wrote.
// The files hold the whole changelog (INSERT and UPDATE_AFTER as "c", UPDATE_BEFORE and DELETE as
// "d"), which this folds into the final table, the way an upsert materialization would.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { encodeRow } from "../../lib/result-rows.ts";
import type { SinkColumn } from "../queries.ts";
import { fromFlinkJson, parseJsonExact } from "./flink-values.ts";

interface DebeziumChange {
  readonly op: "c" | "r" | "u" | "d";
  readonly before: Record<string, unknown> | null;
  readonly after: Record<string, unknown> | null;
}

/** The final rows (encoded lines, unsorted) of the changelog in `dir`'s committed part files. */
export function readFlinkChangelogDir(dir: string, columns: readonly SinkColumn[]): string[] {
  const counts = new Map<string, number>();
  const encode = (record: Record<string, unknown> | null, where: string): string => {
    if (record === null) throw new Error(`${where}: change without its row`);
    return encodeRow(columns.map((c) => fromFlinkJson(record[c.name], c.type)));
  };
  const add = (line: string, delta: number): void => {
    counts.set(line, (counts.get(line) ?? 0) + delta);
  };
  // Part files only: in-progress files start with a dot, commit markers with an underscore.
  const parts = readdirSync(dir).filter((f) => !f.startsWith(".") && !f.startsWith("_"));
  for (const part of parts) {
    const lines = readFileSync(join(dir, part), "utf8").split("\n");
    lines.forEach((text, i) => {
      if (text === "") return;
      const where = `${part}:${i + 1}`;
      const change = parseJsonExact(text) as DebeziumChange;
      if (change.op === "c" || change.op === "r") add(encode(change.after, where), 1);
      else if (change.op === "d") add(encode(change.before, where), -1);
      else if (change.op === "u") {
        add(encode(change.before, where), -1);
        add(encode(change.after, where), 1);
      } else throw new Error(`${where}: unknown debezium op ${JSON.stringify(change.op)}`);
    });
  }
  const rows: string[] = [];
  for (const [line, count] of counts) {
    if (count < 0) throw new Error(`Flink's changelog retracts ${line} more often than it inserts it`);
    for (let k = 0; k < count; k++) rows.push(line);
  }
  return rows;
}
