import { connect } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { Engine } from "../../../src/engine/index.ts";
import { type RestServer, type RestServerOptions, startRestServer } from "../../../src/serve/index.ts";
import { C360, fixtureProducts, readEvents } from "./helpers.ts";

const TABLE = "customer_analytics_c360";
const changes = `/products/${C360}/changes`;
let server: RestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(options: Partial<RestServerOptions> = {}): Promise<{ engine: Engine; url: string }> {
  const { engine, products } = await fixtureProducts();
  server = await startRestServer({ products, ...options });
  return { engine, url: server.url };
}

const data = (e: { data: string }) => JSON.parse(e.data) as Record<string, unknown>;

/** A new customer as the engine stores it: DECIMAL as unscaled bigint, DATE as days, timestamps as ms. */
function customer(id: string, transactions: number, spentCents: bigint) {
  return [
    id,
    "Hedy",
    "Lamarr",
    "hedy@example.com",
    "Gold",
    transactions,
    spentCents,
    450n,
    19_800,
    1_710_000_000_500,
    false,
    1_710_000_000_500,
  ];
}

describe("live changes over Server-Sent Events", () => {
  it("replays the changelog from offset 0: one event per change, id = offset, event = kind", async () => {
    const { url } = await serve();
    const response = await fetch(`${url}${changes}?from=0`);
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    const { events } = await readEvents(response, (e) => e.length >= 7);
    expect(events.map((e) => `${e.id} ${e.event} ${data(e).customer_id}`)).toEqual([
      "0 +I CUST001",
      "1 +I CUST002",
      "2 +I CUST003",
      "3 +I CUST004",
      "4 +I CUST005",
      "5 -U CUST002",
      "6 +U CUST002",
    ]);
    // The update of tables.sql: 3 → 4 transactions, 310.10 → 410.10 spent.
    expect(data(events[5]!)).toMatchObject({
      total_transactions: 3,
      total_spent: "310.10",
      churn_risk_flag: true,
    });
    expect(data(events[6]!)).toMatchObject({
      total_transactions: 4,
      total_spent: "410.10",
      churn_risk_flag: false,
    });
    for (const event of events.slice(0, 5).filter((e) => data(e).customer_id !== "CUST002")) {
      const lookup = await fetch(`${url}/products/${C360}/records/${data(event).customer_id}`);
      expect(data(event)).toEqual(await lookup.json());
    }
  });

  it("sends changes made after the client connected", async () => {
    const { engine, url } = await serve();
    const response = await fetch(`${url}${changes}`);
    const reading = readEvents(response, (e) => e.length >= 4);
    await new Promise((r) => setTimeout(r, 50));
    engine.insertRows(TABLE, [customer("CUST100", 1, 1999n)]);
    engine.insertRows(TABLE, [customer("CUST100", 2, 5000n)]);
    engine.deleteRows(TABLE, [["CUST001"]]);
    const { events } = await reading;
    expect(events.map((e) => `${e.id} ${e.event} ${data(e).customer_id}`)).toEqual([
      "7 +I CUST100",
      "8 -U CUST100",
      "9 +U CUST100",
      "10 -D CUST001",
    ]);
    expect(data(events[0]!)).toEqual({
      customer_id: "CUST100",
      first_name: "Hedy",
      last_name: "Lamarr",
      email: "hedy@example.com",
      loyalty_tier: "Gold",
      total_transactions: 1,
      total_spent: "19.99",
      customer_health_score: "4.50",
      last_purchase_date: "2024-03-18",
      last_purchase_at: "2024-03-09T16:00:00.500",
      churn_risk_flag: false,
      profile_updated_at: "2024-03-09T16:00:00.500Z",
    });
    expect(data(events[2]!)).toMatchObject({ total_transactions: 2, total_spent: "50.00" });
  });

  it("resumes after the Last-Event-ID a reconnecting client sends", async () => {
    const { engine, url } = await serve();
    const first = await readEvents(await fetch(`${url}${changes}?from=0`), (e) => e.length >= 3);
    expect(first.events.map((e) => e.id)).toEqual(["0", "1", "2"]);
    engine.insertRows(TABLE, [customer("CUST200", 1, 100n)]);
    // An EventSource reconnects to the same URL (with its from=0) and adds the header, which wins.
    const resumed = await readEvents(
      await fetch(`${url}${changes}?from=0`, { headers: { "Last-Event-ID": "2" } }),
      (e) => e.length >= 5,
    );
    expect(resumed.events.map((e) => `${e.id} ${e.event}`)).toEqual(["3 +I", "4 +I", "5 -U", "6 +U", "7 +I"]);
    expect(data(resumed.events[4]!).customer_id).toBe("CUST200");
  });

  it("sends heartbeats on an idle stream", async () => {
    const { url } = await serve({ changeStreams: { heartbeatMs: 30 } });
    const controller = new AbortController();
    const response = await fetch(`${url}${changes}`, { signal: controller.signal });
    const reader = response.body!.getReader();
    let text = "";
    while (!text.includes(": heartbeat")) text += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    expect(text).toMatch(/^retry: \d+\n: customer\.analytics\.C360 changes from offset 7\n\n/);
  });

  it("ends open streams with a reason when the server shuts down", async () => {
    const { url } = await serve();
    const response = await fetch(`${url}${changes}?from=6`);
    const reading = readEvents(response, () => false);
    await new Promise((r) => setTimeout(r, 50));
    await server!.close();
    server = undefined;
    const { events, ended } = await reading;
    expect(ended).toBe(true);
    expect(events.map((e) => e.event)).toEqual(["+U", "end"]);
    expect(data(events[1]!)).toEqual({
      reason: "shutdown",
      message: "the server is shutting down",
      resume_from: 7,
    });
  });

  it("disconnects a client that stops reading instead of buffering without bound", async () => {
    const { engine, url } = await serve({ changeStreams: { bufferBytes: 64 * 1024, stallTimeoutMs: 300 } });
    const total = 60_000;
    // About 20 MB of events: far more than the stream may buffer or the loopback socket holds.
    for (let i = 0; i < total; i += 5000)
      engine.insertRows(
        TABLE,
        Array.from({ length: 5000 }, (_, j) =>
          customer(`BULK${String(i + j).padStart(6, "0")}`, i + j, BigInt(i + j)),
        ),
      );
    const { port } = new URL(url);
    const socket = connect(Number(port), "127.0.0.1");
    socket.write(`GET ${changes}?from=7 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
    socket.pause();
    // Wait until the server has given up on the client, then read everything it had queued.
    for (let i = 0; i < 100; i++) {
      const metrics = await (await fetch(`${url}/metrics`)).text();
      if (metrics.includes(`headwater_change_stream_ends_total{product="${C360}",reason="slow_client"} 1`))
        break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const received: Buffer[] = [];
    socket.on("data", (chunk: Buffer) => received.push(chunk));
    socket.resume();
    await new Promise((r) => socket.on("close", r));
    const text = Buffer.concat(received).toString("utf8");
    const ids = [...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.length).toBeLessThan(total);
    expect(ids).toEqual(ids.map((_, i) => 7 + i));
    const end = /event: end\ndata: (.*)\n/.exec(text);
    expect(JSON.parse(end![1]!)).toEqual({
      reason: "slow_client",
      message: "the client read too slowly: its buffer stayed full",
      resume_from: 7 + ids.length,
    });
  });
});
