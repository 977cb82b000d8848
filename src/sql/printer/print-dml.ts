import type { Insert, StatementSet } from "../ast/index.ts";
import { indent } from "./layout.ts";
import { printExpr } from "./print-expression.ts";
import { printHints, printIdent, printIdentList, printQualifiedName } from "./print-names.ts";
import { printQuery } from "./print-query.ts";

/** `INSERT INTO t [hints] [PARTITION (k = v)] [(columns)]`, then the query on the next line. */
export function printInsert(insert: Insert): string {
  const head = [`INSERT ${insert.overwrite ? "OVERWRITE" : "INTO"} ${printQualifiedName(insert.table)}`];
  if (insert.hints.length > 0) head.push(printHints(insert.hints));
  if (insert.partition.length > 0) {
    head.push(printPartitionSpec(insert.partition));
  }
  if (insert.columns.length > 0) head.push(printIdentList(insert.columns));
  return `${head.join(" ")}\n${printQuery(insert.source)}`;
}

/**
 * A statement set, its INSERTs indented and each ended by `;`:
 *
 *   EXECUTE STATEMENT SET          BEGIN STATEMENT SET;
 *   BEGIN                            INSERT ...;
 *     INSERT ...;                  END
 *   END
 *
 * Inside EXPLAIN the set is written `STATEMENT SET BEGIN ... END`, the only form EXPLAIN accepts.
 */
export function printStatementSet(set: StatementSet, inExplain = false): string {
  const inserts = indent(set.inserts.map((insert) => `${printInsert(insert)};`).join("\n"));
  if (inExplain) return `STATEMENT SET\nBEGIN\n${inserts}\nEND`;
  return set.syntax === "EXECUTE"
    ? `EXECUTE STATEMENT SET\nBEGIN\n${inserts}\nEND`
    : `BEGIN STATEMENT SET;\n${inserts}\nEND`;
}

/** `PARTITION (k = v, ...)` of INSERT and SHOW PARTITIONS. */
export function printPartitionSpec(partition: Insert["partition"]): string {
  const values = partition.map((p) => `${printIdent(p.column)} = ${printExpr(p.value)}`);
  return `PARTITION (${values.join(", ")})`;
}
