import type { StateForm } from "../analysis/statefulness.ts";
import type { TableType } from "../layout/layers.ts";
import type { Phase } from "./running-state.ts";

export type PlanSelector =
  | { readonly kind: "table"; readonly table: string }
  | { readonly kind: "product"; readonly product: string }
  | { readonly kind: "dir"; readonly dir: string };

export interface PlanOptions {
  /** Restart children of restarted tables (unless both are stateless), and all their descendants. */
  readonly mayStartDescendants: boolean;
  /** Rerun every ancestor, running or not. */
  readonly forceAncestors: boolean;
  /** Let a restart cascade into children of other products. */
  readonly crossProduct: boolean;
}

export type PlanAction = "run" | "restart" | "skip";

export interface PlanNode {
  readonly table_name: string;
  readonly product_name: string;
  readonly type: TableType;
  readonly path: string | null;
  readonly dml_ref: string | null;
  readonly dml_statement_name: string;
  readonly ddl_ref: string | null;
  readonly ddl_statement_name: string;
  readonly upgrade_mode: StateForm;
  readonly update_children: boolean;
  readonly parents: readonly string[];
  readonly children: readonly string[];
  readonly status_phase: Phase;
  readonly to_run: boolean;
  readonly to_restart: boolean;
  readonly action: PlanAction;
  readonly reason: string;
}

/** A child a restart did not reach, and why (stateless edge, other product). */
export interface KeptRunning {
  readonly table_name: string;
  readonly parent: string;
  readonly reason: string;
}

export interface ExecutionPlan {
  readonly start_table_name: string;
  readonly selector: PlanSelector;
  readonly options: PlanOptions;
  readonly environment_id: string;
  /** Execution order: every table after its parents. */
  readonly nodes: readonly PlanNode[];
  readonly kept_running: readonly KeptRunning[];
}
