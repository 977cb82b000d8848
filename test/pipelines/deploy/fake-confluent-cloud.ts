// A local stand-in for Confluent Cloud's Flink Statements API (sql/v1) and compute pools (fcpm/v2),
// implementing the documented request and response shapes (confluentinc/ccloud-sdk-go-v2
// flink-gateway/v1/api/openapi.yaml, flink/v2/api/openapi.yaml): HTTP Basic auth, statements created
// PENDING (201) that settle on a later read, `Failure` error bodies, pages linked by `metadata.next`,
// asynchronous deletes (202, DELETING, then gone). The cloud itself cannot be reached from tests.
//
// Statements "run" against a catalog of the environment with Headwater's own parser and binder: DDL
// completes, INSERT runs, a statement that does not bind fails with the binder's message, as Confluent
// reports a statement that fails validation.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { bindStatement } from "../../../src/sql/binder/bind-statement.ts";
import { SessionCatalog } from "../../../src/sql/catalog/session-catalog.ts";
import { parseScript } from "../../../src/sql/parser/index.ts";

export interface FakeConfluentOptions {
  readonly organizationId: string;
  readonly environmentId: string;
  /** Flink API key (statements). */
  readonly apiKey: string;
  readonly apiSecret: string;
  /** Cloud API key (compute pools). */
  readonly cloudApiKey: string;
  readonly cloudApiSecret: string;
  /** Compute pools of the environment and their phase. */
  readonly pools: Readonly<Record<string, string>>;
  /** Topics the environment already has, as DDL (tables are topics in Confluent Cloud). */
  readonly topics: readonly string[];
  /** The server returns at most this many statements per page, whatever page_size asks. */
  readonly maxPageSize: number;
  /** Statements that fail once running, and the detail Confluent would give (an ACL, a broker). */
  readonly failures?: Readonly<Record<string, string>>;
}

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly authorization: string | undefined;
  readonly body: string;
}

interface FakeStatement {
  readonly name: string;
  readonly spec: Record<string, unknown>;
  readonly createdAt: string;
  readonly uid: string;
  phase: string;
  detail: string;
  /** Reads left before a DELETING statement disappears. */
  deletingReads?: number;
}

export interface FakeConfluentCloud {
  readonly url: string;
  readonly requests: RecordedRequest[];
  readonly statements: Map<string, FakeStatement>;
  close(): Promise<void>;
}

const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export async function startFakeConfluentCloud(options: FakeConfluentOptions): Promise<FakeConfluentCloud> {
  const catalog = new SessionCatalog();
  for (const ddl of options.topics) run(ddl, catalog);
  const statements = new Map<string, FakeStatement>();
  const requests: RecordedRequest[] = [];
  let url = "";
  const base = `/sql/v1/organizations/${options.organizationId}/environments/${options.environmentId}/statements`;

  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      requests.push({
        method: req.method ?? "",
        url: req.url ?? "",
        authorization: req.headers.authorization,
        body,
      });
      handle(req, res, body);
    });
  });

  const handle = (req: IncomingMessage, res: ServerResponse, body: string) => {
    const u = new URL(req.url ?? "/", "http://fake");
    if (u.pathname.startsWith("/fcpm/v2/compute-pools/")) {
      if (!authorized(req, options.cloudApiKey, options.cloudApiSecret)) return unauthenticated(res);
      const id = decodeURIComponent(u.pathname.slice("/fcpm/v2/compute-pools/".length));
      if (u.searchParams.get("environment") !== options.environmentId || !(id in options.pools))
        return failure(res, 404, "resource_not_found", "Not Found", `compute pool '${id}' not found`);
      return send(res, 200, {
        api_version: "fcpm/v2",
        kind: "ComputePool",
        id,
        spec: {
          display_name: id,
          cloud: "AWS",
          region: "us-west-2",
          max_cfu: 10,
          environment: { id: options.environmentId },
        },
        status: { phase: options.pools[id], current_cfu: 1 },
      });
    }
    if (!authorized(req, options.apiKey, options.apiSecret)) return unauthenticated(res);
    if (u.pathname === base && req.method === "GET") return list(u, res);
    if (u.pathname === base && req.method === "POST") return create(body, res);
    if (u.pathname.startsWith(`${base}/`)) {
      const name = decodeURIComponent(u.pathname.slice(base.length + 1));
      const statement = statements.get(name);
      if (!statement)
        return failure(res, 404, "resource_not_found", "Not Found", `statement '${name}' not found`);
      if (req.method === "GET") {
        settle(statement);
        if (statement.phase === "DELETING" && statement.deletingReads !== undefined) {
          if (statement.deletingReads-- <= 0) {
            statements.delete(name);
            return failure(res, 404, "resource_not_found", "Not Found", `statement '${name}' not found`);
          }
        }
        return send(res, 200, view(statement));
      }
      if (req.method === "DELETE") {
        statement.phase = "DELETING";
        statement.deletingReads = 1;
        res.writeHead(202).end();
        return;
      }
    }
    return failure(res, 404, "resource_not_found", "Not Found", `no route ${req.method} ${u.pathname}`);
  };

  const create = (body: string, res: ServerResponse) => {
    let doc: Record<string, unknown>;
    try {
      doc = JSON.parse(body) as Record<string, unknown>;
    } catch {
      return failure(res, 400, "bad_request", "Bad Request", "request body is not JSON");
    }
    const name = doc.name;
    const spec = (doc.spec ?? {}) as Record<string, unknown>;
    if (typeof name !== "string" || name.length > 100 || !NAME.test(name))
      return failure(
        res,
        422,
        "invalid_configuration",
        "Validation Failed",
        `name '${String(name)}' is invalid`,
        "/name",
      );
    if (typeof spec.statement !== "string" || spec.statement.length === 0 || spec.statement.length > 131072)
      return failure(
        res,
        422,
        "invalid_configuration",
        "Validation Failed",
        "spec.statement is required",
        "/spec/statement",
      );
    const pool = spec.compute_pool_id;
    if (pool !== undefined && !(String(pool) in options.pools))
      return failure(
        res,
        422,
        "invalid_configuration",
        "Validation Failed",
        `compute pool '${String(pool)}' not found`,
        "/spec/compute_pool_id",
      );
    if (statements.has(name))
      return failure(
        res,
        409,
        "resource_already_exists",
        "Resource Already exists",
        `statement '${name}' already exists`,
      );
    const statement: FakeStatement = {
      name,
      spec,
      createdAt: new Date().toISOString(),
      uid: randomUUID(),
      phase: "PENDING",
      detail: "",
    };
    statements.set(name, statement);
    return send(res, 201, view(statement));
  };

  const list = (u: URL, res: ServerResponse) => {
    const size = Math.min(Number(u.searchParams.get("page_size") ?? 10), 100, options.maxPageSize);
    const start = Number(u.searchParams.get("page_token") ?? 0);
    const all = [...statements.values()];
    for (const s of all) settle(s);
    const page = all.slice(start, start + size);
    const more = start + size < all.length;
    return send(res, 200, {
      api_version: "sql/v1",
      kind: "StatementList",
      metadata: {
        self: `${url}${u.pathname}${u.search}`,
        ...(more ? { next: `${url}${base}?page_size=${size}&page_token=${start + size}` } : {}),
      },
      data: page.map(view),
    });
  };

  /** A PENDING statement runs at its first read after creation. */
  const settle = (s: FakeStatement) => {
    if (s.phase !== "PENDING") return;
    const injected = options.failures?.[s.name];
    const outcome = injected ? { phase: "FAILED", detail: injected } : run(String(s.spec.statement), catalog);
    s.phase = outcome.phase;
    s.detail = outcome.detail;
  };

  const view = (s: FakeStatement) => ({
    api_version: "sql/v1",
    kind: "Statement",
    metadata: {
      self: `${url}${base}/${s.name}`,
      created_at: s.createdAt,
      uid: s.uid,
      resource_version: "1",
    },
    name: s.name,
    organization_id: options.organizationId,
    environment_id: options.environmentId,
    spec: s.spec,
    status: { phase: s.phase, detail: s.detail },
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    statements,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function run(sql: string, catalog: SessionCatalog): { phase: string; detail: string } {
  const parsed = parseScript({ name: "statement", text: sql });
  if (parsed.diagnostics.length > 0)
    return { phase: "FAILED", detail: `SQL parse error: ${parsed.diagnostics[0]!.message}` };
  const statement = parsed.statements[0]!;
  const { bound, ctx } = bindStatement(statement, catalog);
  if (!bound) return { phase: "FAILED", detail: ctx.diagnostics.map((d) => d.message).join("; ") };
  const continuous = bound.kind === "insert" || bound.kind === "statementSet" || bound.kind === "query";
  return continuous
    ? { phase: "RUNNING", detail: "" }
    : { phase: "COMPLETED", detail: "Statement completed" };
}

function authorized(req: IncomingMessage, key: string, secret: string): boolean {
  return req.headers.authorization === `Basic ${Buffer.from(`${key}:${secret}`).toString("base64")}`;
}

function unauthenticated(res: ServerResponse): void {
  failure(
    res,
    401,
    "user_unauthenticated",
    "Authentication Required",
    "Valid authentication credentials must be provided",
  );
}

function failure(
  res: ServerResponse,
  status: number,
  code: string,
  title: string,
  detail: string,
  pointer?: string,
): void {
  send(res, status, {
    errors: [
      {
        id: randomUUID(),
        status: String(status),
        code,
        title,
        detail,
        ...(pointer ? { source: { pointer } } : {}),
      },
    ],
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}
