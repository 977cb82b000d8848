// Minimal client for the Flink SQL Gateway REST API (v2 paths: rowFormat=JSON results), for tests that
// use a real Flink cluster as an oracle. Shapes: Flink's rest_v2_sql_gateway.yml.

export type RowKindName = "INSERT" | "UPDATE_BEFORE" | "UPDATE_AFTER" | "DELETE";

export interface GatewayColumn {
  name: string;
  logicalType: { type: string; nullable: boolean; [k: string]: unknown };
  comment: string | null;
}

export interface GatewayRow {
  kind: RowKindName;
  fields: unknown[];
}

export interface StatementResult {
  columns: GatewayColumn[];
  rows: GatewayRow[];
  /** set for statements that ran a job (queries, INSERT) */
  jobId: string | undefined;
  resultKind: string | undefined;
  /** false when collection stopped at maxRows or the time limit before end of stream */
  complete: boolean;
}

interface FetchBody {
  resultType: "NOT_READY" | "PAYLOAD" | "EOS";
  isQueryResult?: boolean;
  jobID?: string;
  resultKind?: string;
  results?: { columns?: GatewayColumn[]; data?: GatewayRow[] };
  nextResultUri?: string;
}

export class GatewayError extends Error {
  readonly status: number;
  readonly details: string[];
  constructor(message: string, status: number, details: string[]) {
    super(message);
    this.status = status;
    this.details = details;
  }
}

async function request<T>(base: string, method: string, path: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { "Content-Type": "application/json" };
  }
  const res = await fetch(`${base}${path}`, init);
  const text = await res.text();
  const json: unknown = text ? JSON.parse(text) : {};
  if (!res.ok) {
    const errors = ((json as { errors?: string[] }).errors ?? []).map(String);
    // The root cause is the last "Caused by" of the server's stack trace.
    const causes = errors.join("\n").match(/Caused by: [^\n]+/g) ?? [];
    const summary = causes.at(-1) ?? errors[0] ?? text.slice(0, 500);
    throw new GatewayError(`${method} ${path} -> HTTP ${res.status}: ${summary}`, res.status, errors);
  }
  return json as T;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class SqlGatewaySession {
  readonly gatewayUrl: string;
  readonly handle: string;

  private constructor(gatewayUrl: string, handle: string) {
    this.gatewayUrl = gatewayUrl;
    this.handle = handle;
  }

  /** POST /v2/sessions; `properties` are session config (e.g. execution.runtime-mode=batch). */
  static async open(gatewayUrl: string, properties: Record<string, string> = {}): Promise<SqlGatewaySession> {
    const r = await request<{ sessionHandle: string }>(gatewayUrl, "POST", "/v2/sessions", {
      sessionName: `headwater-test-${Date.now()}`,
      properties,
    });
    return new SqlGatewaySession(gatewayUrl, r.sessionHandle);
  }

  /** Submit a statement; returns the operation handle. */
  async submit(statement: string, executionConfig?: Record<string, string>): Promise<string> {
    const r = await request<{ operationHandle: string }>(
      this.gatewayUrl,
      "POST",
      `/v2/sessions/${this.handle}/statements`,
      executionConfig ? { statement, executionConfig } : { statement },
    );
    return r.operationHandle;
  }

  /**
   * Fetch an operation's results, following nextResultUri until end of stream, `maxRows` rows or
   * `timeoutMs` (streaming queries never end by themselves).
   */
  async fetch(
    operation: string,
    options: { maxRows?: number; timeoutMs?: number } = {},
  ): Promise<StatementResult> {
    const deadline = Date.now() + (options.timeoutMs ?? 60_000);
    const maxRows = options.maxRows ?? Number.POSITIVE_INFINITY;
    const out: StatementResult = {
      columns: [],
      rows: [],
      jobId: undefined,
      resultKind: undefined,
      complete: false,
    };
    let uri: string | undefined =
      `/v2/sessions/${this.handle}/operations/${operation}/result/0?rowFormat=JSON`;
    while (uri) {
      const body: FetchBody = await request<FetchBody>(this.gatewayUrl, "GET", uri);
      if (body.jobID) out.jobId = body.jobID;
      if (body.resultKind) out.resultKind = body.resultKind;
      if (body.results?.columns?.length) out.columns = body.results.columns;
      if (body.resultType === "EOS") {
        out.complete = true;
        break;
      }
      const data = body.results?.data ?? [];
      out.rows.push(...data);
      if (out.rows.length >= maxRows || Date.now() > deadline) break;
      const next: string | undefined = body.nextResultUri;
      if (!next) {
        out.complete = true;
        break;
      }
      if (body.resultType === "NOT_READY" || data.length === 0) await sleep(100);
      uri = next.includes("rowFormat=") ? next : `${next}${next.includes("?") ? "&" : "?"}rowFormat=JSON`;
    }
    return out;
  }

  /** Submit and fetch: the common case for DDL, bounded queries and INSERT (which returns its job id). */
  async execute(
    statement: string,
    options: { maxRows?: number; timeoutMs?: number; executionConfig?: Record<string, string> } = {},
  ): Promise<StatementResult> {
    const op = await this.submit(statement, options.executionConfig);
    try {
      return await this.fetch(op, options);
    } finally {
      await this.closeOperation(op).catch(() => undefined);
    }
  }

  async closeOperation(operation: string): Promise<void> {
    await request(this.gatewayUrl, "DELETE", `/v2/sessions/${this.handle}/operations/${operation}/close`);
  }

  async close(): Promise<void> {
    await request(this.gatewayUrl, "DELETE", `/v2/sessions/${this.handle}`);
  }
}

/** Cancel a job through the JobManager REST API (PATCH /jobs/{id}?mode=cancel). */
export async function cancelJob(restUrl: string, jobId: string): Promise<void> {
  const res = await fetch(`${restUrl}/jobs/${jobId}?mode=cancel`, { method: "PATCH" });
  if (!res.ok && res.status !== 404)
    throw new Error(`cancel ${jobId}: HTTP ${res.status} ${await res.text()}`);
}

/** GET /jobs/{id} state, e.g. RUNNING, FINISHED, FAILED. */
export async function jobState(restUrl: string, jobId: string): Promise<string> {
  const res = await fetch(`${restUrl}/jobs/${jobId}`);
  if (!res.ok) throw new Error(`job ${jobId}: HTTP ${res.status}`);
  return ((await res.json()) as { state: string }).state;
}

/** Root cause of a failed job, from GET /jobs/{id}/exceptions. */
export async function jobFailure(restUrl: string, jobId: string): Promise<string | undefined> {
  const res = await fetch(`${restUrl}/jobs/${jobId}/exceptions`);
  if (!res.ok) return undefined;
  const body = (await res.json()) as { "root-exception"?: string };
  return body["root-exception"]?.split("\n").slice(0, 3).join("\n");
}
