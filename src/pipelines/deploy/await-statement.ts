import type { DeployTarget } from "./deploy-target.ts";
import { isSettled, type StatementStatus } from "./statement.ts";

export interface WaitOptions {
  /** Give up after this long, ms. */
  readonly timeoutMs: number;
  /** Between two status requests, ms. */
  readonly pollMs: number;
}

/**
 * Polls a statement until it leaves PENDING. A statement that vanished, or is still PENDING at the
 * deadline, comes back FAILED with a detail saying so, so callers have one outcome type to report.
 */
export async function awaitSettled(
  target: DeployTarget,
  first: StatementStatus,
  options: WaitOptions,
): Promise<StatementStatus> {
  const deadline = Date.now() + options.timeoutMs;
  let status = first;
  while (!isSettled(status.phase)) {
    if (Date.now() >= deadline)
      return {
        ...status,
        phase: "FAILED",
        detail: `still ${status.phase} after ${Math.round(options.timeoutMs / 1000)} s (deploy.timeout_seconds)`,
      };
    await new Promise((resolve) => setTimeout(resolve, options.pollMs));
    const next = await target.describe(status.name);
    if (!next)
      return { ...status, phase: "FAILED", detail: `${target.kind} target no longer knows the statement` };
    status = next;
  }
  return status;
}
