import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ORDERS, type Served, serveOrders } from "./fixture.ts";
import { dataRow, errorFields, frontend as f, RawClient, rowDescription } from "./raw-client.ts";

const types = (replies: { type: string }[]): string => replies.map((r) => r.type).join("");

describe("the wire protocol, message by message", () => {
  let served: Served;
  beforeAll(async () => {
    served = await serveOrders();
  });
  afterAll(() => served.endpoint.close());

  it("reports the parameters clients read at startup and a key for cancel requests", async () => {
    const { client, startup } = await RawClient.open(served.endpoint.port);
    const status = Object.fromEntries(
      startup
        .filter((r) => r.type === "S")
        .map((r) => {
          const [name, value] = r.body.toString("utf8").split("\0");
          return [name, value];
        }),
    );
    expect(status).toMatchObject({
      server_version: "15.0",
      server_encoding: "UTF8",
      client_encoding: "UTF8",
      DateStyle: "ISO, MDY",
      TimeZone: "UTC",
      integer_datetimes: "on",
      standard_conforming_strings: "on",
      session_authorization: "tester",
    });
    expect(types(startup)).toMatch(/^RS+KZ$/);
    client.close();
  });

  it("cancels a running statement on a CancelRequest quoting the session's key", async () => {
    const { client, startup } = await RawClient.open(served.endpoint.port);
    const key = startup.find((r) => r.type === "K")!.body;
    client.send(f.query("SELECT count(*) FROM range(100000000000)"));
    await new Promise((r) => setTimeout(r, 100));
    const cancel = Buffer.alloc(16);
    cancel.writeInt32BE(16, 0);
    cancel.writeInt32BE(80877102, 4);
    key.copy(cancel, 8, 0, 8);
    const other = connect(served.endpoint.port, "127.0.0.1", () => other.end(cancel));
    const replies = await client.until("Z", 20_000);
    expect(errorFields(replies.find((r) => r.type === "E")!.body)).toMatchObject({
      C: "57014",
      M: "canceling statement due to user request",
    });
    client.send(f.query("SELECT 1"));
    expect(types(await client.until("Z"))).toBe("TDCZ");
    client.close();
  });

  it("suspends a portal after maxRows and resumes it", async () => {
    const { client } = await RawClient.open(served.endpoint.port);
    client.send(
      f.parse("ids", "SELECT id FROM orders ORDER BY id"),
      f.bind("", "ids", []),
      f.execute("", 3),
      f.sync(),
    );
    const first = await client.until("Z");
    expect(types(first)).toBe("12DDDsZ");
    // Outside a transaction block Sync ends the portal, so page inside one.
    client.send(f.query("BEGIN"));
    await client.until("Z");
    client.send(f.bind("p", "ids", []), f.execute("p", 2), f.execute("p", 2), f.execute("p", 2), f.sync());
    const paged = await client.until("Z");
    expect(types(paged)).toBe("2DDsDDsCZ");
    const ids = paged.filter((r) => r.type === "D").map((r) => Number(dataRow(r.body)[0]!.toString()));
    expect(ids).toEqual(ORDERS.map((o) => o[0]));
    expect(paged.find((r) => r.type === "C")!.body.toString()).toBe("SELECT 0\0");
    client.close();
  });

  it("discards messages after an error until Sync", async () => {
    const { client } = await RawClient.open(served.endpoint.port);
    client.send(
      f.parse("", "SELECT nope FROM orders"),
      f.bind("", "", []),
      f.describe("P", ""),
      f.execute("", 0),
      f.sync(),
      f.parse("", "SELECT 1 AS one"),
      f.bind("", "", []),
      f.execute("", 0),
      f.sync(),
    );
    const failed = await client.until("Z");
    expect(types(failed)).toBe("EZ");
    expect(errorFields(failed[0]!.body)).toMatchObject({ S: "ERROR", C: "42703", P: "8" });
    expect(types(await client.until("Z"))).toBe("12DCZ");
    client.close();
  });

  it("describes a statement's parameter and result types", async () => {
    const { client } = await RawClient.open(served.endpoint.port);
    client.send(
      f.parse("s1", "SELECT amount, tags FROM orders WHERE id = $1 AND placed < $2"),
      f.describe("S", "s1"),
      f.sync(),
    );
    const replies = await client.until("Z");
    expect(types(replies)).toBe("1tTZ");
    const t = replies[1]!.body;
    expect([t.readInt16BE(0), t.readInt32BE(2), t.readInt32BE(6)]).toEqual([2, 20, 1114]);
    expect(rowDescription(replies[2]!.body)).toEqual([
      { name: "amount", oid: 1700, modifier: ((10 << 16) | 2) + 4, format: 0 },
      { name: "tags", oid: 1009, modifier: -1, format: 0 },
    ]);
    client.send(f.parse("s1", "SELECT 1"), f.sync());
    const duplicate = await client.until("Z");
    expect(errorFields(duplicate[0]!.body).C).toBe("42P05");
    client.close();
  });

  it("sends binary results when asked, in PostgreSQL's binary layouts", async () => {
    const { client } = await RawClient.open(served.endpoint.port);
    const int4 = Buffer.alloc(4);
    int4.writeInt32BE(1);
    client.send(
      f.parse(
        "",
        "SELECT id, amount, placed, day, paid, customer, 2.5::DOUBLE AS d FROM orders WHERE id = $1",
        [23],
      ),
      f.bind("", "", [int4], [1], [1]),
      f.describe("P", ""),
      f.execute("", 0),
      f.sync(),
    );
    const replies = await client.until("Z");
    expect(types(replies)).toBe("12TDCZ");
    expect(rowDescription(replies[2]!.body).map((c) => c.format)).toEqual([1, 1, 1, 1, 1, 1, 1]);
    const [id, amount, placed, day, paid, customer, d] = dataRow(replies[3]!.body);
    expect(id!.readBigInt64BE(0)).toBe(1n);
    // numeric 12.50: 2 digits, weight 0, positive, scale 2, base-10000 digits 12 and 5000.
    expect([...new Int16Array(amount!.length / 2).map((_, i) => amount!.readInt16BE(i * 2))]).toEqual([
      2, 0, 0, 2, 12, 5000,
    ]);
    const epoch2000 = Date.UTC(2000, 0, 1);
    expect(placed!.readBigInt64BE(0)).toBe(BigInt(Date.UTC(2024, 2, 1, 10, 15, 30, 123) - epoch2000) * 1000n);
    expect(day!.readInt32BE(0)).toBe((Date.UTC(2024, 2, 1) - epoch2000) / 86_400_000);
    expect(paid![0]).toBe(1);
    expect(customer!.toString()).toBe("ann");
    expect(d!.readDoubleBE(0)).toBe(2.5);
    client.close();
  });

  it("answers an empty query, and refuses several statements in one Parse", async () => {
    const { client } = await RawClient.open(served.endpoint.port);
    client.send(f.query(" ;  -- nothing\n"));
    expect(types(await client.until("Z"))).toBe("IZ");
    client.send(f.parse("", "  "), f.bind("", "", []), f.describe("P", ""), f.execute("", 0), f.sync());
    expect(types(await client.until("Z"))).toBe("12nIZ");
    client.send(f.parse("", "SELECT 1; SELECT 2"), f.sync());
    const replies = await client.until("Z");
    expect(errorFields(replies[0]!.body)).toMatchObject({
      C: "42601",
      M: "cannot insert multiple commands into a prepared statement",
    });
    client.close();
  });

  it("ends a connection that sends a malformed message, and only that one", async () => {
    const { client } = await RawClient.open(served.endpoint.port);
    // A Bind whose parameter claims more bytes than the message holds.
    const bad = Buffer.concat([
      Buffer.from("B"),
      Buffer.from([0, 0, 0, 14]),
      Buffer.from("\0\0\0\0\0\x01\x7f\xff\xff\xff"),
    ]);
    client.send(bad);
    const replies = await client.until("E");
    expect(errorFields(replies[0]!.body)).toMatchObject({ S: "FATAL", C: "08P01" });
    const { client: other } = await RawClient.open(served.endpoint.port);
    other.send(f.query("SELECT 1"));
    expect(types(await other.until("Z"))).toBe("TDCZ");
    other.close();
    client.close();
  });
});
