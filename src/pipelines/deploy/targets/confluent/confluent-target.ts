import { type DeployTarget, TargetError } from "../../deploy-target.ts";
import type { StatementSpec, StatementStatus } from "../../statement.ts";
import { type HttpResponse, isRecord, JsonHttp } from "../http-json.ts";
import { failureMessage } from "./failure.ts";
import { phaseOfConfluent } from "./statement-phase.ts";

export interface ConfluentTargetOptions {
  /** https://flink.<region>.<provider>.confluent.cloud */
  readonly flinkUrl: string;
  readonly organizationId: string;
  readonly environmentId: string;
  /** Flink API key and secret (HTTP Basic); never printed. */
  readonly apiKey: string;
  readonly apiSecret: string;
  readonly computePoolId?: string;
  readonly principal?: string;
  /** `sql.current-catalog` / `sql.current-database`: the environment and the Kafka cluster. */
  readonly catalog?: string;
  readonly database?: string;
  /** Cloud API for compute pools (https://api.confluent.cloud), with its own key; optional. */
  readonly cloud?: { readonly url: string; readonly apiKey: string; readonly apiSecret: string };
  /** How long `remove` waits for a deleted statement to disappear, ms. */
  readonly deleteTimeoutMs?: number;
}

const PAGE_SIZE = 100;

/**
 * Confluent Cloud for Apache Flink through its Statements REST API (`sql/v1`): a statement is a
 * named resource of the environment, created with `{name, spec: {statement, properties,
 * compute_pool_id, principal}}`, polled through `status.phase`, listed page by page
 * (`metadata.next`) and deleted. Tables are the environment's topics, so nothing is declared.
 * The compute pool is checked through the Cloud API (`fcpm/v2`) when its key is configured.
 */
export class ConfluentTarget implements DeployTarget {
  readonly kind = "confluent";
  readonly endpoint: string;
  private readonly http: JsonHttp;
  private readonly cloud: JsonHttp | undefined;
  private readonly options: ConfluentTargetOptions;
  private readonly base: string;

  constructor(options: ConfluentTargetOptions) {
    this.options = options;
    const secrets = [
      options.apiKey,
      options.apiSecret,
      options.cloud?.apiKey ?? "",
      options.cloud?.apiSecret ?? "",
    ];
    this.http = new JsonHttp({
      baseUrl: options.flinkUrl,
      label: "Confluent Cloud Flink",
      headers: { Authorization: basic(options.apiKey, options.apiSecret) },
      secrets,
    });
    this.cloud = options.cloud
      ? new JsonHttp({
          baseUrl: options.cloud.url,
          label: "Confluent Cloud API",
          headers: { Authorization: basic(options.cloud.apiKey, options.cloud.apiSecret) },
          secrets,
        })
      : undefined;
    this.base = `/sql/v1/organizations/${encodeURIComponent(options.organizationId)}/environments/${encodeURIComponent(options.environmentId)}/statements`;
    this.endpoint = `${this.http.baseUrl} (organization ${options.organizationId}, environment ${options.environmentId}${options.computePoolId ? `, compute pool ${options.computePoolId}` : ""})`;
  }

  async check(): Promise<void> {
    const path = `${this.base}?page_size=1`;
    const res = await this.http.request("GET", path);
    if (res.status !== 200) throw this.failure("GET", path, res);
    const pool = this.options.computePoolId;
    if (!pool || !this.cloud) return;
    const poolPath = `/fcpm/v2/compute-pools/${encodeURIComponent(pool)}?environment=${encodeURIComponent(this.options.environmentId)}`;
    const found = await this.cloud.request("GET", poolPath);
    if (found.status === 404)
      throw new TargetError(
        `compute pool ${pool} does not exist in environment ${this.options.environmentId}`,
        404,
      );
    if (found.status !== 200) throw this.failure("GET", poolPath, found, this.cloud);
    const status = isRecord(found.body) && isRecord(found.body.status) ? found.body.status : {};
    if (status.phase !== "PROVISIONED")
      throw new TargetError(
        `compute pool ${pool} is ${String(status.phase ?? "in an unknown phase")}, not PROVISIONED`,
      );
  }

  async declareTables(): Promise<StatementStatus[]> {
    return [];
  }

  async submit(statement: StatementSpec): Promise<StatementStatus> {
    const o = this.options;
    const properties: Record<string, string> = {};
    if (o.catalog) properties["sql.current-catalog"] = o.catalog;
    if (o.database) properties["sql.current-database"] = o.database;
    const body = {
      name: statement.name,
      organization_id: o.organizationId,
      environment_id: o.environmentId,
      spec: {
        statement: statement.sql,
        properties,
        ...(o.computePoolId ? { compute_pool_id: o.computePoolId } : {}),
        ...(o.principal ? { principal: o.principal } : {}),
        stopped: false,
      },
    };
    const res = await this.http.request("POST", this.base, body);
    if (res.status !== 200 && res.status !== 201) throw this.failure("POST", this.base, res);
    return toStatus(res.body, statement.name);
  }

  async describe(name: string): Promise<StatementStatus | undefined> {
    const path = `${this.base}/${encodeURIComponent(name)}`;
    const res = await this.http.request("GET", path);
    if (res.status === 404) return undefined;
    if (res.status !== 200) throw this.failure("GET", path, res);
    return toStatus(res.body, name);
  }

  async list(): Promise<StatementStatus[]> {
    const out: StatementStatus[] = [];
    let path: string | undefined = `${this.base}?page_size=${PAGE_SIZE}`;
    while (path) {
      const res = await this.http.request("GET", path);
      if (res.status !== 200 || !isRecord(res.body) || !Array.isArray(res.body.data))
        throw this.failure("GET", path, res);
      for (const item of res.body.data) out.push(toStatus(item, ""));
      path = this.nextPage(res.body.metadata);
    }
    return out;
  }

  async remove(name: string): Promise<boolean> {
    const path = `${this.base}/${encodeURIComponent(name)}`;
    const res = await this.http.request("DELETE", path);
    if (res.status === 404) return false;
    if (res.status !== 200 && res.status !== 202 && res.status !== 204)
      throw this.failure("DELETE", path, res);
    // Deletion is asynchronous (DELETING); the name is free only once the statement is gone.
    const deadline = Date.now() + (this.options.deleteTimeoutMs ?? 120_000);
    while ((await this.describe(name)) !== undefined) {
      if (Date.now() > deadline)
        throw new TargetError(`Confluent Cloud Flink: ${name} is still being deleted`);
      await new Promise((r) => setTimeout(r, 250));
    }
    return true;
  }

  async close(): Promise<void> {}

  /** `metadata.next`, followed only on the same origin: the request carries the API key. */
  private nextPage(metadata: unknown): string | undefined {
    const next = isRecord(metadata) && typeof metadata.next === "string" ? metadata.next : "";
    if (next === "") return undefined;
    const url = new URL(next, this.http.baseUrl);
    if (url.origin !== new URL(this.http.baseUrl).origin)
      throw new TargetError(
        `Confluent Cloud Flink: refusing to follow a next page on another host (${url.origin})`,
      );
    return `${url.pathname}${url.search}`;
  }

  private failure(method: string, path: string, res: HttpResponse, http = this.http): TargetError {
    const reason = failureMessage(res.body);
    const hint =
      res.status === 401 || res.status === 403
        ? " (check flink.api_key / flink.api_secret, or HEADWATER_FLINK_API_KEY / HEADWATER_FLINK_API_SECRET)"
        : "";
    return http.unexpected(method, path, res, reason ? `${reason}${hint}` : hint.trim());
  }
}

function basic(key: string, secret: string): string {
  return `Basic ${Buffer.from(`${key}:${secret}`).toString("base64")}`;
}

function toStatus(body: unknown, fallbackName: string): StatementStatus {
  const b = isRecord(body) ? body : {};
  const spec = isRecord(b.spec) ? b.spec : {};
  const status = isRecord(b.status) ? b.status : {};
  const metadata = isRecord(b.metadata) ? b.metadata : {};
  const raw = status.phase;
  const phase = phaseOfConfluent(raw);
  const detail = [
    typeof raw === "string" && raw !== phase ? raw : "",
    typeof status.detail === "string" ? status.detail : "",
  ]
    .filter((s) => s !== "")
    .join(": ");
  return {
    name: typeof b.name === "string" ? b.name : fallbackName,
    phase,
    ...(typeof spec.statement === "string" ? { sql: spec.statement } : {}),
    ...(detail ? { detail } : {}),
    ...(typeof metadata.created_at === "string" ? { startedAt: metadata.created_at } : {}),
  };
}
