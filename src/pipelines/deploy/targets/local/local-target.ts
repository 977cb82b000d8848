import type { DeployTarget } from "../../deploy-target.ts";
import { TargetError } from "../../deploy-target.ts";
import type { StatementSpec, StatementStatus } from "../../statement.ts";
import { type HttpResponse, isRecord, JsonHttp } from "../http-json.ts";
import type {
  ControlStartRequest,
  ControlStatement,
  ControlStopRequest,
  ControlTable,
} from "./control-api.ts";

/** The Headwater daemon (`headwater serve`) through its control API. */
export class LocalTarget implements DeployTarget {
  readonly kind = "local";
  readonly endpoint: string;
  private readonly http: JsonHttp;

  constructor(url: string, timeoutMs?: number) {
    this.http = new JsonHttp({
      baseUrl: url,
      label: `Headwater daemon at ${url}`,
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    });
    this.endpoint = this.http.baseUrl;
  }

  async check(): Promise<void> {
    let res: HttpResponse;
    try {
      res = await this.http.request("GET", "/v1/health");
    } catch (error) {
      throw new TargetError(`${(error as Error).message}; start one with \`headwater serve\``);
    }
    if (res.status !== 200 || !isRecord(res.body) || res.body.status !== "ok")
      throw this.http.unexpected("GET", "/v1/health", res, "not a Headwater daemon");
  }

  async declareTables(ddls: readonly StatementSpec[]): Promise<StatementStatus[]> {
    const res = await this.http.request("GET", "/v1/tables");
    if (res.status !== 200 || !isRecord(res.body) || !Array.isArray(res.body.tables))
      throw this.http.unexpected("GET", "/v1/tables", res);
    const known = new Set((res.body.tables as ControlTable[]).map((t) => lastPart(t.name)));
    const ran: StatementStatus[] = [];
    for (const ddl of ddls) {
      if (known.has(lastPart(ddl.table))) continue;
      await this.remove(ddl.name);
      ran.push(await this.submit(ddl));
    }
    return ran;
  }

  async submit(statement: StatementSpec): Promise<StatementStatus> {
    const body = { name: statement.name, statement: statement.sql };
    const res = await this.http.request("POST", "/v1/statements", body);
    if (res.status === 201) return toStatus(this.statement(res, "POST /v1/statements"));
    throw this.http.unexpected("POST", "/v1/statements", res, errorMessage(res));
  }

  async describe(name: string): Promise<StatementStatus | undefined> {
    const path = `/v1/statements/${encodeURIComponent(name)}`;
    const res = await this.http.request("GET", path);
    if (res.status === 404) return undefined;
    if (res.status === 200) return toStatus(this.statement(res, `GET ${path}`));
    throw this.http.unexpected("GET", path, res, errorMessage(res));
  }

  async list(): Promise<StatementStatus[]> {
    const res = await this.http.request("GET", "/v1/statements");
    if (res.status !== 200 || !isRecord(res.body) || !Array.isArray(res.body.statements))
      throw this.http.unexpected("GET", "/v1/statements", res);
    return (res.body.statements as ControlStatement[]).map(toStatus);
  }

  async remove(name: string): Promise<boolean> {
    const path = `/v1/statements/${encodeURIComponent(name)}`;
    const res = await this.http.request("DELETE", path);
    if (res.status === 204) return true;
    if (res.status === 404) return false;
    throw this.http.unexpected("DELETE", path, res, errorMessage(res));
  }

  /** Stops a statement through the daemon; with `savepoint`, a savepoint is written first. */
  async stopStatement(name: string, request: ControlStopRequest = {}): Promise<ControlStatement> {
    return this.statementAction(name, "stop", request);
  }

  /** Starts a stopped statement again: from its last checkpoint, or from `request.fromSavepoint`. */
  async startStatement(name: string, request: ControlStartRequest = {}): Promise<ControlStatement> {
    return this.statementAction(name, "start", request);
  }

  async close(): Promise<void> {}

  private async statementAction(
    name: string,
    action: "stop" | "start",
    body: object,
  ): Promise<ControlStatement> {
    const path = `/v1/statements/${encodeURIComponent(name)}/${action}`;
    const res = await this.http.request("POST", path, body);
    if (res.status === 200) return this.statement(res, `POST ${path}`);
    if (res.status === 404 || res.status === 409 || res.status === 400)
      throw new TargetError(errorMessage(res));
    throw this.http.unexpected("POST", path, res, errorMessage(res));
  }

  private statement(res: HttpResponse, request: string): ControlStatement {
    const body = res.body;
    if (isRecord(body) && typeof body.name === "string" && typeof body.phase === "string")
      return body as unknown as ControlStatement;
    throw this.http.unexpected(request.split(" ")[0]!, request.split(" ")[1]!, res, "not a statement");
  }
}

function toStatus(s: ControlStatement): StatementStatus {
  return {
    name: s.name,
    phase: s.phase,
    sql: s.statement,
    ...(s.detail !== undefined ? { detail: s.detail } : {}),
    ...(s.startedAt !== undefined ? { startedAt: s.startedAt } : {}),
    ...(s.recordsIn !== undefined ? { recordsIn: s.recordsIn } : {}),
    ...(s.recordsOut !== undefined ? { recordsOut: s.recordsOut } : {}),
  };
}

function errorMessage(res: HttpResponse): string {
  return isRecord(res.body) && typeof res.body.message === "string"
    ? res.body.message
    : res.text.slice(0, 300);
}

const lastPart = (name: string): string => name.split(".").at(-1)!;
