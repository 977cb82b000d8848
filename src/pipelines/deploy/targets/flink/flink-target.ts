import { type DeployTarget, TargetError } from "../../deploy-target.ts";
import type { StatementSpec, StatementStatus } from "../../statement.ts";
import { isRecord, JsonHttp } from "../http-json.ts";
import {
  cancelJob,
  currentJob,
  type FlinkJob,
  isTerminal,
  jobFailure,
  jobMetrics,
  jobsOverview,
  phaseOfJob,
} from "./job-status.ts";
import { GatewayStatementError, SqlGatewaySession } from "./sql-gateway.ts";

export interface FlinkTargetOptions {
  /** SQL Gateway REST endpoint, e.g. http://127.0.0.1:8083 */
  readonly gatewayUrl: string;
  /** JobManager REST endpoint, e.g. http://127.0.0.1:8081 */
  readonly restUrl: string;
  /** Limit for one gateway statement, ms. */
  readonly statementTimeoutMs: number;
}

/** What this process ran in its session: DDLs, drops, and DMLs with the job they started (if any). */
interface SessionStatement {
  readonly status: StatementStatus;
  readonly jobId?: string;
}

/**
 * Apache Flink through its SQL Gateway (statements) and JobManager REST API (jobs). An INSERT is
 * submitted with `pipeline.name` set to the statement name, so its job carries the name and any
 * later run finds it in /jobs/overview: that is how status, undeploy and redeploys work across
 * sessions. DDL lives in the session's in-memory catalog, which is why `declareTables` runs the DDL
 * of every table the session's INSERTs read; DDL statements are known only to the session that ran
 * them.
 */
export class FlinkTarget implements DeployTarget {
  readonly kind = "flink";
  readonly endpoint: string;
  private readonly gateway: JsonHttp;
  private readonly rest: JsonHttp;
  private readonly options: FlinkTargetOptions;
  private session: SqlGatewaySession | undefined;
  private readonly ran = new Map<string, SessionStatement>();

  constructor(options: FlinkTargetOptions) {
    this.options = options;
    this.gateway = new JsonHttp({ baseUrl: options.gatewayUrl, label: "Flink SQL Gateway" });
    this.rest = new JsonHttp({ baseUrl: options.restUrl, label: "Flink JobManager REST" });
    this.endpoint = `${this.gateway.baseUrl} (jobs: ${this.rest.baseUrl})`;
  }

  async check(): Promise<void> {
    const info = await this.gateway.request("GET", "/v1/info");
    if (info.status !== 200 || !isRecord(info.body) || info.body.productName !== "Apache Flink")
      throw this.gateway.unexpected("GET", "/v1/info", info, "not an Apache Flink SQL Gateway");
    const overview = await this.rest.request("GET", "/overview");
    if (overview.status !== 200 || !isRecord(overview.body))
      throw this.rest.unexpected("GET", "/overview", overview, "not a Flink JobManager");
    if (Number(overview.body.taskmanagers) < 1)
      throw new TargetError(`Flink cluster at ${this.rest.baseUrl} has no TaskManager: jobs cannot run`);
  }

  async declareTables(ddls: readonly StatementSpec[]): Promise<StatementStatus[]> {
    const out: StatementStatus[] = [];
    for (const ddl of ddls) {
      const status = await this.submit(ddl);
      out.push(status);
      if (status.phase === "FAILED") break;
    }
    return out;
  }

  async submit(statement: StatementSpec): Promise<StatementStatus> {
    const session = await this.openSession();
    const config: Record<string, string> =
      statement.kind === "dml" ? { "pipeline.name": statement.name } : {};
    const submitted = new Date().toISOString();
    try {
      const result = await session.run(statement.sql, config, this.options.statementTimeoutMs);
      if (result.jobId) {
        this.ran.set(statement.name, {
          status: { name: statement.name, phase: "PENDING", sql: statement.sql, startedAt: submitted },
          jobId: result.jobId,
        });
        return (await this.describe(statement.name)) ?? this.ran.get(statement.name)!.status;
      }
      const status: StatementStatus = {
        name: statement.name,
        phase: "COMPLETED",
        sql: statement.sql,
        startedAt: submitted,
      };
      this.ran.set(statement.name, { status });
      return status;
    } catch (error) {
      if (!(error instanceof GatewayStatementError)) throw error;
      const status: StatementStatus = {
        name: statement.name,
        phase: "FAILED",
        sql: statement.sql,
        detail: error.message,
        startedAt: submitted,
      };
      this.ran.set(statement.name, { status });
      return status;
    }
  }

  async describe(name: string): Promise<StatementStatus | undefined> {
    const mine = this.ran.get(name);
    if (mine && !mine.jobId) return mine.status;
    const jobs = await jobsOverview(this.rest);
    const job = mine?.jobId ? jobs.find((j) => j.jid === mine.jobId) : currentJob(jobs, name);
    if (!job) return mine?.status;
    return this.jobStatus(job, mine?.status.sql, true);
  }

  async list(): Promise<StatementStatus[]> {
    const jobs = await jobsOverview(this.rest);
    const names = new Set(jobs.map((j) => j.name));
    const out: StatementStatus[] = [];
    for (const name of names) out.push(await this.jobStatus(currentJob(jobs, name)!, undefined, false));
    for (const [name, s] of this.ran) if (!s.jobId && !names.has(name)) out.push(s.status);
    return out;
  }

  async remove(name: string): Promise<boolean> {
    const hadSessionRecord = this.ran.delete(name);
    const active = (await jobsOverview(this.rest)).filter((j) => j.name === name && !isTerminal(j));
    for (const job of active) await cancelJob(this.rest, job.jid);
    const deadline = Date.now() + this.options.statementTimeoutMs;
    while (active.length > 0) {
      const jobs = await jobsOverview(this.rest);
      if (
        active.every(
          (a) => jobs.find((j) => j.jid === a.jid && isTerminal(j)) || !jobs.some((j) => j.jid === a.jid),
        )
      )
        break;
      if (Date.now() > deadline) throw new TargetError(`Flink: jobs of ${name} did not stop in time`);
      await new Promise((r) => setTimeout(r, 200));
    }
    return hadSessionRecord || active.length > 0;
  }

  async close(): Promise<void> {
    await this.session?.close().catch(() => undefined);
    this.session = undefined;
  }

  private async openSession(): Promise<SqlGatewaySession> {
    this.session ??= await SqlGatewaySession.open(this.gateway, `headwater-deploy-${process.pid}`);
    return this.session;
  }

  private async jobStatus(
    job: FlinkJob,
    sql: string | undefined,
    details: boolean,
  ): Promise<StatementStatus> {
    const phase = phaseOfJob(job);
    const detail = details && phase === "FAILED" ? await jobFailure(this.rest, job.jid) : undefined;
    const metrics = details ? await jobMetrics(this.rest, job.jid).catch(() => ({})) : {};
    return {
      name: job.name,
      phase,
      ...(sql ? { sql } : {}),
      detail: detail ? `job ${job.jid}: ${detail}` : `job ${job.jid} ${job.state}`,
      startedAt: new Date(job.startTime).toISOString(),
      ...metrics,
    };
  }
}
