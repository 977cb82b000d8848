import type { StatementPhase } from "../../statement.ts";
import { isRecord, type JsonHttp } from "../http-json.ts";

/** A job as the JobManager's /jobs/overview lists it. */
export interface FlinkJob {
  readonly jid: string;
  readonly name: string;
  readonly state: string;
  readonly startTime: number;
  readonly tasks: Readonly<Record<string, number>>;
}

const TERMINAL = new Set(["FINISHED", "FAILED", "CANCELED", "SUSPENDED"]);

export function isTerminal(job: FlinkJob): boolean {
  return TERMINAL.has(job.state);
}

/**
 * Flink job states in statement phases: a job RUNNING before all its tasks run is still PENDING;
 * RESTARTING (after a failure) is DEGRADED; FINISHED is COMPLETED; CANCELLING/CANCELED/SUSPENDED
 * are STOPPED.
 */
export function phaseOfJob(job: FlinkJob): StatementPhase {
  switch (job.state) {
    case "RUNNING": {
      const total = job.tasks.total ?? 0;
      const up = (job.tasks.running ?? 0) + (job.tasks.finished ?? 0);
      return total > 0 && up < total ? "PENDING" : "RUNNING";
    }
    case "FINISHED":
      return "COMPLETED";
    case "FAILING":
    case "FAILED":
      return "FAILED";
    case "RESTARTING":
      return "DEGRADED";
    case "CANCELLING":
    case "CANCELED":
    case "SUSPENDED":
      return "STOPPED";
    default:
      // INITIALIZING, CREATED, RECONCILING
      return "PENDING";
  }
}

export async function jobsOverview(http: JsonHttp): Promise<FlinkJob[]> {
  const res = await http.request("GET", "/jobs/overview");
  if (res.status !== 200 || !isRecord(res.body) || !Array.isArray(res.body.jobs))
    throw http.unexpected("GET", "/jobs/overview", res);
  return res.body.jobs.filter(isRecord).map((j) => ({
    jid: String(j.jid),
    name: String(j.name),
    state: String(j.state),
    startTime: Number(j["start-time"]),
    tasks: isRecord(j.tasks) ? (j.tasks as Record<string, number>) : {},
  }));
}

/** Of the jobs named `name`, the one that speaks for the statement: an active one, else the latest. */
export function currentJob(jobs: readonly FlinkJob[], name: string): FlinkJob | undefined {
  const named = jobs.filter((j) => j.name === name).sort((a, b) => b.startTime - a.startTime);
  return named.find((j) => !isTerminal(j)) ?? named[0];
}

export async function cancelJob(http: JsonHttp, jid: string): Promise<void> {
  const res = await http.request("PATCH", `/jobs/${jid}?mode=cancel`);
  if (res.status !== 202 && res.status !== 200 && res.status !== 404)
    throw http.unexpected("PATCH", `/jobs/${jid}?mode=cancel`, res);
}

/** The first lines of a failed job's root exception. */
export async function jobFailure(http: JsonHttp, jid: string): Promise<string | undefined> {
  const res = await http.request("GET", `/jobs/${jid}/exceptions`);
  if (res.status !== 200 || !isRecord(res.body)) return undefined;
  const root = res.body["root-exception"];
  return typeof root === "string" ? root.split("\n").slice(0, 3).join("\n") : undefined;
}

export interface JobMetrics {
  readonly recordsIn?: number;
  readonly recordsOut?: number;
  readonly lag?: number;
}

/**
 * Records in = what the source operators emitted, records out = what the sink writers received,
 * lag = the Kafka sources' pendingRecords; each summed over subtasks, from operator metrics (task
 * metrics count only records crossing the network, which is none in a fully chained job). Absent
 * when Flink has not reported them yet.
 */
export async function jobMetrics(http: JsonHttp, jid: string): Promise<JobMetrics> {
  const job = await http.request("GET", `/jobs/${jid}`);
  if (job.status !== 200 || !isRecord(job.body) || !Array.isArray(job.body.vertices)) return {};
  let recordsIn: number | undefined;
  let recordsOut: number | undefined;
  let lag: number | undefined;
  const add = (sum: number | undefined, value: number) => (sum ?? 0) + value;
  for (const vertex of job.body.vertices.filter(isRecord)) {
    const base = `/jobs/${jid}/vertices/${String(vertex.id)}`;
    const listed = await http.request("GET", `${base}/metrics`);
    if (listed.status !== 200 || !Array.isArray(listed.body)) continue;
    const ids = new Set(listed.body.filter(isRecord).map((m) => String(m.id).replace(/^\d+\./, "")));
    const wanted = [...ids].filter(
      (id) =>
        (id.startsWith("Source__") && (id.endsWith(".numRecordsOut") || id.endsWith(".pendingRecords"))) ||
        id.endsWith("__Writer.numRecordsIn"),
    );
    if (wanted.length === 0) continue;
    const values = await http.request(
      "GET",
      `${base}/subtasks/metrics?get=${wanted.map(encodeURIComponent).join(",")}`,
    );
    if (values.status !== 200 || !Array.isArray(values.body)) continue;
    for (const m of values.body.filter(isRecord)) {
      const id = String(m.id);
      const sum = Number(m.sum);
      if (!Number.isFinite(sum)) continue;
      if (id.endsWith(".numRecordsOut")) recordsIn = add(recordsIn, sum);
      else if (id.endsWith(".pendingRecords")) lag = add(lag, sum);
      else recordsOut = add(recordsOut, sum);
    }
  }
  return {
    ...(recordsIn !== undefined ? { recordsIn } : {}),
    ...(recordsOut !== undefined ? { recordsOut } : {}),
    ...(lag !== undefined ? { lag } : {}),
  };
}
