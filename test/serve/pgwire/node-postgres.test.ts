import { connect } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ORDERS, type Served, serveOrders } from "./fixture.ts";

/** Date and time types as their text, so results do not depend on the test machine's time zone. */
const types = {
  getTypeParser: (oid: number, format?: "text" | "binary") =>
    [1082, 1114, 1184].includes(oid) ? (v: string) => v : pg.types.getTypeParser(oid, format),
};

async function client(served: Served, extra: Partial<pg.ClientConfig> = {}): Promise<pg.Client> {
  const c = new pg.Client({
    host: "127.0.0.1",
    port: served.endpoint.port,
    user: "tester",
    database: "x",
    types,
    ...extra,
  });
  await c.connect();
  return c;
}

/** The inserted orders as node-postgres returns them: int8 and numeric as strings, arrays as arrays. */
const asRows = (rows: readonly (typeof ORDERS)[number][]) =>
  rows.map(([id, customer, amount, placed, day, paid, tags]) => ({
    id: String(id),
    customer,
    amount,
    placed,
    day,
    paid,
    tags: tags === null ? null : [...tags],
  }));

describe("node-postgres against the SQL endpoint", () => {
  let served: Served;
  let c: pg.Client;
  beforeAll(async () => {
    served = await serveOrders();
    c = await client(served);
  });
  afterAll(async () => {
    await c.end();
    await served.endpoint.close();
  });

  it("binds parameters of every served type (extended protocol), NULL included", async () => {
    const q = async (sql: string, values: unknown[]) =>
      (await c.query(`SELECT * FROM orders WHERE ${sql} ORDER BY id`, values)).rows;
    expect(await q("id = $1", [2])).toEqual(asRows(ORDERS.filter((r) => r[0] === 2)));
    expect(await q("amount = $1", ["12.50"])).toEqual(asRows(ORDERS.filter((r) => r[2] === "12.50")));
    expect(await q("amount > $1", [0])).toEqual(
      asRows(ORDERS.filter((r) => r[2] !== null && Number(r[2]) > 0)),
    );
    expect(await q("placed = $1", ["2000-02-29 00:00:00"])).toEqual(asRows(ORDERS.filter((r) => r[0] === 4)));
    expect(await q("placed < $1", [new Date(Date.UTC(2000, 0, 1))])).toEqual(
      asRows(ORDERS.filter((r) => r[3] !== null && r[3] < "2000-01-01")),
    );
    expect(await q("day = $1", ["2024-03-01"])).toEqual(asRows(ORDERS.filter((r) => r[4] === "2024-03-01")));
    expect(await q("paid = $1", [false])).toEqual(asRows(ORDERS.filter((r) => r[5] === false)));
    expect(await q("tags = $1", [["NULL", "", "x,y"]])).toEqual(asRows(ORDERS.filter((r) => r[0] === 4)));
    expect(await q("customer IS NOT DISTINCT FROM $1", [null])).toEqual(
      asRows(ORDERS.filter((r) => r[1] === null)),
    );
    expect(await q("customer = $1 OR id = $2", ['Zoë "quoted"', 1])).toEqual(
      asRows(ORDERS.filter((r) => r[0] === 4 || r[0] === 1)),
    );
  });

  it("returns parameters' values with PostgreSQL's types and names", async () => {
    const r = await c.query(
      "SELECT $1::int AS i, $2::bigint AS b, $3::numeric(6,3) AS n, $4::boolean AS t, $5::date AS d, $6::int[] AS a, $7::text AS s, count(*) FROM orders",
      [41, "9007199254740993", "1.5", "yes", "2024-02-29", [1, null, 3], null],
    );
    expect(r.rows).toEqual([
      {
        i: 41,
        b: "9007199254740993",
        n: "1.500",
        t: true,
        d: "2024-02-29",
        a: [1, null, 3],
        s: null,
        count: String(ORDERS.length),
      },
    ]);
    expect(r.fields.map((f) => [f.name, f.dataTypeID])).toEqual([
      ["i", 23],
      ["b", 20],
      ["n", 1700],
      ["t", 16],
      ["d", 1082],
      ["a", 1007],
      ["s", 25],
      ["count", 20],
    ]);
  });

  it("reuses named prepared statements", async () => {
    const byId = (id: number) =>
      c.query({ name: "order-by-id", text: "SELECT customer FROM orders WHERE id = $1", values: [id] });
    expect((await byId(1)).rows).toEqual([{ customer: "ann" }]);
    expect((await byId(2)).rows).toEqual([{ customer: "bob" }]);
  });

  it("sees every change the engine made before the query started", async () => {
    const count = async () => Number((await c.query("SELECT count(*) AS n FROM events")).rows[0].n);
    expect(await count()).toBe(0);
    await served.engine.execute("INSERT INTO events VALUES ('a', 1), ('b', 2)");
    expect(await count()).toBe(2);
    await served.engine.execute(
      "INSERT INTO orders VALUES (5, 'eve', 1.00, TIMESTAMP '2024-01-01 00:00:00', DATE '2024-01-01', TRUE, ARRAY['n'])",
    );
    expect((await c.query("SELECT customer FROM orders WHERE id = 5")).rows).toEqual([{ customer: "eve" }]);
    await served.engine.execute(
      "INSERT INTO orders VALUES (5, 'eva', 2.00, TIMESTAMP '2024-01-01 00:00:00', DATE '2024-01-01', TRUE, ARRAY['n'])",
    );
    expect((await c.query("SELECT customer, amount FROM orders WHERE id = 5")).rows).toEqual([
      { customer: "eva", amount: "2.00" },
    ]);
    served.engine.deleteRows("orders", [[5, null, null, null, null, null, null]]);
    expect((await c.query("SELECT count(*) AS n FROM orders WHERE id = 5")).rows).toEqual([{ n: "0" }]);
  });

  it("reports errors with SQLSTATE and position, and keeps the session usable", async () => {
    const failure = (sql: string, values?: unknown[]) =>
      c.query(sql, values).then(
        () => undefined,
        (e: pg.DatabaseError) => e,
      );
    const missing = await failure("SELECT * FROM nowhere");
    expect([missing?.code, missing?.message, missing?.position]).toEqual([
      "42P01",
      'relation "nowhere" does not exist',
      "15",
    ]);
    expect((await failure("SELEC 1"))?.code).toBe("42601");
    expect((await failure("SELECT * FROM orders WHERE id = $1", ["x"]))?.code).toBe("22P02");
    expect((await failure("INSERT INTO orders (id) VALUES (9)"))?.code).toBe("25006");
    expect((await failure("CREATE TABLE t (x INT)"))?.code).toBe("25006");
    // No file access from SQL.
    expect((await failure("SELECT * FROM read_csv('/etc/passwd')"))?.code).toBe("42501");
    expect((await c.query("SELECT 1 AS ok")).rows).toEqual([{ ok: 1 }]);
  });

  it("fails a transaction after an error until it is rolled back", async () => {
    await c.query("BEGIN");
    await expect(c.query("SELECT * FROM nowhere")).rejects.toThrow(/does not exist/);
    await expect(c.query("SELECT 1")).rejects.toMatchObject({ code: "25P02" });
    await c.query("ROLLBACK");
    expect((await c.query("SELECT 2 AS two")).rows).toEqual([{ two: 2 }]);
  });

  it("cancels a statement that outlives statement_timeout", async () => {
    const other = await client(served);
    try {
      await other.query("SET statement_timeout = 100");
      await expect(other.query("SELECT count(*) FROM range(100000000000)")).rejects.toMatchObject({
        code: "57014",
      });
      expect((await other.query("SELECT 3 AS three")).rows).toEqual([{ three: 3 }]);
    } finally {
      await other.end();
    }
  });

  it("serves concurrent clients", async () => {
    const clients = await Promise.all([1, 2, 3, 4, 5].map(() => client(served)));
    try {
      const results = await Promise.all(
        clients.map((k, i) =>
          k.query("SELECT id, $1::int AS who FROM orders WHERE id <= 4 ORDER BY id", [i]),
        ),
      );
      for (const [i, r] of results.entries())
        expect(r.rows).toEqual([1, 2, 3, 4].map((id) => ({ id: String(id), who: i })));
    } finally {
      await Promise.all(clients.map((k) => k.end()));
    }
  });

  it("survives garbage bytes and clients that vanish mid-query", async () => {
    const reply = await new Promise<string>((resolve) => {
      let text = "";
      const s = connect(served.endpoint.port, "127.0.0.1", () =>
        s.write(Buffer.from("GET / HTTP/1.1\r\nHost: x\r\n\r\n")),
      );
      s.on("data", (d) => {
        text += d.toString("latin1");
      });
      s.on("close", () => resolve(text));
    });
    // A FATAL ErrorResponse (protocol violation), then the server hangs up on that client only.
    expect(reply).toMatch(/^E.*SFATAL.*C08P01.*invalid message length/s);
    const quitter = await client(served);
    quitter.on("error", () => {});
    const big = quitter.query("SELECT i, repeat('x', 100) FROM range(2000000) t(i)").catch(() => undefined);
    await new Promise((r) => setTimeout(r, 50));
    (quitter as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    await big;
    const unknownTable = await c.query("SELECT * FROM no_such_table").catch((e: pg.DatabaseError) => e.code);
    expect(unknownTable).toBe("42P01");
    expect((await c.query("SELECT count(*) AS n FROM orders")).rows).toEqual([{ n: String(ORDERS.length) }]);
  });
});

describe("password authentication", () => {
  for (const method of ["md5", "cleartext"] as const) {
    it(`accepts the right ${method} password and refuses a wrong one`, async () => {
      const served = await serveOrders({ user: "analyst", password: "s3cret", method });
      try {
        const good = await client(served, { user: "analyst", password: "s3cret" });
        expect((await good.query("SELECT count(*) AS n FROM orders")).rows).toEqual([
          { n: String(ORDERS.length) },
        ]);
        await good.end();
        await expect(client(served, { user: "analyst", password: "wrong" })).rejects.toMatchObject({
          code: "28P01",
        });
        await expect(client(served, { user: "intruder", password: "s3cret" })).rejects.toMatchObject({
          code: "28P01",
        });
      } finally {
        await served.endpoint.close();
      }
    });
  }
});
