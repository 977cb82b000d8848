import type { Row, SqlValue } from "../../common/value.ts";
import { compareValues } from "../../engine/index.ts";
import type { DataType } from "../../sql/types/data-type.ts";
import type { Accumulator, BoundMeasure, QueryRun } from "./measures.ts";
import type { ParamDecls, ParamValues } from "./params.ts";
import type { Order, Output, Query } from "./query.ts";
import type { Relation } from "./relation.ts";

export interface OutputField {
  readonly name: string;
  readonly type: DataType;
}

/** A query checked against its relation's columns, ready to run per request. */
export interface BoundQuery<P> {
  readonly fields: readonly OutputField[];
  /** The result rows, values in `fields` order. */
  run(params: P): Row[];
}

type BoundOutput<R, P> =
  | { readonly kind: "column"; readonly column: keyof R & string; readonly group: number }
  | { readonly kind: "computed"; readonly compute: (record: R, params: P) => SqlValue }
  | { readonly kind: "measure"; readonly measure: BoundMeasure<R> };

interface Result {
  readonly values: SqlValue[];
  /** The group's key values or the record's key: the last, always-unique sort key. */
  readonly identity: readonly SqlValue[];
}

/**
 * Binds a query to a relation: every column it names must exist, every output fit the query's shape;
 * `label` names the query in those errors.
 */
export function bindQuery<R, D extends ParamDecls>(
  spec: Query<NoInfer<R>, D>,
  relation: Relation<R>,
  label = "query",
): BoundQuery<ParamValues<D>> {
  type P = ParamValues<D>;
  const where = label;
  const groupBy = spec.groupBy;
  for (const column of groupBy ?? [])
    if (!relation.columns.has(column)) throw new Error(`${where}: no column ${column} in ${relation.name}`);
  const names = Object.keys(spec.select);
  const fields: OutputField[] = [];
  const outputs = names.map((name): BoundOutput<R, P> => {
    const output: Output<R, P> = spec.select[name]!;
    switch (output.kind) {
      case "column": {
        const type = relation.columns.get(output.column);
        if (!type) throw new Error(`${where}: no column ${output.column} in ${relation.name}`);
        const group = groupBy ? groupBy.indexOf(output.column) : -1;
        if (groupBy && group < 0) throw new Error(`${where}: ${name} is neither grouped by nor aggregated`);
        fields.push({ name, type });
        return { kind: "column", column: output.column, group };
      }
      case "computed":
        if (groupBy) throw new Error(`${where}: ${name} is computed per record in a grouped query`);
        fields.push({ name, type: output.type });
        return { kind: "computed", compute: output.compute };
      case "measure": {
        if (!groupBy) throw new Error(`${where}: ${name} aggregates in a query without GROUP BY`);
        const measure = output.bind(relation.columns);
        fields.push({ name, type: measure.type });
        return { kind: "measure", measure };
      }
      default:
        return output satisfies never;
    }
  });
  const orders = (spec.orderBy ?? []).map((order) => {
    const at = names.indexOf(order.output);
    if (at < 0) throw new Error(`${where}: ORDER BY ${order.output}, which is not selected`);
    return { order, at };
  });
  const compare = (a: Result, b: Result): number => {
    for (const { order, at } of orders) {
      const c = compareBy(order, a.values[at]!, b.values[at]!);
      if (c !== 0) return c;
    }
    for (let i = 0; i < a.identity.length; i++) {
      const c = nullsLast(a.identity[i]!, b.identity[i]!);
      if (c !== 0) return c;
    }
    return 0;
  };

  return {
    fields,
    run(params) {
      const all = relation.rows();
      const rows = spec.where ? all.filter((record) => spec.where!(record, params)) : all;
      const results = groupBy
        ? aggregate(rows, groupBy, outputs)
        : rows.map((record) => ({
            values: outputs.map((o) =>
              o.kind === "column"
                ? (record[o.column] as SqlValue)
                : o.kind === "computed"
                  ? o.compute(record, params)
                  : null,
            ),
            identity: relation.key.map((k) => record[k] as SqlValue),
          }));
      results.sort(compare);
      const limit = spec.limit?.(params);
      return (limit === undefined ? results : results.slice(0, limit)).map((r) => r.values);
    },
  };
}

/** GROUP BY: one set of accumulators per distinct key, fed every record of the group. */
function aggregate<R, P>(
  rows: readonly R[],
  groupBy: readonly (keyof R & string)[],
  outputs: readonly BoundOutput<R, P>[],
): Result[] {
  const run: QueryRun<R> = { rows };
  const groups = new Map<string, { key: SqlValue[]; accumulators: (Accumulator<R> | undefined)[] }>();
  for (const record of rows) {
    const key = groupBy.map((column) => record[column] as SqlValue);
    const id = key.map(keyText).join("\u0000");
    let group = groups.get(id);
    if (!group) {
      group = {
        key,
        accumulators: outputs.map((o) => (o.kind === "measure" ? o.measure.start(run) : undefined)),
      };
      groups.set(id, group);
    }
    for (const accumulator of group.accumulators) accumulator?.add(record);
  }
  // Without GROUP BY columns the whole input is one group, even when empty (SELECT COUNT(*) gives 0).
  if (groupBy.length === 0 && groups.size === 0)
    groups.set("", {
      key: [],
      accumulators: outputs.map((o) => (o.kind === "measure" ? o.measure.start(run) : undefined)),
    });
  return [...groups.values()].map(({ key, accumulators }) => ({
    values: outputs.map((o, i) => (o.kind === "column" ? key[o.group]! : accumulators[i]!.value())),
    identity: key,
  }));
}

/** A group key value as text that tells NULL, strings, numbers and bigints apart. */
function keyText(value: SqlValue): string {
  return value === null ? "\u0001" : `${typeof value}:${String(value)}`;
}

function nullsLast(a: SqlValue, b: SqlValue): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return compareValues(a, b);
}

function compareBy(order: Order, a: SqlValue, b: SqlValue): number {
  if ("direction" in order) {
    if (a === null || b === null) return nullsLast(a, b);
    return order.direction === "asc" ? compareValues(a, b) : compareValues(b, a);
  }
  const rank = (v: SqlValue) => {
    const i = order.sequence.indexOf(v);
    return i < 0 ? order.sequence.length : i;
  };
  return rank(a) - rank(b) || nullsLast(a, b);
}
