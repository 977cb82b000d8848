// A tiny in-process server with the documented Confluent Schema Registry shapes, for client tests:
// POST /subjects/:s/versions → {id}; GET /schemas/ids/:id → {schema}; GET /subjects/:s/versions/latest;
// POST /compatibility/subjects/:s/versions/latest → {is_compatible}; errors as {error_code, message}.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface LocalRegistry {
  readonly url: string;
  readonly requests: { method: string; path: string; authorization: string | undefined }[];
  /** Answer the next n requests with this status (to test retries). */
  failNext(count: number, status: number): void;
  close(): Promise<void>;
}

interface Entry {
  id: number;
  schema: string;
  schemaType: string;
}

async function body(req: IncomingMessage): Promise<{ schema: string; schemaType?: string }> {
  let text = "";
  for await (const chunk of req) text += chunk;
  return JSON.parse(text) as { schema: string; schemaType?: string };
}

export async function startLocalRegistry(
  options: { user?: string; password?: string } = {},
): Promise<LocalRegistry> {
  const schemas: Entry[] = [];
  const subjects = new Map<string, number[]>();
  const requests: LocalRegistry["requests"] = [];
  let failures = 0;
  let failStatus = 500;
  const server: Server = createServer(async (req, res) => {
    const path = req.url ?? "/";
    requests.push({ method: req.method ?? "", path, authorization: req.headers.authorization });
    const send = (status: number, answer: unknown) => {
      res.writeHead(status, { "Content-Type": "application/vnd.schemaregistry.v1+json" });
      res.end(JSON.stringify(answer));
    };
    if (failures > 0) {
      failures--;
      return send(failStatus, { error_code: failStatus * 100, message: "try again" });
    }
    if (options.user !== undefined) {
      const expected = `Basic ${Buffer.from(`${options.user}:${options.password}`).toString("base64")}`;
      if (req.headers.authorization !== expected)
        return send(401, { error_code: 40101, message: "Unauthorized" });
    }
    let m = /^\/subjects\/([^/]+)\/versions$/.exec(path);
    if (m && req.method === "POST") {
      const { schema, schemaType = "AVRO" } = await body(req);
      const subject = decodeURIComponent(m[1]!);
      let entry = schemas.find((e) => e.schema === schema && e.schemaType === schemaType);
      if (entry === undefined) {
        entry = { id: schemas.length + 100, schema, schemaType };
        schemas.push(entry);
      }
      const versions = subjects.get(subject) ?? [];
      if (!versions.includes(entry.id)) versions.push(entry.id);
      subjects.set(subject, versions);
      return send(200, { id: entry.id });
    }
    m = /^\/schemas\/ids\/(\d+)$/.exec(path);
    if (m && req.method === "GET") {
      const entry = schemas.find((e) => e.id === Number(m![1]));
      if (entry === undefined) return send(404, { error_code: 40403, message: "Schema not found" });
      return send(
        200,
        entry.schemaType === "AVRO"
          ? { schema: entry.schema }
          : { schema: entry.schema, schemaType: entry.schemaType },
      );
    }
    m = /^\/subjects\/([^/]+)\/versions\/latest$/.exec(path);
    if (m && req.method === "GET") {
      const subject = decodeURIComponent(m[1]!);
      const versions = subjects.get(subject);
      if (versions === undefined) return send(404, { error_code: 40401, message: "Subject not found" });
      const id = versions[versions.length - 1]!;
      return send(200, {
        subject,
        version: versions.length,
        id,
        schema: schemas.find((e) => e.id === id)!.schema,
      });
    }
    m = /^\/compatibility\/subjects\/([^/]+)\/versions\/latest$/.exec(path);
    if (m && req.method === "POST") {
      const { schema } = await body(req);
      // Compatible here means: every field of the latest schema that has no default is still present.
      const versions = subjects.get(decodeURIComponent(m[1]!)) ?? [];
      const latestId = versions[versions.length - 1];
      const latest = schemas.find((e) => e.id === latestId);
      if (latest === undefined) return send(200, { is_compatible: true });
      const fieldsOf = (text: string) =>
        (JSON.parse(text) as { fields: { name: string; default?: unknown }[] }).fields;
      const next = new Set(fieldsOf(schema).map((f) => f.name));
      return send(200, {
        is_compatible: fieldsOf(latest.schema).every((f) => next.has(f.name) || "default" in f),
      });
    }
    return send(404, { error_code: 404, message: "HTTP 404 Not Found" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failNext(count, status) {
      failures = count;
      failStatus = status;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
