// `headwater parity --state`: where the streaming side's memory is once the view is complete.
import { type KeyedStateSize, type StateTiers, totalStateSize } from "../../engine/index.ts";
import type { ParityResult } from "../../pipelines/index.ts";

/**
 * Per statement, its stateful operators; then the in-memory tables' live rows and kept changes; then
 * the total. With a memory budget (`stateTiers` in the result) each line says where its entries are,
 * and the total sets the estimate of the encoded tier's entries beside what the tier counts them at.
 */
export function describeParityState(r: ParityResult): string {
  if (!r.state) return "";
  const tiered = r.stateTiers !== undefined;
  const lines = [
    `operator state once the view is complete (entries${tiered ? " live/encoded tier/disk" : ""}, encoded bytes estimated from a sample):`,
  ];
  for (const statement of r.state) {
    if (statement.operators.length === 0) continue;
    lines.push(
      `  ${/INSERT\s+INTO\s+(\S+)/i.exec(statement.statement)?.[1] ?? statement.statement.slice(0, 60)}`,
    );
    for (const op of statement.operators)
      lines.push(
        `    ${count(op.entries)} entries ${kib(op.encodedBytes).padStart(13)}${tiered ? tiers(op.tiers) : ""}  ${op.operator.slice(0, 100)}`,
      );
  }
  const tables = r.tables ?? [];
  if (tables.length > 0) {
    lines.push(
      `in-memory tables then (live rows of keyed tables${tiered ? " live/encoded tier/disk" : ""}, estimated the same way; changes kept for readers):`,
    );
    for (const table of tables)
      lines.push(
        `    ${count(table.entries)} rows    ${kib(table.encodedBytes).padStart(13)}${tiered ? tiers(table.tiers) : ""}  ${count(table.keptChanges)} changes kept  ${table.table}`,
      );
  }
  lines.push(total(r));
  return `${lines.join("\n")}\n`;
}

function total(r: ParityResult): string {
  const operators = totalStateSize(r.state!.flatMap((s) => s.operators));
  const tables = totalStateSize(r.tables ?? []);
  const all = totalStateSize([operators, tables]);
  const sum =
    `total: operators ${kib(operators.encodedBytes)} + tables ${kib(tables.encodedBytes)} = ` +
    `${kib(all.encodedBytes)} encoded (estimated)`;
  if (r.stateTiers === undefined) return sum;
  return `${sum}; the encoded tier counts ${kib(r.stateTiers.encodedBytes)} for ${all.tiers.encoded} entries estimated at ${kib(all.encodedTierEstimate)}${perEntry(r.stateTiers.encodedBytes, all)}`;
}

/** What the tier counts per entry beyond the entries' encoding: its own overhead. */
function perEntry(counted: number, all: KeyedStateSize): string {
  if (all.tiers.encoded === 0) return "";
  return ` (${Math.round((counted - all.encodedTierEstimate) / all.tiers.encoded)} bytes per entry beyond their encoding)`;
}

function count(n: number): string {
  return String(n).padStart(9);
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KiB`;
}

function tiers(t: StateTiers): string {
  return `  ${t.live}/${t.encoded}/${t.disk}`.padEnd(26);
}
