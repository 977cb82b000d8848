import type { BoundQuery, BoundRelation, BoundStatement } from "../../sql/binder/index.ts";
import type { Catalog } from "../../sql/catalog/catalog.ts";
import type { TableSchema } from "../../sql/catalog/table-schema.ts";
import { plannedState } from "./physical-state.ts";
import { walkBoundQuery } from "./walk-bound.ts";

export type StateForm = "Stateful" | "Stateless";

/** Why a statement holds state (or why something that looks stateful does not). */
export interface StateFinding {
  readonly stateful: boolean;
  readonly reason: string;
}

/** The statefulness of one statement writing a table, and where it was read from. */
export interface StatementState {
  /** Project-relative file of the statement. */
  readonly file: string;
  /**
   * `physical-plan`: the engine planned the statement; `bound-tree`: it could not (an operator that
   * has not landed yet, or an error), so the bound tree was read instead — `why` says what stopped it.
   */
  readonly source:
    | { readonly kind: "physical-plan" }
    | { readonly kind: "bound-tree"; readonly why: string; readonly rejected: boolean };
  readonly findings: readonly StateFinding[];
  /** Column sets of the written table identifying one live row each (physical plan only). */
  readonly upsertKeys: readonly (readonly string[])[];
  /** Whether the statement emits updates or deletes (physical plan only). */
  readonly updating?: boolean;
  /** What Apache Flink 1.20 would refuse in the statement's plan, in its words; absent when nothing. */
  readonly flinkRejections?: readonly string[];
}

/** A statement to analyse: its bound query, and the statement the planner takes when there is one. */
export interface AnalysedWrite {
  readonly file: string;
  readonly query: BoundQuery;
  readonly statement?: BoundStatement;
}

/**
 * Statefulness per statement: from the engine's physical plan when it can plan the statement, else
 * from the bound tree, saying why.
 */
export function statementStates(writes: readonly AnalysedWrite[], catalog: Catalog): StatementState[] {
  return writes.map((write) => {
    const planned = write.statement
      ? plannedState(write.statement, catalog)
      : ({ kind: "unplanned", why: "the statement has errors", rejected: false } as const);
    if (planned.kind === "planned")
      return {
        file: write.file,
        source: { kind: "physical-plan" },
        findings: planned.findings,
        upsertKeys: planned.upsertKeys,
        updating: planned.updating,
        ...(planned.flinkRejections.length > 0 ? { flinkRejections: planned.flinkRejections } : {}),
      };
    return {
      file: write.file,
      source: { kind: "bound-tree", why: planned.why, rejected: planned.rejected },
      findings: stateFindings([write.query]),
      upsertKeys: [],
    };
  });
}

/**
 * Statefulness read from the bound tree. An operator keeps state when its output for a row depends on
 * rows seen before: GROUP BY and aggregates, DISTINCT, regular/interval/event-time temporal joins,
 * ROW_NUMBER deduplication and Top-N, OVER aggregation, UNION/INTERSECT/EXCEPT (distinct), window
 * aggregation, MATCH_RECOGNIZE, LIMIT, IN/EXISTS/scalar subqueries (planned as joins).
 * Stateless: projections, filters, UNION ALL, CROSS JOIN UNNEST / LATERAL TABLE, and lookup joins
 * (`FOR SYSTEM_TIME AS OF` a processing-time attribute: each row queries the external table).
 *
 * This is a syntactic reading of the plan Flink will build: the fallback for statements the engine's
 * planner cannot plan yet.
 */
export function stateFindings(queries: readonly BoundQuery[]): StateFinding[] {
  const out: StateFinding[] = [];
  const seen = new Set<BoundQuery>();
  const add = (stateful: boolean, reason: string) => {
    if (!out.some((f) => f.reason === reason)) out.push({ stateful, reason });
  };
  for (const query of queries) {
    walkBoundQuery(
      query,
      {
        select(select) {
          if (select.grouping || select.aggregates.length > 0) {
            const windowed = select.from !== undefined && readsWindowTvf(select.from);
            add(
              true,
              windowed
                ? "window aggregation"
                : select.grouping
                  ? "GROUP BY aggregation"
                  : "global aggregation",
            );
          }
          if (select.distinct) add(true, "SELECT DISTINCT");
          for (const call of select.windowCalls) {
            const ranking =
              call.name.toUpperCase() === "ROW_NUMBER" || call.name.toUpperCase().endsWith("RANK");
            add(
              true,
              ranking ? `${call.name.toUpperCase()} deduplication/Top-N` : `OVER aggregation (${call.name})`,
            );
          }
        },
        setOp(setOp) {
          if (setOp.op !== "UNION" || !setOp.all)
            add(true, `${setOp.op}${setOp.all ? " ALL" : ""} (distinct rows)`);
        },
        relation(relation) {
          if (relation.kind === "join") add(...joinState(relation));
          if (relation.kind === "matchRecognize") add(true, "MATCH_RECOGNIZE");
        },
        query(q) {
          if (q.limit !== undefined) add(true, "LIMIT (Top-N)");
        },
        subquery(expr) {
          add(true, `${expr.subquery.toUpperCase()} subquery (planned as a join)`);
        },
      },
      seen,
    );
  }
  return out;
}

export function stateFormOf(findings: readonly StateFinding[]): StateForm {
  return findings.some((f) => f.stateful) ? "Stateful" : "Stateless";
}

function joinState(join: Extract<BoundRelation, { kind: "join" }>): [boolean, string] {
  const right = join.right;
  if (right.kind === "unnest") return [false, "CROSS JOIN UNNEST (row-local)"];
  if (right.kind === "tableFunction") return [false, `LATERAL TABLE ${right.name} (row-local)`];
  if (right.kind === "table" && right.asOf) {
    const onProcTime = right.asOf.kind === "column" && right.asOf.timeAttribute === "proctime";
    return onProcTime
      ? [false, `lookup join on ${tableName(right.table)} (no state: each row queries the table)`]
      : [true, `event-time temporal join on ${tableName(right.table)}`];
  }
  return [true, `${join.type} join`];
}

function readsWindowTvf(relation: BoundRelation): boolean {
  if (relation.kind === "windowTvf") return true;
  if (relation.kind === "join") return readsWindowTvf(relation.left) || readsWindowTvf(relation.right);
  return false;
}

const tableName = (table: TableSchema): string => table.path[2];

/**
 * What shift_left's line heuristic would conclude, from the same tree: any join keyword, GROUP BY,
 * window TVF, OVER or MATCH_RECOGNIZE makes the DML stateful; otherwise an `upsert`/`retract`
 * changelog.mode on the DDL does. Used only to explain where Headwater decides differently.
 */
export function shiftLeftStateForm(queries: readonly BoundQuery[], sink: TableSchema | undefined): StateForm {
  let stateful = false;
  const seen = new Set<BoundQuery>();
  for (const query of queries) {
    walkBoundQuery(
      query,
      {
        select(select) {
          if (select.grouping || select.windowCalls.length > 0) stateful = true;
        },
        relation(relation) {
          if (relation.kind === "windowTvf" || relation.kind === "matchRecognize") stateful = true;
          if (relation.kind === "join" && relation.right.kind !== "unnest") stateful = true;
        },
      },
      seen,
    );
  }
  const mode = sink?.options["changelog.mode"] ?? "";
  return stateful || mode.includes("upsert") || mode.includes("retract") ? "Stateful" : "Stateless";
}
