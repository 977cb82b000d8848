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

/** A DDL (or drop) is done when it completed; a DML when it runs (or, bounded, completed). */
export function isSettled(kind: StatementKind, phase: StatementPhase): boolean {
  if (phase === "FAILED" || phase === "STOPPED") return true;
  return kind === "dml" ? phase !== "PENDING" : phase === "COMPLETED";
}

/** The outcome a caller can trust: did the statement reach what its kind needs? */
export function isSuccess(kind: StatementKind, phase: StatementPhase): boolean {
  return kind === "dml" ? phase === "RUNNING" || phase === "COMPLETED" : phase === "COMPLETED";
}
