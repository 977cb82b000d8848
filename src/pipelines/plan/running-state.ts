import { readFileSync } from "node:fs";

/** Statement phases as Confluent Cloud reports them, plus UNKNOWN for a statement that does not exist. */
export const PHASES = [
  "RUNNING",
  "PENDING",
  "COMPLETED",
  "FAILED",
  "STOPPED",
  "DEGRADED",
  "UNKNOWN",
] as const;
export type Phase = (typeof PHASES)[number];

/**
 * Which statements run now, by DML statement name or by table name. Read from a JSON file until the
 * deploy targets report it: `{"dev-usw2-p2-dml-x": "RUNNING", "y": "STOPPED"}`, optionally wrapped as
 * `{"statements": {...}}`; a value may also be `{"status_phase": "RUNNING"}` (shift_left's shape).
 */
export type RunningState = ReadonlyMap<string, Phase>;

export function parseRunningState(text: string): { state: RunningState } | { error: string } {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return { error: `not valid JSON: ${(error as Error).message}` };
  }
  const body = isRecord(document) && isRecord(document.statements) ? document.statements : document;
  if (!isRecord(body)) return { error: "expected an object of statement or table names to phases" };
  const state = new Map<string, Phase>();
  const problems: string[] = [];
  for (const [name, value] of Object.entries(body)) {
    const phase = isRecord(value) ? value.status_phase : value;
    if (typeof phase === "string" && (PHASES as readonly string[]).includes(phase))
      state.set(name, phase as Phase);
    else problems.push(`${name}: '${JSON.stringify(value)}' is not one of ${PHASES.join(", ")}`);
  }
  return problems.length > 0 ? { error: problems.join("; ") } : { state };
}

export function readRunningState(file: string): { state: RunningState } | { error: string } {
  try {
    return parseRunningState(readFileSync(file, "utf8"));
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** shift_left's rule: a statement that is running, about to run, or finished (bounded) needs no start. */
export function isRunningPhase(phase: Phase): boolean {
  return phase === "RUNNING" || phase === "PENDING" || phase === "COMPLETED";
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
