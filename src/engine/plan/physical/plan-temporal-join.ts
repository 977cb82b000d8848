import type { BoundExpr } from "../../../sql/binder/bound.ts";
import type { TableSchema } from "../../../sql/catalog/table-schema.ts";
import { conjunction, isFieldRef } from "../conjuncts.ts";
import { type Fields, slotIndex } from "../layout.ts";
import { joinInputFields, type LogicalJoin } from "../logical/join.ts";
import type { LogicalPlan } from "../logical/logical-plan.ts";
import type { LogicalScan } from "../logical/scan.ts";
import { notSupported, PlanError } from "../plan-error.ts";
import { uniqueNames } from "../unique-names.ts";
import type { ExecNode } from "./exec-node.ts";
import type { SplitCondition } from "./join-keys.ts";
import type { LookupKey } from "./join-nodes.ts";

/**
 * An event-time temporal join. The versioned table needs a primary key and a rowtime, and the key
 * must be joined on, or Flink rejects the query with the errors below.
 */
export function planTemporalJoin(
  join: LogicalJoin,
  left: ExecNode,
  right: ExecNode,
  split: SplitCondition,
): ExecNode {
  const temporal = join.temporal!;
  const { scan } = versionedScan(join.right);
  const table = scan.table;
  const primaryKey = (table.primaryKey ?? []).map((name) =>
    join.right.fields.findIndex((f) => isColumnOf(f.slot, scan, name)),
  );
  if (!table.primaryKey || primaryKey.some((k) => k < 0))
    throw new PlanError(
      "Temporal Table Join requires primary key in versioned table, but no primary key can be found.",
    );
  const width = join.left.fields.length;
  if (!primaryKey.every((k) => split.keys.right.includes(k))) {
    const names = uniqueNames(joinInputFields(join).map((f) => f.name));
    const condition = split.keys.left.map((l, i) => `${names[l]}=${names[split.keys.right[i]! + width]}`);
    const rest = split.rest.length > 0 && condition.length === 0 ? ["<non-equi>"] : [];
    throw new PlanError(
      `Temporal table's primary key [${primaryKey.map((k) => names[k + width]).join(", ")}] must be included in the equivalence condition of temporal join, but current temporal join condition is [${[...condition, ...rest].join(", ")}].`,
    );
  }
  const leftTimeIndex = slotIndex(join.left.fields, temporal.period);
  const rightTimeIndex = temporal.versionTime ? slotIndex(join.right.fields, temporal.versionTime) : -1;
  if (leftTimeIndex < 0 || rightTimeIndex < 0)
    throw new PlanError("internal error: a temporal join lost its time attribute");
  const nonEqui = conjunction(split.rest);
  return Object.freeze({
    kind: "TemporalJoin",
    joinType: join.joinType,
    left,
    right,
    keys: split.keys,
    ...(join.condition ? { condition: join.condition } : {}),
    ...(nonEqui ? { nonEqui } : {}),
    fields: join.fields,
    leftTimeIndex,
    rightTimeIndex,
    primaryKey,
  });
}

/**
 * A processing-time temporal join against a table that can be looked up (an in-memory table): each
 * left row reads the rows whose lookup columns equal its key columns. The right side may be the
 * table's scan under a projection and filter (Flink's calc on the temporal table).
 */
export function planLookupJoin(join: LogicalJoin, input: ExecNode, split: SplitCondition): ExecNode {
  const { scan, calc } = lookupSide(join.right);
  const table = scan.table;
  const lookupKeys: LookupKey[] = [];
  const rest: BoundExpr[] = [...split.rest];
  split.keys.left.forEach((l, i) => {
    const column = tableColumn(split.keys.right[i]!, scan, calc?.projections);
    if (column >= 0 && split.keys.filterNulls[i]) lookupKeys.push({ column, input: l });
    else rest.push(split.keyConjuncts[i]!);
  });
  if (lookupKeys.length === 0)
    throw new PlanError(
      `Temporal table join requires an equality condition on fields of table [${table.path.join(".")}].`,
    );
  const nonEqui = conjunction(rest);
  return Object.freeze({
    kind: "LookupJoin",
    joinType: join.joinType === "LEFT" ? "LEFT" : "INNER",
    input,
    table,
    expressions: scan.expressions,
    tableFields: scan.fields,
    lookupKeys,
    ...(calc
      ? { calc: { projections: calc.projections, ...(calc.condition ? { condition: calc.condition } : {}) } }
      : {}),
    rightFields: join.right.fields,
    ...(nonEqui ? { nonEqui } : {}),
    fields: join.fields,
  });
}

/** The versioned side of an event-time temporal join: the table's scan, maybe under Calcs. */
function versionedScan(plan: LogicalPlan): { scan: LogicalScan } {
  let node = plan;
  while (node.kind === "calc") node = node.input;
  if (node.kind !== "scan")
    throw new PlanError("internal error: a temporal join's right side is not a table");
  return { scan: node };
}

/** The looked-up side: a scan of an in-memory table, or one Calc over it. */
function lookupSide(plan: LogicalPlan): { scan: LogicalScan; calc?: Extract<LogicalPlan, { kind: "calc" }> } {
  const calc = plan.kind === "calc" ? plan : undefined;
  const scan = calc ? calc.input : plan;
  if (scan.kind !== "scan") throw new PlanError("Processing-time temporal join is not supported yet.");
  if (!isLookupSource(scan.table))
    throw notSupported(
      `A lookup join against table '${scan.table.path.join(".")}' (connector '${scan.table.options.connector}'; in-memory and filesystem tables answer lookups)`,
    );
  return calc ? { scan, calc } : { scan };
}

/** The in-memory tables and filesystem tables answer point lookups; other connectors do not here. */
function isLookupSource(table: TableSchema): boolean {
  const connector = table.options.connector;
  return connector === undefined || connector === "headwater" || connector === "filesystem";
}

/** The table column a right field is (a plain column of the scan, through the calc), or -1. */
function tableColumn(
  index: number,
  scan: LogicalScan,
  projections: readonly BoundExpr[] | undefined,
): number {
  const expr = projections ? projections[index]! : undefined;
  if (expr && !isFieldRef(expr)) return -1;
  const position = expr ? slotIndex(scan.fields, expr) : index;
  return scan.table.columns[position]?.origin === "physical" ? position : -1;
}

function isColumnOf(slot: Fields[number]["slot"], scan: LogicalScan, name: string): boolean {
  const column = scan.table.columns.findIndex((c) => c.name === name);
  const own = scan.fields[column]?.slot;
  return (
    own !== undefined &&
    own.kind === "column" &&
    slot.kind === "column" &&
    own.ref.binding === slot.ref.binding &&
    own.ref.column === slot.ref.column
  );
}
