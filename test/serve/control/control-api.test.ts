import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type ControlServer, startControlServer } from "../../../src/serve/control/index.ts";

/** The daemon's control API over real HTTP on 127.0.0.1. */
const servers: ControlServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function start(stateDir?: string): Promise<ControlServer> {
  const server = await startControlServer({ port: 0, ...(stateDir ? { stateDir } : {}) });
  servers.push(server);
  return server;
}

async function call(server: ControlServer, method: string, path: string, body?: unknown) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    ...(body !== undefined
      ? { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }
      : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

describe("control API", () => {
  it("binds 127.0.0.1 and publishes its OpenAPI document", async () => {
    const server = await start();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const doc = await call(server, "GET", "/openapi.json");
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe("3.0.3");
    expect(Object.keys(doc.body.paths).sort()).toEqual([
      "/v1/health",
      "/v1/statements",
      "/v1/statements/{name}",
      "/v1/statements/{name}/start",
      "/v1/statements/{name}/stop",
      "/v1/tables",
    ]);
    expect(
      doc.body.paths["/v1/statements"].post.requestBody.content["application/json"].schema.required,
    ).toEqual(["name", "statement"]);
  });

  it("runs a DDL to COMPLETED and an INSERT that keeps running, counting records in and out", async () => {
    const server = await start();
    const ddl = await call(server, "POST", "/v1/statements", {
      name: "t-ddl",
      statement: "CREATE TABLE t (x INT)",
    });
    expect(ddl.status).toBe(201);
    expect(ddl.body).toMatchObject({ name: "t-ddl", kind: "ddl", phase: "COMPLETED" });
    await call(server, "POST", "/v1/statements", { name: "u-ddl", statement: "CREATE TABLE u (x INT)" });
    const dml = await call(server, "POST", "/v1/statements", {
      name: "u-dml",
      statement: "INSERT INTO u SELECT x * 10 FROM t WHERE x > 1",
    });
    expect(dml.body).toMatchObject({ kind: "dml", phase: "RUNNING", recordsIn: 0, recordsOut: 0 });
    const rows = [1, 2, 3, 4];
    const feed = await call(server, "POST", "/v1/statements", {
      name: "feed",
      statement: `INSERT INTO t VALUES ${rows.map((r) => `(${r})`).join(", ")}`,
    });
    expect(feed.body).toMatchObject({ phase: "COMPLETED", recordsIn: rows.length, recordsOut: rows.length });
    const running = await call(server, "GET", "/v1/statements/u-dml");
    expect(running.body).toMatchObject({
      phase: "RUNNING",
      recordsIn: rows.length,
      recordsOut: rows.filter((x) => x > 1).length,
    });
    expect(Date.parse(running.body.startedAt)).not.toBeNaN();
    expect(server.registry.engine.table("u").rows()).toEqual(rows.filter((x) => x > 1).map((x) => [x * 10]));

    const stopped = await call(server, "POST", "/v1/statements/u-dml/stop");
    expect(stopped.body.phase).toBe("STOPPED");
    await call(server, "POST", "/v1/statements", { name: "feed-2", statement: "INSERT INTO t VALUES (9)" });
    expect(server.registry.engine.table("u").rows()).toHaveLength(3);

    const list = await call(server, "GET", "/v1/statements");
    expect(list.body.statements.map((s: { name: string }) => s.name)).toEqual([
      "t-ddl",
      "u-ddl",
      "u-dml",
      "feed",
      "feed-2",
    ]);
    expect((await call(server, "DELETE", "/v1/statements/u-dml")).status).toBe(204);
    expect((await call(server, "GET", "/v1/statements/u-dml")).status).toBe(404);
    const tables = await call(server, "GET", "/v1/tables");
    expect(tables.body.tables.map((t: { name: string }) => t.name)).toEqual([
      "default_catalog.default_database.t",
      "default_catalog.default_database.u",
    ]);
  });

  it("keeps a statement that cannot run as FAILED, with the error's line and caret", async () => {
    const server = await start();
    await call(server, "POST", "/v1/statements", { name: "t-ddl", statement: "CREATE TABLE t (x INT)" });
    const bad = await call(server, "POST", "/v1/statements", {
      name: "bad",
      statement: "INSERT INTO t SELECT y FROM t",
    });
    expect(bad.status).toBe(201);
    expect(bad.body.phase).toBe("FAILED");
    expect(bad.body.detail).toContain("unknown column 'y'");
    expect(bad.body.detail).toContain("^");
    const syntax = await call(server, "POST", "/v1/statements", {
      name: "syntax",
      statement: "CREATE TABEL t2 (x INT)",
    });
    expect(syntax.body.phase).toBe("FAILED");
    expect(syntax.body.detail).toMatch(/syntax:1:\d+: error/);
  });

  it("answers bad requests with 400, 404 and 409 saying where and why", async () => {
    const server = await start();
    const badName = await call(server, "POST", "/v1/statements", {
      name: "Bad_Name",
      statement: "SET 'a' = 'b'",
    });
    expect(badName.status).toBe(400);
    expect(badName.body.message).toContain("body/name");
    const missing = await call(server, "POST", "/v1/statements", { name: "x" });
    expect(missing.status).toBe(400);
    expect(missing.body.message).toContain("statement");
    const extra = await call(server, "POST", "/v1/statements", {
      name: "x",
      statement: "SET 'a' = 'b'",
      pool: 1,
    });
    expect(extra.status).toBe(400);
    expect(extra.body.message).toContain("additional properties");
    const query = await call(server, "POST", "/v1/statements", { name: "q", statement: "SELECT 1" });
    expect(query.status).toBe(400);
    expect(query.body.message).toContain("query");
    const two = await call(server, "POST", "/v1/statements", {
      name: "two",
      statement: "SET 'a' = 'b'; SET 'c' = 'd'",
    });
    expect(two.status).toBe(400);
    expect(two.body.message).toContain("exactly one SQL statement");
    await call(server, "POST", "/v1/statements", { name: "s", statement: "SET 'a' = 'b'" });
    const dup = await call(server, "POST", "/v1/statements", { name: "s", statement: "SET 'a' = 'b'" });
    expect(dup.status).toBe(409);
    expect((await call(server, "GET", "/v1/statements/nope")).status).toBe(404);
    expect((await call(server, "GET", "/v1/statements/NOPE!")).status).toBe(400);
    const notJson = await fetch(`${server.url}/v1/statements`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{",
    });
    expect(notJson.status).toBe(400);
    expect((await call(server, "GET", "/v1/health")).body).toEqual({ status: "ok", statements: 1 });
  });

  it("replays its statements from the state dir after a restart", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hw-serve-"));
    const first = await start(dir);
    await call(first, "POST", "/v1/statements", { name: "t-ddl", statement: "CREATE TABLE t (x INT)" });
    await call(first, "POST", "/v1/statements", { name: "u-ddl", statement: "CREATE TABLE u (x INT)" });
    await call(first, "POST", "/v1/statements", {
      name: "u-dml",
      statement: "INSERT INTO u SELECT x + 1 FROM t",
    });
    await call(first, "POST", "/v1/statements", { name: "feed", statement: "INSERT INTO t VALUES (1), (2)" });
    await call(first, "POST", "/v1/statements", {
      name: "stopped",
      statement: "INSERT INTO u SELECT x FROM t",
    });
    await call(first, "POST", "/v1/statements/stopped/stop");
    const before = first.registry.engine.table("u").rows();
    expect(before).toHaveLength(4);
    const saved = JSON.parse(readFileSync(join(dir, "statements.json"), "utf8"));
    expect(saved.statements.map((s: { name: string }) => s.name)).toEqual([
      "t-ddl",
      "u-ddl",
      "u-dml",
      "feed",
      "stopped",
    ]);
    await first.close();
    servers.splice(servers.indexOf(first), 1);

    const second = await start(dir);
    expect(second.restored).toBe(5);
    const phases = (await call(second, "GET", "/v1/statements")).body.statements.map(
      (s: { name: string; phase: string }) => `${s.name}:${s.phase}`,
    );
    expect(phases).toEqual([
      "t-ddl:COMPLETED",
      "u-ddl:COMPLETED",
      "u-dml:RUNNING",
      "feed:COMPLETED",
      "stopped:STOPPED",
    ]);
    expect(second.registry.engine.table("u").rows()).toEqual(before);
  });

  it("refuses to start on a corrupt state file, naming it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hw-serve-"));
    writeFileSync(join(dir, "statements.json"), "{not json");
    await expect(startControlServer({ port: 0, stateDir: dir })).rejects.toThrow(
      /statements\.json is not valid JSON/,
    );
  });
});
