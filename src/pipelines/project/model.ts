import type { BoundQuery, BoundStatement } from "../../sql/binder/index.ts";
import type { TableSchema } from "../../sql/catalog/table-schema.ts";
import type { Complexity } from "../analysis/complexity.ts";
import type { StateFinding, StateForm, StatementState } from "../analysis/statefulness.ts";
import type { ProjectConfig } from "../config/load-config.ts";
import type { TableType } from "../layout/layers.ts";
import type { Finding } from "./findings.ts";

/** One query writing a table: an INSERT of its DML, or the query of a CTAS, view or materialized table. */
export interface TableWrite {
  readonly query: BoundQuery;
  /** For each query column, the index of the table column it writes. */
  readonly targetColumns: readonly number[];
  /** Project-relative file of the statement. */
  readonly file: string;
  /**
   * What the engine's planner takes: the INSERT when it bound without errors, or the defining query
   * of a CTAS, view or materialized table. Absent for an INSERT with errors.
   */
  readonly statement?: BoundStatement;
}

/**
 * `declared`: a table the project reads but no statement of it writes, with a DDL (a raw topic);
 * `undeclared`: read but neither written nor declared — an error, kept in the graph so plans and
 * lineage still show where it is used.
 */
export type ExternalKind = "declared" | "undeclared";

export interface TableState {
  readonly form: StateForm;
  readonly findings: readonly StateFinding[];
  /** What shift_left's regex heuristic would have said, to explain where Headwater differs. */
  readonly shiftLeftForm: StateForm;
  /** Per statement writing the table: its stateful operators, upsert keys and how they were found. */
  readonly statements: readonly StatementState[];
}

export interface ProjectTable {
  readonly name: string;
  /** Project-relative table folder; absent for undeclared tables. */
  readonly folder?: string;
  readonly type: TableType;
  readonly product: string;
  readonly ddlRef?: string;
  readonly dmlRef?: string;
  readonly schema?: TableSchema;
  readonly writes: readonly TableWrite[];
  /** Sorted table names. */
  readonly parents: readonly string[];
  readonly children: readonly string[];
  readonly external?: ExternalKind;
  readonly state: TableState;
  readonly complexity: Complexity;
}

export interface Project {
  readonly dir: string;
  readonly pipelinesDir: string;
  readonly config: ProjectConfig;
  readonly tables: ReadonlyMap<string, ProjectTable>;
  /** Every table, parents before children (Kahn's algorithm, ties by name); empty when cyclic. */
  readonly order: readonly string[];
  readonly findings: readonly Finding[];
}
