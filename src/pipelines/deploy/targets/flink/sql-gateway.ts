import { TargetError } from "../../deploy-target.ts";
import { isRecord, type JsonHttp } from "../http-json.ts";

/** A statement the gateway refused or that failed while it ran: the root cause from Flink's stack trace. */
export class GatewayStatementError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "GatewayStatementError";
  }
}

/** What a finished operation returned: the job it started (INSERT), if any. */
export interface OperationResult {
  readonly jobId?: string;
}

/** REST API versions whose session, statement and result paths this client uses (v3 is Flink 1.20's). */
const USABLE_VERSIONS = ["V4", "V3", "V2"] as const;

/**
 * One session of Apache Flink's SQL Gateway REST API (rest_v2/v3_sql_gateway.yml): statements
 * submitted in order, results fetched with rowFormat=JSON until the end of the stream or, for an
 * INSERT, until the job id arrives (a streaming INSERT's operation ends once the job is submitted).
 * The session's catalog is in memory: tables exist only in the session that created them.
 */
export class SqlGatewaySession {
  private readonly http: JsonHttp;
  private readonly prefix: string;
  private readonly handle: string;
  /** Statements run one at a time: a session's table environment is not shared safely. */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(http: JsonHttp, prefix: string, handle: string) {
    this.http = http;
    this.prefix = prefix;
    this.handle = handle;
  }

  static async open(http: JsonHttp, sessionName: string): Promise<SqlGatewaySession> {
    const versions = await http.request("GET", "/api_versions");
    const offered =
      isRecord(versions.body) && Array.isArray(versions.body.versions) ? versions.body.versions : [];
    const version = USABLE_VERSIONS.find((v) => offered.includes(v));
    if (versions.status !== 200 || !version)
      throw http.unexpected(
        "GET",
        "/api_versions",
        versions,
        `no SQL Gateway REST version of ${USABLE_VERSIONS.join(", ")}`,
      );
    const prefix = `/${version.toLowerCase()}`;
    const res = await http.request("POST", `${prefix}/sessions`, { sessionName, properties: {} });
    if (res.status !== 200 || !isRecord(res.body) || typeof res.body.sessionHandle !== "string")
      throw http.unexpected("POST", `${prefix}/sessions`, res);
    return new SqlGatewaySession(http, prefix, res.body.sessionHandle);
  }

  /** Runs one statement to its end (or its job id); rejects with a GatewayStatementError when it fails. */
  run(
    statement: string,
    executionConfig: Record<string, string>,
    timeoutMs: number,
  ): Promise<OperationResult> {
    const next = this.queue.then(() => this.execute(statement, executionConfig, timeoutMs));
    this.queue = next.catch(() => undefined);
    return next;
  }

  async close(): Promise<void> {
    await this.http.request("DELETE", `${this.prefix}/sessions/${this.handle}`);
  }

  private async execute(
    statement: string,
    executionConfig: Record<string, string>,
    timeoutMs: number,
  ): Promise<OperationResult> {
    const path = `${this.prefix}/sessions/${this.handle}/statements`;
    const submitted = await this.http.request("POST", path, { statement, executionConfig });
    if (submitted.status !== 200) throw new GatewayStatementError(rootCause(submitted.body, submitted.text));
    if (!isRecord(submitted.body) || typeof submitted.body.operationHandle !== "string")
      throw this.http.unexpected("POST", path, submitted);
    const operation = submitted.body.operationHandle;
    try {
      return await this.fetchUntilDone(operation, timeoutMs);
    } finally {
      await this.http
        .request("DELETE", `${this.prefix}/sessions/${this.handle}/operations/${operation}/close`)
        .catch(() => undefined);
    }
  }

  private async fetchUntilDone(operation: string, timeoutMs: number): Promise<OperationResult> {
    const deadline = Date.now() + timeoutMs;
    let uri = `${this.prefix}/sessions/${this.handle}/operations/${operation}/result/0?rowFormat=JSON`;
    for (;;) {
      const res = await this.http.request("GET", uri);
      if (res.status !== 200) throw new GatewayStatementError(rootCause(res.body, res.text));
      if (!isRecord(res.body)) throw this.http.unexpected("GET", uri, res);
      const body = res.body;
      const jobId = typeof body.jobID === "string" ? body.jobID : undefined;
      if (body.resultType === "EOS" || jobId) return jobId ? { jobId } : {};
      const next = typeof body.nextResultUri === "string" ? body.nextResultUri : undefined;
      if (!next) return {};
      if (Date.now() > deadline)
        throw new TargetError(`Flink SQL Gateway: no result for the statement in ${timeoutMs} ms`);
      if (body.resultType === "NOT_READY") await new Promise((r) => setTimeout(r, 100));
      uri = next.includes("rowFormat=") ? next : `${next}${next.includes("?") ? "&" : "?"}rowFormat=JSON`;
    }
  }
}

/**
 * Flink's REST errors are `{"errors": ["Internal server error.", "<stack trace>"]}`; the useful line
 * is the last `Caused by:` of the trace (the planner's validation message, a missing connector).
 */
export function rootCause(body: unknown, text: string): string {
  const errors = isRecord(body) && Array.isArray(body.errors) ? body.errors.map(String) : [];
  const trace = errors.join("\n");
  const causes = trace.match(/Caused by: [^\n]+/g) ?? [];
  const last = causes.at(-1)?.replace(/^Caused by: /, "");
  return (
    last ?? errors.find((e) => e !== "Internal server error.") ?? (text.slice(0, 500) || "no error text")
  );
}
