import type {
  BoundExpr,
  BoundQuery,
  BoundQueryBody,
  BoundRelation,
  BoundSelect,
  LeafRelation,
} from "../../sql/binder/index.ts";
import { walkBoundQuery } from "../analysis/walk-bound.ts";
import type { ProjectTable, TableWrite } from "../project/model.ts";

/**
 * How an output column derives from a source column: copied unchanged, computed by an expression,
 * aggregated (GROUP BY aggregates and OVER calls), or only influencing which rows exist (WHERE, JOIN
 * ON, GROUP BY keys, HAVING, PARTITION BY: "indirect", as OpenLineage calls it).
 */
export type Derivation = "direct" | "transformation" | "aggregation" | "indirect";

export interface ColumnSource {
  readonly table: string;
  readonly column: string;
  readonly how: Derivation;
}

export interface ColumnLineage {
  readonly column: string;
  readonly sources: readonly ColumnSource[];
}

/** Source columns by `table\0column`, with the strongest derivation seen. */
type Sources = Map<string, Derivation>;

const RANK: Readonly<Record<Derivation, number>> = {
  indirect: 0,
  direct: 1,
  transformation: 2,
  aggregation: 3,
};

/** The lineage of every column a table's statements write, in table column order. */
export function tableColumnLineage(table: ProjectTable): ColumnLineage[] {
  const byColumn = new Map<string, Sources>();
  for (const write of table.writes) {
    const resolver = new LineageResolver(write.query);
    const columns = resolver.queryColumns(write.query);
    const indirect = resolver.queryIndirect(write.query);
    write.targetColumns.forEach((target, i) => {
      const name = columnName(table, write, target, i);
      const sources = byColumn.get(name) ?? new Map<string, Derivation>();
      for (const [key, how] of columns[i] ?? new Map()) merge(sources, key, how);
      for (const key of indirect) if (!sources.has(key)) sources.set(key, "indirect");
      byColumn.set(name, sources);
    });
  }
  const order = table.schema?.columns.map((c) => c.name) ?? [...byColumn.keys()];
  return order
    .filter((name) => byColumn.has(name))
    .map((name) => ({ column: name, sources: toList(byColumn.get(name)!) }));
}

function columnName(table: ProjectTable, write: TableWrite, target: number, i: number): string {
  return table.schema?.columns[target]?.name ?? write.query.columns[i]?.name ?? `column_${i}`;
}

function toList(sources: Sources): ColumnSource[] {
  return [...sources]
    .map(([key, how]) => {
      const [table, column] = key.split("\u0000") as [string, string];
      return { table, column, how };
    })
    .sort((a, b) => a.table.localeCompare(b.table) || a.column.localeCompare(b.column));
}

function merge(into: Sources, key: string, how: Derivation): void {
  const current = into.get(key);
  if (current === undefined || RANK[how] > RANK[current]) into.set(key, how);
}

function mergeAll(into: Sources, from: Sources, atLeast?: Derivation): void {
  for (const [key, how] of from) merge(into, key, atLeast && RANK[atLeast] > RANK[how] ? atLeast : how);
}

/**
 * Resolves column references of one statement's bound tree back to table columns, through derived
 * tables, CTEs (shared query objects, computed once), set operations, window TVFs and joins.
 */
class LineageResolver {
  private readonly relations = new Map<number, LeafRelation>();
  private readonly columnsMemo = new Map<BoundQuery, Sources[]>();
  private readonly indirectMemo = new Map<BoundQuery, Set<string>>();

  constructor(root: BoundQuery) {
    walkBoundQuery(root, {
      relation: (r) => {
        if (r.kind !== "join") this.relations.set(r.binding, r);
      },
    });
  }

  queryColumns(query: BoundQuery): Sources[] {
    let memo = this.columnsMemo.get(query);
    if (!memo) {
      this.columnsMemo.set(query, []); // a recursive reference resolves to nothing instead of looping
      memo = this.bodyColumns(query.body);
      this.columnsMemo.set(query, memo);
    }
    return memo;
  }

  private bodyColumns(body: BoundQueryBody): Sources[] {
    switch (body.kind) {
      case "query":
        return this.queryColumns(body);
      case "values":
        return body.columns.map((_, i) => {
          const out: Sources = new Map();
          for (const row of body.rows) if (row[i]) mergeAll(out, this.expr(row[i]!, undefined));
          return out;
        });
      case "setOp": {
        const left = this.bodyColumns(body.left);
        const right = this.bodyColumns(body.right);
        return body.columns.map((_, i) => {
          const out: Sources = new Map();
          mergeAll(out, left[i] ?? new Map());
          mergeAll(out, right[i] ?? new Map());
          return out;
        });
      }
      case "select":
        return body.projections.map((p) => this.expr(p, body));
      default:
        return body satisfies never;
    }
  }

  /** Columns that decide which rows a query returns: filters, join conditions, grouping keys. */
  queryIndirect(query: BoundQuery): Set<string> {
    let memo = this.indirectMemo.get(query);
    if (!memo) {
      memo = new Set();
      this.indirectMemo.set(query, memo);
      this.bodyIndirect(query.body, memo);
    }
    return memo;
  }

  private bodyIndirect(body: BoundQueryBody, out: Set<string>): void {
    switch (body.kind) {
      case "query":
        for (const k of this.queryIndirect(body)) out.add(k);
        return;
      case "values":
        return;
      case "setOp":
        this.bodyIndirect(body.left, out);
        this.bodyIndirect(body.right, out);
        return;
      case "select": {
        const conditions: BoundExpr[] = [];
        if (body.where) conditions.push(body.where);
        if (body.having) conditions.push(body.having);
        if (body.grouping) conditions.push(...body.grouping.expressions);
        for (const a of body.aggregates) if (a.filter) conditions.push(a.filter);
        for (const w of body.windowCalls) conditions.push(...w.partitionBy, ...w.orderBy.map((o) => o.expr));
        for (const c of conditions) for (const k of this.expr(c, body).keys()) out.add(k);
        if (body.from) this.relationIndirect(body.from, body, out);
        return;
      }
      default:
        body satisfies never;
    }
  }

  private relationIndirect(relation: BoundRelation, select: BoundSelect, out: Set<string>): void {
    switch (relation.kind) {
      case "join":
        if (relation.condition) for (const k of this.expr(relation.condition, select).keys()) out.add(k);
        this.relationIndirect(relation.left, select, out);
        this.relationIndirect(relation.right, select, out);
        return;
      case "derived":
        for (const k of this.queryIndirect(relation.query)) out.add(k);
        return;
      case "windowTvf":
      case "matchRecognize":
        this.relationIndirect(relation.input, select, out);
        return;
      default:
        return;
    }
  }

  private expr(expr: BoundExpr, select: BoundSelect | undefined): Sources {
    switch (expr.kind) {
      case "column":
      case "outerColumn":
        return this.column(expr.binding, expr.column);
      case "literal":
      case "parameter":
      case "timeUnit":
        return new Map();
      case "groupRef": {
        const key = select?.grouping?.expressions[expr.index];
        return key ? this.expr(key, select) : new Map();
      }
      case "aggregateRef": {
        const out: Sources = new Map();
        const aggregate = select?.aggregates[expr.index];
        for (const arg of aggregate?.args ?? []) mergeAll(out, this.expr(arg, select), "aggregation");
        return out;
      }
      case "windowRef": {
        const out: Sources = new Map();
        const call = select?.windowCalls[expr.index];
        for (const arg of call?.args ?? []) mergeAll(out, this.expr(arg, select), "aggregation");
        return out;
      }
      case "subquery": {
        const out: Sources = new Map();
        for (const column of this.queryColumns(expr.query)) mergeAll(out, column, "transformation");
        if (expr.operand) mergeAll(out, this.expr(expr.operand, select), "transformation");
        return out;
      }
      case "call":
      case "cast":
      case "case":
      case "fieldAccess": {
        const out: Sources = new Map();
        const children =
          expr.kind === "call"
            ? expr.args
            : expr.kind === "cast"
              ? [expr.operand]
              : expr.kind === "fieldAccess"
                ? [expr.base]
                : [...expr.whens.flatMap((w) => [w.when, w.then]), ...(expr.else ? [expr.else] : [])];
        for (const child of children) mergeAll(out, this.expr(child, select), "transformation");
        return out;
      }
      default:
        return expr satisfies never;
    }
  }

  private column(binding: number, column: number): Sources {
    const relation = this.relations.get(binding);
    if (!relation) return new Map();
    switch (relation.kind) {
      case "table": {
        const name = relation.table.columns[column]?.name;
        return name ? new Map([[`${relation.table.path[2]}\u0000${name}`, "direct"]]) : new Map();
      }
      case "derived":
        return new Map(this.queryColumns(relation.query)[column] ?? []);
      case "windowTvf": {
        const input = relation.input;
        const width = input.kind === "join" ? 0 : input.columns.length;
        if (input.kind !== "join" && column < width) return this.column(input.binding, column);
        // window_start, window_end, window_time: computed from the time attribute.
        const out: Sources = new Map();
        if (input.kind !== "join")
          mergeAll(out, this.column(input.binding, relation.timeColumn), "transformation");
        return out;
      }
      case "tableFunction":
      case "unnest": {
        const out: Sources = new Map();
        for (const arg of relation.args) mergeAll(out, this.expr(arg, undefined), "transformation");
        return out;
      }
      case "matchRecognize": {
        // MEASURES are not bound column by column: every input column may feed every output.
        const out: Sources = new Map();
        const input = relation.input;
        if (input.kind !== "join")
          for (let i = 0; i < input.columns.length; i++)
            mergeAll(out, this.column(input.binding, i), "transformation");
        return out;
      }
      default:
        return relation satisfies never;
    }
  }
}
