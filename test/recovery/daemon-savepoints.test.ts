// Savepoints and restarts of the daemon's statements (headwater serve --state-dir --checkpoint-interval):
// the control API's stop/start, a daemon restart, and `headwater statement stop|start`.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type ControlServer, startControlServer } from "../../src/serve/control/index.ts";
import { tempDir } from "../store/temp-dir.ts";

const MAIN = path.resolve(import.meta.dirname, "../../src/cli/main.ts");
const HOUR = 3_600_000;
const AGG = "INSERT INTO totals SELECT k, SUM(v), COUNT(*) FROM src GROUP BY k";

const servers: ControlServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function start(stateDir: string, checkpointIntervalMs: number | null = HOUR): Promise<ControlServer> {
  const server = await startControlServer({
    port: 0,
    stateDir,
    ...(checkpointIntervalMs !== null ? { checkpointIntervalMs } : {}),
  });
  servers.push(server);
  return server;
}

async function call(server: ControlServer, method: string, route: string, body?: unknown) {
  const res = await fetch(`${server.url}${route}`, {
    method,
    ...(body !== undefined
      ? { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }
      : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

async function submit(server: ControlServer, name: string, statement: string) {
  const res = await call(server, "POST", "/v1/statements", { name, statement });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** The daemon's pipeline: a source table fed by bounded INSERTs and a running aggregation. */
async function pipeline(server: ControlServer): Promise<void> {
  await submit(server, "src-ddl", "CREATE TABLE src (k STRING, v INT)");
  await submit(
    server,
    "totals-ddl",
    "CREATE TABLE totals (k STRING, total INT, n BIGINT, PRIMARY KEY (k) NOT ENFORCED)",
  );
  await submit(server, "feed-1", "INSERT INTO src VALUES ('a', 1), ('b', 2)");
  await submit(server, "agg", AGG);
}

const rows = (server: ControlServer) =>
  server.registry.engine
    .table("totals")
    .rows()
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])));

describe("daemon savepoints", () => {
  it("stop with a savepoint, feed more input, start from the savepoint: every row counted once", async () => {
    const server = await start(tempDir());
    await pipeline(server);
    const stopped = await call(server, "POST", "/v1/statements/agg/stop", { savepoint: true });
    expect(stopped.status).toBe(200);
    expect(stopped.body.phase).toBe("STOPPED");
    const savepoint = stopped.body.checkpoints.savepoint as string;
    expect(savepoint).toMatch(/store\/savepoints\/agg\/savepoint-\d+\.snapshot$/);
    expect(fs.existsSync(savepoint)).toBe(true);
    expect(rows(server)).toEqual([
      ["a", 1, 1],
      ["b", 2, 1],
    ]);

    await submit(server, "feed-2", "INSERT INTO src VALUES ('a', 10)");
    const started = await call(server, "POST", "/v1/statements/agg/start", { fromSavepoint: savepoint });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    expect(started.body).toMatchObject({ phase: "RUNNING", checkpoints: { restoredFrom: savepoint } });
    await call(server, "POST", "/v1/statements/agg/stop");
    expect(rows(server)).toEqual([
      ["a", 11, 2],
      ["b", 2, 1],
    ]);
  });

  it("refuse to start new SQL whose state does not fit, with the reasons; the statement stays stopped", async () => {
    const server = await start(tempDir());
    await pipeline(server);
    await call(server, "POST", "/v1/statements/agg/stop", { savepoint: true });
    const regrouped = "INSERT INTO totals SELECT k, SUM(v), COUNT(*) FROM src WHERE v > 1 GROUP BY k";
    const refused = await call(server, "POST", "/v1/statements/agg/start", { statement: regrouped });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/cannot resume .*the state of GroupAggregate\(groupBy=\[k\]/);
    expect((await call(server, "GET", "/v1/statements/agg")).body).toMatchObject({
      phase: "STOPPED",
      statement: AGG,
    });
    // A compatible change (a new projection after the aggregate) starts from the same state.
    const scaled = "INSERT INTO totals SELECT k, SUM(v) * 100, COUNT(*) FROM src GROUP BY k";
    const accepted = await call(server, "POST", "/v1/statements/agg/start", { statement: scaled });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    await submit(server, "feed-2", "INSERT INTO src VALUES ('b', 3)");
    await call(server, "POST", "/v1/statements/agg/stop");
    expect(rows(server)).toEqual([
      ["a", 1, 1],
      ["b", 500, 2],
    ]);
  });

  it("resume running statements after a daemon restart, without writing anything twice", async () => {
    const dir = tempDir();
    const first = await start(dir);
    await pipeline(first);
    await first.close();
    servers.splice(servers.indexOf(first), 1);

    const second = await start(dir);
    expect(second.restored).toBe(4);
    const agg = (await call(second, "GET", "/v1/statements/agg")).body;
    expect(agg.phase).toBe("RUNNING");
    expect(agg.checkpoints.restoredFrom).toMatch(/store\/checkpoints\/agg\/chk-\d+\.snapshot$/);
    await submit(second, "feed-2", "INSERT INTO src VALUES ('b', 5)");
    await call(second, "POST", "/v1/statements/agg/stop");
    expect(rows(second)).toEqual([
      ["a", 1, 1],
      ["b", 7, 2],
    ]);
  });

  it("say why a savepoint cannot be taken: no checkpoints, or not an INSERT", async () => {
    const plain = await start(tempDir(), null);
    await submit(plain, "t", "CREATE TABLE t (x INT)");
    await submit(plain, "copy", "INSERT INTO t SELECT x FROM t WHERE x > 100");
    const noCheckpoints = await call(plain, "POST", "/v1/statements/copy/stop", { savepoint: true });
    expect(noCheckpoints).toMatchObject({ status: 409 });
    expect(noCheckpoints.body.message).toMatch(
      /does not run under checkpoints: start the daemon with --state-dir and --checkpoint-interval/,
    );
    const ddl = await call(plain, "POST", "/v1/statements/t/stop", { savepoint: true });
    expect(ddl.body.message).toMatch(/'t' is not an INSERT/);
    const bad = await call(plain, "POST", "/v1/statements/copy/stop", { savepoint: "yes" });
    expect(bad.status).toBe(400);
    const unknownField = await call(plain, "POST", "/v1/statements/copy/start", { from: "x" });
    expect(unknownField.status).toBe(400);
  });
});

describe("headwater statement", () => {
  function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, ["--no-warnings", MAIN, "statement", ...args]);
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (c) => (stdout += c));
      child.stderr.on("data", (c) => (stderr += c));
      child.on("exit", (code) => resolve({ code, stdout, stderr }));
    });
  }

  it("stops with --savepoint and starts --from-savepoint against the daemon", async () => {
    const server = await start(tempDir());
    await pipeline(server);
    const stop = await cli(["stop", "agg", "--savepoint", "--url", server.url, "--json"]);
    expect(stop.code, stop.stderr).toBe(0);
    const savepoint = JSON.parse(stop.stdout).checkpoints.savepoint as string;
    expect(fs.existsSync(savepoint)).toBe(true);
    const started = await cli(["start", "agg", "--from-savepoint", savepoint, "--url", server.url]);
    expect(started.code, started.stderr).toBe(0);
    expect(started.stdout).toBe(`agg: RUNNING\nresumed from: ${savepoint}\n`);
  });

  it("exits 1 with the daemon's reason, and 2 on a wrong command line", async () => {
    const server = await start(tempDir());
    await pipeline(server);
    const missing = await cli([
      "start",
      "agg",
      "--from-savepoint",
      "/nowhere/sp.snapshot",
      "--url",
      server.url,
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe("headwater statement: 'agg' is RUNNING: stop it first\n");
    const unknown = await cli(["stop", "nope", "--url", server.url]);
    expect(unknown).toMatchObject({ code: 1, stderr: "headwater statement: no statement named 'nope'\n" });
    expect((await cli(["stop"])).code).toBe(2);
    const help = await cli(["start", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("--from-savepoint <path>");
  });
});
