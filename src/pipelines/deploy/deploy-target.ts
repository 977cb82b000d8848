import type { StatementSpec, StatementStatus } from "./statement.ts";

export const TARGET_KINDS = ["local", "flink", "confluent"] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

/**
 * Where statements run: the Headwater daemon (`headwater serve`), Apache Flink's SQL Gateway, or
 * Confluent Cloud's Statements API. A target knows statements by their deterministic names, so a
 * later run (status, undeploy, a redeploy) finds what an earlier one started. Every method reports
 * a problem of the target itself (unreachable, refused credentials, a malformed answer) as a
 * `TargetError`; a statement that fails is not an error of the call but a FAILED status.
 */
export interface DeployTarget {
  readonly kind: TargetKind;
  /** Where it deploys, for reports; never holds a secret. */
  readonly endpoint: string;
  /** Checks that the target answers and is usable (credentials, compute pool) before anything runs. */
  check(): Promise<void>;
  /**
   * Makes tables the next statements read, but this run does not deploy, known to the target
   * (running ancestors, external topics). Only a target whose catalog lives in a session (Flink's
   * gateway) or that lacks them (a fresh daemon) runs anything; DDLs come parents first. Returns
   * the statuses of the DDLs it ran.
   */
  declareTables(ddls: readonly StatementSpec[]): Promise<StatementStatus[]>;
  /** Submits one statement; returns its first status (usually PENDING). The name must be free. */
  submit(statement: StatementSpec): Promise<StatementStatus>;
  /** The statement's status now, or undefined when the target has no statement of that name. */
  describe(name: string): Promise<StatementStatus | undefined>;
  /** Every statement the target knows (for plans and health checks). */
  list(): Promise<StatementStatus[]>;
  /** Stops (if running) and deletes a statement; false when there was none of that name. */
  remove(name: string): Promise<boolean>;
  /** Releases sessions and connections. */
  close(): Promise<void>;
}

/**
 * A problem with the target rather than with a statement: it cannot be reached, refuses the
 * credentials, or answers something unexpected. The message says which target, what was asked
 * and what came back, with secrets removed.
 */
export class TargetError extends Error {
  /** HTTP status when the target answered. */
  readonly status: number | undefined;

  constructor(message: string, status?: number) {
    super(message);
    this.name = "TargetError";
    this.status = status;
  }
}

/** Which target a report speaks of: its kind and endpoint (never a secret). */
export interface TargetRef {
  readonly kind: TargetKind;
  readonly endpoint: string;
}

export function targetRef(target: DeployTarget): TargetRef {
  return { kind: target.kind, endpoint: target.endpoint };
}
