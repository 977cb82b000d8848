// Live changes of a table kept in the embedded store: offsets are the table's log offsets, so a client
// resumes with Last-Event-ID after the server and its engine restarted; offsets retention dropped are
// refused with 410, malformed or future ones with 400.
import { connect } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createEngine, type Engine } from "../../../src/engine/index.ts";
import { type RestServer, startRestServer } from "../../../src/serve/index.ts";
import { tempDir } from "../../store/temp-dir.ts";
import { readEvents, type ServerSentEvent, writeProduct } from "./helpers.ts";

const ID = "test.users.Users";
const USERS =
  "CREATE TABLE users (id INT, name STRING, PRIMARY KEY (id) NOT ENFORCED) DISTRIBUTED BY (id) INTO 1 BUCKETS";
const descriptor = writeProduct(ID, "users", [
  { name: "id", logicalType: "integer", key: 1 },
  { name: "name", logicalType: "string" },
]);

const open: { engine: Engine; server: RestServer }[] = [];
afterEach(async () => {
  for (const { engine, server } of open.splice(0)) {
    await server.close();
    await engine.close();
  }
});

/** An engine over the store in `dir` with the users table, served over REST. */
async function serve(dir: string, before?: (engine: Engine) => void) {
  const engine = createEngine({ storeDir: dir });
  before?.(engine);
  await engine.execute(USERS);
  const server = await startRestServer({ products: [{ descriptor, table: engine.table("users") }] });
  const entry = { engine, server };
  open.push(entry);
  const stop = async () => {
    open.splice(open.indexOf(entry), 1);
    await server.close();
    await engine.close();
  };
  return { engine, url: `${server.url}/products/${ID}/changes`, stop };
}

const show = (e: ServerSentEvent) => `${e.id} ${e.event} ${e.data}`;

describe("live changes of a store table", () => {
  it("numbers changes by log offset, and a client resumes after a restart with none lost or repeated", async () => {
    const dir = tempDir();
    const first = await serve(dir);
    await first.engine.execute("INSERT INTO users VALUES (1, 'ann'), (2, 'bob')");
    await first.engine.execute("INSERT INTO users VALUES (1, 'anna')");
    const before = await readEvents(await fetch(`${first.url}?from=0`), (e) => e.length >= 3);
    expect(before.events.map(show)).toEqual([
      '0 +U {"id":1,"name":"ann"}',
      '1 +U {"id":2,"name":"bob"}',
      '2 +U {"id":1,"name":"anna"}',
    ]);
    await first.stop();

    // While no server runs, the table changes: the resumed client must get exactly these.
    const offline = createEngine({ storeDir: dir });
    await offline.execute(`${USERS}; INSERT INTO users VALUES (3, 'cy');`);
    // A group that HAVING drops once it has two rows: the upsert table gets the key's delete.
    await offline.execute(
      "INSERT INTO users SELECT id, MAX(name) FROM (VALUES (2, 'b'), (2, 'c')) AS t(id, name) GROUP BY id HAVING COUNT(*) < 2",
    );
    await offline.close();

    const second = await serve(dir);
    const resumed = await fetch(second.url, { headers: { "last-event-id": before.events.at(-1)!.id! } });
    expect(resumed.status).toBe(200);
    const reading = readEvents(resumed, (e) => e.length >= 4);
    await new Promise((r) => setTimeout(r, 50));
    await second.engine.execute("INSERT INTO users VALUES (4, 'dee')");
    expect((await reading).events.map(show)).toEqual([
      '3 +U {"id":3,"name":"cy"}',
      '4 +U {"id":2,"name":"b"}',
      '5 -D {"id":2,"name":null}',
      '6 +U {"id":4,"name":"dee"}',
    ]);
    // The product's description gives the same offsets: `changelog_offset` is where ?from= follows new changes.
    const described = (await (await fetch(second.url.replace(/\/changes$/, ""))).json()) as {
      stats: { changelog_offset: number };
    };
    expect(described.stats.changelog_offset).toBe(7);
  });

  it("refuses offsets retention dropped with 410, naming where the changelog starts", async () => {
    const dir = tempDir();
    const { engine, url } = await serve(dir, (e) => {
      // Small segments and a size limit, so retention drops the oldest records.
      e.store!.createTopic("users", { partitions: 1, segmentBytes: 200, retentionBytes: 400 });
    });
    for (let i = 0; i < 20; i++) await engine.execute(`INSERT INTO users VALUES (${i}, 'user ${i}')`);
    expect(engine.store!.runCleanup().segmentsDeleted).toBeGreaterThan(0);
    const start = engine.table("users").changelog.startOffset;
    expect(start).toBeGreaterThan(0);

    for (const request of [`${url}?from=0`, url] as const) {
      const headers: Record<string, string> = request === url ? { "last-event-id": String(start - 2) } : {};
      const response = await fetch(request, { headers });
      expect(response.status).toBe(410);
      expect(await response.json()).toMatchObject({
        error: "Gone",
        code: "offset_out_of_range",
        parameter: request === url ? "Last-Event-ID" : "from",
        message: expect.stringContaining(`the changelog starts at ${start}`),
      });
    }
    // From the first retained offset the stream serves what is left, up to the last change.
    const { events } = await readEvents(await fetch(`${url}?from=${start}`), (e) => e.at(-1)?.id === "19");
    expect(events.map((e) => Number(e.id))).toEqual(Array.from({ length: 20 - start }, (_, i) => start + i));
  });

  it("ends a stream that retention overtook with out_of_range instead of skipping changes", async () => {
    const dir = tempDir();
    const { engine, url } = await serve(dir, (e) => {
      e.store!.createTopic("users", { partitions: 1, segmentBytes: 1 << 20, retentionBytes: 2 << 20 });
    });
    // About 20 MB of changes: more than the loopback socket holds, so the paused client falls behind.
    await engine.execute(
      "CREATE TABLE gen (id INT, name STRING) WITH ('connector' = 'datagen', 'number-of-rows' = '20000', " +
        "'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '20000', 'fields.name.length' = '1000');" +
        "INSERT INTO users SELECT id, name FROM gen;",
    );
    const changelog = engine.table("users").changelog;
    while (changelog.endOffset < 20_000) await engine.settle();
    const { port, pathname } = new URL(url);
    const socket = connect(Number(port), "127.0.0.1");
    socket.write(`GET ${pathname}?from=0 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
    socket.pause();
    await new Promise((r) => setTimeout(r, 500));
    // Retention drops all but the newest segments while the client is still reading the oldest.
    expect(engine.store!.runCleanup().segmentsDeleted).toBeGreaterThan(0);
    const start = changelog.startOffset;
    const received: Buffer[] = [];
    socket.on("data", (chunk: Buffer) => received.push(chunk));
    socket.resume();
    // The server closes the stream; should it keep it open instead, the assertions below say so.
    const giveUp = setTimeout(() => socket.destroy(), 30_000);
    await new Promise((r) => socket.on("close", r));
    clearTimeout(giveUp);
    const text = Buffer.concat(received).toString("utf8");
    const ids = [...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
    expect(ids.length).toBeGreaterThan(0);
    expect(ids).toEqual(ids.map((_, i) => i));
    expect(ids.length).toBeLessThan(start);
    const end = /event: end\ndata: (.*)\n/.exec(text);
    expect(JSON.parse(end![1]!)).toEqual({
      reason: "out_of_range",
      message: "the changes from the stream's position were dropped by retention before the client read them",
      resume_from: ids.length,
      start_offset: start,
    });
  }, 120_000);

  it("refuses malformed offsets and offsets beyond the end with 400", async () => {
    const { engine, url } = await serve(tempDir());
    await engine.execute("INSERT INTO users VALUES (1, 'ann')");
    const cases: [string, Record<string, string>, string][] = [
      ["?from=-1", {}, "from"],
      ["?from=abc", {}, "from"],
      ["?from=1.5", {}, "from"],
      ["?from=2", {}, "from"],
      ["", { "last-event-id": "one" }, "Last-Event-ID"],
      ["", { "last-event-id": "-1" }, "Last-Event-ID"],
      ["", { "last-event-id": "1" }, "Last-Event-ID"],
      ["", { "last-event-id": "99999999999999999999999" }, "Last-Event-ID"],
    ];
    for (const [query, headers, parameter] of cases) {
      const response = await fetch(`${url}${query}`, { headers });
      expect(response.status, `${query} ${JSON.stringify(headers)}`).toBe(400);
      const body = (await response.json()) as { parameter?: string; message: string };
      expect(body.parameter ?? body.message, `${query} ${JSON.stringify(headers)}`).toContain(parameter);
    }
  });
});
