// From the measurements of one query to what the report says about it: each system's final result
// against DuckDB's, and Headwater's throughput as a multiple of each peer's.
import { existsSync } from "node:fs";
import { diffSortedLines, readResultFile } from "../../lib/result-rows.ts";
import type { Ratio, ResultCheck, SystemOutcome } from "./model.ts";

/** A system's result file against the oracle's; `outcome` says whether the system produced one. */
export function checkResult(
  outcome: SystemOutcome,
  resultFile: string,
  oracleFile: string | undefined,
): ResultCheck {
  if (outcome.status !== "ok") return { status: "not compared", reason: `no run (${outcome.status})` };
  if (outcome.resultError !== undefined)
    return { status: "not compared", reason: `reading the result failed: ${outcome.resultError}` };
  if (oracleFile === undefined || !existsSync(oracleFile))
    return { status: "not compared", reason: "DuckDB's answer is missing" };
  if (!existsSync(resultFile)) return { status: "not compared", reason: "the result was not written" };
  const difference = diffSortedLines(readResultFile(oracleFile), readResultFile(resultFile));
  return difference.same
    ? { status: "match", rows: difference.expectedRows }
    : { status: "differ", difference };
}

/** Headwater over a peer, when both ran. */
export function ratioOf(headwater: SystemOutcome, peer: SystemOutcome): Ratio | undefined {
  if (headwater.status !== "ok" || peer.status !== "ok") return undefined;
  return {
    perCore: headwater.throughput.eventsPerCoreSecond / peer.throughput.eventsPerCoreSecond,
    wall: headwater.throughput.eventsPerSecond / peer.throughput.eventsPerSecond,
  };
}
