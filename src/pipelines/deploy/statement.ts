import { PHASES, type Phase } from "../plan/running-state.ts";

/**
 * Where a statement is in its life, in Confluent Cloud's words, which every target maps onto:
 * PENDING (submitted, not yet running), RUNNING, COMPLETED (a DDL, or a bounded DML that ended),
 * FAILED, STOPPED (stopped or cancelled), DEGRADED (running, but unhealthy).
 */
export type StatementPhase = Exclude<Phase, "UNKNOWN">;

export const STATEMENT_PHASES: readonly StatementPhase[] = PHASES.filter(
  (p): p is StatementPhase => p !== "UNKNOWN",
);

/** What a statement does for its table: create it, fill it, or drop it (undeploy). */
export type StatementKind = "ddl" | "dml" | "drop";

/** One statement to submit: a deterministic name and one SQL statement. */
export interface StatementSpec {
  readonly name: string;
  readonly kind: StatementKind;
  /** The project table it belongs to. */
  readonly table: string;
  readonly sql: string;
}

/** A statement as a target reports it. Metrics are absent when the target does not know them. */
export interface StatementStatus {
  readonly name: string;
  readonly phase: StatementPhase;
  /** Why it failed or stopped, or what the target says about it. */
  readonly detail?: string;
  readonly sql?: string;
  /** ISO-8601 time the statement (its job) started. */
  readonly startedAt?: string;
  readonly recordsIn?: number;
  readonly recordsOut?: number;
  /** Records its sources have not read yet. */
  readonly lag?: number;
}

/** A statement has settled once it left PENDING: it runs, completed, or failed. */
export function isSettled(phase: StatementPhase): boolean {
  return phase !== "PENDING";
}

/**
 * Success, whatever the statement's kind: a DDL or drop completes, an INSERT runs (or, bounded,
 * completes), a CREATE TABLE AS runs; DEGRADED, FAILED and STOPPED are failures.
 */
export function isSuccess(phase: StatementPhase): boolean {
  return phase === "RUNNING" || phase === "COMPLETED";
}
