import type { StatementPhase } from "../../statement.ts";

/**
 * Confluent's phases in ours: the transitional FAILING, STOPPING and DELETING report where the
 * statement is heading; a phase Confluent adds later (the enum is extensible) counts as PENDING.
 */
export function phaseOfConfluent(phase: unknown): StatementPhase {
  switch (phase) {
    case "RUNNING":
    case "COMPLETED":
    case "FAILED":
    case "STOPPED":
    case "DEGRADED":
    case "PENDING":
      return phase;
    case "FAILING":
      return "FAILED";
    case "STOPPING":
    case "DELETING":
      return "STOPPED";
    default:
      return "PENDING";
  }
}
