import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import {
  type Line,
  type Ready,
  run,
  runOnce,
  SERVERS,
  type Stopped,
  start,
  stateDir,
} from "./demo-process.ts";

async function json(url: string): Promise<unknown> {
  const response = await fetch(url);
  expect(response.status, url).toBe(200);
  return response.json();
}

describe("headwater demo c360", () => {
  it("serves the live view over REST and SQL while events flow, stops after --duration, and a second run resumes", async () => {
    const state = stateDir();
    const demo = start(
      "--customers",
      "200",
      "--rate",
      "50",
      // Long enough that the REST and SQL reads below finish before the demo stops, even on a
      // loaded machine (at 4 s a slow run saw its SQL connection closed by the stop).
      "--duration",
      "10",
      "--state-dir",
      state,
      ...SERVERS,
    );
    const ready = await demo.next<Ready>("ready");
    expect(new URL(ready.rest).hostname).toBe("127.0.0.1");
    expect(ready.sql.host).toBe("127.0.0.1");
    expect(ready.resumed_events).toBe(0);
    expect(ready.start).toMatchObject({ kind: "built", statements: 10 });
    expect(ready.view.rows).toBeGreaterThan(150);

    // The same customer through REST and SQL: one live view behind both (read REST twice so a change
    // in between is seen and retried rather than reported as a difference).
    const profiles = (await json(`${ready.product}/analytics/customer-profiles?limit=3`)) as {
      customer_id: string;
    }[];
    expect(profiles).toHaveLength(3);
    const id = profiles[0]!.customer_id;
    const client = new pg.Client({
      host: ready.sql.host,
      port: ready.sql.port,
      user: "demo",
      database: "headwater",
    });
    await client.connect();
    try {
      for (let attempt = 0; ; attempt++) {
        const before = (await json(`${ready.product}/records/${id}`)) as Record<string, unknown>;
        const sql = await client.query(
          "SELECT total_spent::text AS total_spent, customer_status, total_transactions FROM customer_analytics_c360 WHERE customer_id = $1",
          [id],
        );
        const after = (await json(`${ready.product}/records/${id}`)) as Record<string, unknown>;
        if (JSON.stringify(before) !== JSON.stringify(after) && attempt < 5) continue;
        expect(sql.rows).toEqual([
          {
            total_spent: after.total_spent,
            customer_status: after.customer_status,
            total_transactions: String(after.total_transactions),
          },
        ]);
        break;
      }
    } finally {
      await client.end();
    }
    const health = (await json(`${ready.product}/admin/health`)) as {
      status: string;
      total_customers: number;
    };
    expect(health.status).toBe("ok");

    const summary = await demo.next<Line & { events: { live: number } }>("summary");
    expect(summary.events.live).toBeGreaterThan(0);
    const stopped = await demo.next<Stopped>("stopped");
    expect(await demo.exit()).toBe(0);
    expect(stopped.reason).toBe("duration");
    expect(stopped.events.live).toBeGreaterThan(100);
    expect(stopped.view.rows).toBe(stopped.kpis.customers);
    const saved = JSON.parse(readFileSync(join(state, "demo-state.json"), "utf8"));
    expect(saved).toMatchObject({
      version: 2,
      customers: 200,
      rate: 50,
      historyEvents: stopped.events.history,
    });

    // The second run restores every statement from the checkpoint the first one took as it stopped:
    // nothing generated or read again, the same view row for row.
    const lines = runOnce(state);
    const resumed = lines.find((l) => l.type === "ready") as Ready;
    expect(resumed.resumed_events).toBe(stopped.events.live);
    expect(resumed.start).toMatchObject({
      kind: "resumed",
      rebuilt: [],
      rawRestored: stopped.events.history + stopped.events.live,
      rawReread: 0,
      recordsReread: 0,
    });
    expect(resumed.start.kind === "resumed" && resumed.start.restored).toHaveLength(10);
    expect(resumed.view).toEqual({ rows: stopped.view.rows, sha256: stopped.view.sha256 });
    expect((lines.at(-1) as Stopped).reason).toBe("once");
  }, 120_000);

  it.each(["SIGINT", "SIGTERM"] as const)(
    "stops cleanly on %s with exit code 0 and saves its state",
    async (signal) => {
      const state = stateDir();
      const demo = start("--customers", "50", "--rate", "20", "--state-dir", state, ...SERVERS);
      const ready = await demo.next<Ready>("ready");
      await demo.next("summary");
      const changes = await fetch(`${ready.product}/changes?from=0`);
      expect(changes.headers.get("content-type")).toMatch(/text\/event-stream/);
      demo.child.kill(signal);
      const stopped = await demo.next<Stopped>("stopped");
      expect(await demo.exit()).toBe(0);
      expect(stopped.reason).toBe(signal === "SIGINT" ? "interrupted" : "terminated");
      // The live stream was ended with the server, not cut: its last event says why.
      const text = await changes.text();
      expect(text).toMatch(/event: end\ndata: \{"reason":"shutdown"/);
      // What the next run resumes from: the generator's settings and the store with the checkpoints.
      expect(JSON.parse(readFileSync(join(state, "demo-state.json"), "utf8")).customers).toBe(50);
      expect(readdirSync(join(state, "store", "checkpoints"))).toHaveLength(10);
    },
    60_000,
  );
});

describe("headwater demo c360: resuming from checkpoints", () => {
  const SHOP = ["--customers", "100", "--rate", "100"];
  const ready = (lines: Line[]) => lines.find((l) => l.type === "ready") as Ready;
  const stopped = (lines: Line[]) => lines.find((l) => l.type === "stopped") as Stopped;

  it("continues after Ctrl-C where the stream stopped, with the view an uninterrupted run has; --fresh starts over", async () => {
    const state = stateDir();
    const first = start(...SHOP, "--state-dir", state, ...SERVERS);
    await first.next<Ready>("ready");
    await first.next("summary");
    await first.next("summary");
    first.child.kill("SIGINT");
    const interrupted = await first.next<Stopped>("stopped");
    expect(await first.exit()).toBe(0);
    const before = interrupted.events.live;
    expect(before).toBeGreaterThan(0);

    // The second run restores the statements and keeps the stream going from event `before`.
    const total = before + 150;
    const second = runOnce(state, "--max-events", String(total));
    expect(ready(second).resumed_events).toBe(before);
    expect(ready(second).start).toMatchObject({ kind: "resumed", rebuilt: [], rawReread: 0 });
    expect(ready(second).view).toEqual({ rows: interrupted.view.rows, sha256: interrupted.view.sha256 });
    const resumed = stopped(second);
    expect(resumed.reason).toBe("max-events");
    expect(resumed.events.live).toBe(total);

    // The oracle: one uninterrupted run over the same events, in the same folder after --fresh.
    const fresh = runOnce(state, "--fresh", ...SHOP, "--max-events", String(total));
    expect(ready(fresh).start.kind).toBe("built");
    expect(ready(fresh).resumed_events).toBe(0);
    expect(stopped(fresh).events.live).toBe(total);
    expect(stopped(fresh).view.rows).toBe(resumed.view.rows);
    expect(stopped(fresh).view.sha256).toBe(resumed.view.sha256);
  }, 180_000);

  it("resumes after kill -9 from the last completed checkpoint, losing and duplicating nothing", async () => {
    const state = stateDir();
    const first = start(...SHOP, "--state-dir", state, ...SERVERS);
    await first.next<Ready>("ready");
    for (let i = 0; i < 3; i++) await first.next("summary");
    first.child.kill("SIGKILL");
    await first.exit();

    const second = runOnce(state);
    const resumedAt = ready(second).resumed_events;
    expect(resumedAt).toBeGreaterThan(0);
    expect(ready(second).start).toMatchObject({ kind: "resumed", rebuilt: [] });
    const view = stopped(second).view;

    // Every live event committed before the kill, and nothing else, is in the view.
    const reference = runOnce(stateDir(), ...SHOP, "--max-events", String(resumedAt));
    expect(stopped(reference).events.live).toBe(resumedAt);
    expect(stopped(reference).view.rows).toBe(view.rows);
    expect(stopped(reference).view.sha256).toBe(view.sha256);
  }, 180_000);
});

describe("headwater demo c360: bad input", () => {
  it("refuses bad options with exit code 2", () => {
    for (const [args, message] of [
      [["--rate", "0"], /--rate must be a number of events per second/],
      [["--port", "http"], /--port must be a whole number from 0 to 65535/],
      [["--customers", "-3"], /--customers must be a whole number/],
      [["--once", "--duration", "3"], /--once and --duration exclude each other/],
      [["--duration", "soon"], /--duration must be a positive number of seconds/],
      [["--checkpoint-interval", "0"], /--checkpoint-interval must be a number of seconds from 0.1/],
      [["--max-events", "many"], /--max-events must be a whole number/],
    ] as const) {
      const result = run("c360", ...args);
      expect(result.status, args.join(" ")).toBe(2);
      expect(result.stderr).toMatch(message);
    }
  });

  it("refuses to resume a run with other generator settings, naming how to proceed", () => {
    const state = stateDir();
    writeFileSync(
      join(state, "demo-state.json"),
      JSON.stringify({
        version: 2,
        customers: 50,
        seed: 42,
        rate: 10,
        streamStart: 0,
        cursor: { customers: 1, transactions: 1, items: 1, sessions: 1, tickets: 1, updates: 1 },
        historyEvents: 0,
        malformed: 0,
        buildMs: 0,
      }),
    );
    const result = run("c360", "--customers", "60", "--state-dir", state);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /--customers 60 differs from the 50 the run in .* used: leave it out .* or pass --fresh/,
    );
  });

  it("refuses a state folder of the demo that replayed events, naming --fresh", () => {
    const state = stateDir();
    writeFileSync(join(state, "demo-state.json"), JSON.stringify({ version: 1, customers: 50 }));
    const result = run("c360", "--state-dir", state, ...SERVERS);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/demo-state\.json was written by an earlier demo .*pass --fresh/);
  });

  it("leaves a store it did not make alone, even with --fresh", () => {
    const state = stateDir();
    mkdirSync(join(state, "store", "topics"), { recursive: true });
    writeFileSync(join(state, "store", "topics", "precious"), "someone else's data");
    for (const args of [[], ["--fresh"]]) {
      const result = run("c360", "--state-dir", state, ...SERVERS, ...args);
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/store was not made by the demo .*choose another --state-dir/);
    }
    expect(readFileSync(join(state, "store", "topics", "precious"), "utf8")).toBe("someone else's data");
  });

  it("says which state file is damaged, and exits 1", () => {
    const state = stateDir();
    writeFileSync(join(state, "demo-state.json"), "{ not json");
    const result = run("c360", "--state-dir", state, ...SERVERS);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/demo-state\.json is not valid JSON .*remove it or pass --fresh/);
  });

  it("documents every option in --help", () => {
    const help = run("c360", "--help").stdout;
    for (const option of [
      "--customers",
      "--rate",
      "--duration",
      "--once",
      "--state-dir",
      "--fresh",
      "--checkpoint-interval",
      "--max-events",
      "--sql-port",
      "--no-sql",
      "--json",
    ])
      expect(help).toContain(option);
  });
});
