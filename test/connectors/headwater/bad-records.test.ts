// Bad records ('error-handling.mode'): fail names the record's position and field; ignore skips and
// counts; log writes the raw record, the error and its position into the dead-letter table.
import { afterEach, describe, expect, it } from "vitest";
import type { Row } from "../../../src/common/value.ts";
import {
  createEngine,
  type Engine,
  type QueryResult,
  type StatementResult,
} from "../../../src/engine/index.ts";
import { formatFor } from "../../../src/formats/index.ts";
import { tempDir } from "../../store/temp-dir.ts";

const T0 = Date.UTC(2026, 0, 1);
const utf8 = (text: string) => Buffer.from(text, "utf8");

function query(result: StatementResult): QueryResult {
  if (result.kind !== "query") throw new Error(`expected a query result, got ${result.kind}`);
  return result;
}

const engines: Engine[] = [];
afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.close();
});

function open(): Engine {
  const engine = createEngine({ clock: () => T0, storeDir: tempDir() });
  engines.push(engine);
  return engine;
}

/** Appends raw values to partition 0 of a store topic, as another producer would. */
function produce(engine: Engine, topic: string, values: readonly Uint8Array[]): void {
  engine.store!.topic(topic).appendBatch(
    0,
    values.map((value) => ({ value, timestamp: T0 })),
  );
}

function avroBytes(rows: readonly Row[]): Uint8Array[] {
  const schema = {
    columns: [
      { name: "id", type: { kind: "INT", nullable: true } },
      { name: "name", type: { kind: "VARCHAR", length: 2147483647, nullable: true } },
    ],
  } as const;
  const write = formatFor("avro")!.createSerializer(schema, { "avro.timestamp_mapping.legacy": "false" });
  return rows.map((row) => write("+I", row)!);
}

const json = (mode: string) =>
  `CREATE TABLE events (id INT, name STRING) DISTRIBUTED INTO 1 BUCKETS WITH ('value.format' = 'json', 'error-handling.mode' = '${mode}')`;

describe("error-handling.mode", () => {
  it("fails by default, naming the topic, partition, offset and field", async () => {
    const engine = open();
    await engine.execute(json("fail"));
    produce(engine, "events", [utf8('{"id": 1, "name": "ann"}'), utf8('{"id": "two", "name": "bob"}')]);
    const result = query(await engine.execute("SELECT id, name FROM events"));
    expect(result.status).toBe("failed");
    expect(result.error!.message).toContain(
      "table 'default_catalog.default_database.events': cannot read the record at topic 'events' partition 0 offset 1: json: field 'id':",
    );
    expect(result.table()).toEqual([[1, "ann"]]);
  });

  it("ignores bad records and counts them", async () => {
    const engine = open();
    await engine.execute(json("ignore"));
    produce(engine, "events", [
      utf8('{"id": 1, "name": "ann"}'),
      utf8("{not json"),
      utf8('{"id": 3, "name": "cyd"}'),
    ]);
    const result = query(await engine.execute("SELECT id, name FROM events"));
    expect(result.table()).toEqual([
      [1, "ann"],
      [3, "cyd"],
    ]);
    expect(engine.metrics()["default_catalog.default_database.events.bad-records-ignored"]).toBe(1);
  });

  it("logs wrong types, truncated Avro and malformed JSON to the dead-letter table, raw and positioned", async () => {
    const engine = open();
    await engine.execute(`${json("log")};
      CREATE TABLE readings (id INT, name STRING) DISTRIBUTED INTO 1 BUCKETS
        WITH ('value.format' = 'avro', 'error-handling.mode' = 'log', 'error-handling.log.target' = 'error_log');`);
    const wrongType = utf8('{"id": "two", "name": "bob"}');
    const malformed = utf8('{"id": 3, "name": ');
    produce(engine, "events", [
      utf8('{"id": 1, "name": "ann"}'),
      wrongType,
      malformed,
      utf8('{"id": 4, "name": "dan"}'),
    ]);
    const [good, long] = avroBytes([
      [10, "ok"],
      [11, "a name long enough to cut"],
    ]);
    const truncated = long!.subarray(0, long!.length - 5);
    produce(engine, "readings", [good!, truncated]);

    const events = query(await engine.execute("SELECT id, name FROM events"));
    const readings = query(await engine.execute("SELECT id, name FROM readings"));
    expect(events.table()).toEqual([
      [1, "ann"],
      [4, "dan"],
    ]);
    expect(readings.table()).toEqual([[10, "ok"]]);

    const letters = query(
      await engine.execute(`SELECT affected_name, error_message, error_details['field'],
          source_record.topic, source_record.\`partition\`, source_record.\`offset\`, source_record.\`value\`
        FROM error_log`),
    ).table();
    const byTable = (name: string) => letters.filter((r) => r[0] === name);
    const [typeError, syntaxError] = byTable("events");
    expect(typeError!.slice(2, 6)).toEqual(["id", "events", 0, 1]);
    expect(typeError![1]).toMatch(/field 'id'/);
    expect(Buffer.from(typeError![6] as Uint8Array)).toEqual(wrongType);
    expect(syntaxError!.slice(3, 6)).toEqual(["events", 0, 2]);
    expect(syntaxError![1]).toMatch(/^json: /);
    expect(Buffer.from(syntaxError![6] as Uint8Array)).toEqual(malformed);
    const [avroError] = byTable("readings");
    expect(avroError!.slice(3, 6)).toEqual(["readings", 0, 1]);
    expect(avroError![1]).toMatch(/^avro: /);
    expect(Buffer.from(avroError![6] as Uint8Array)).toEqual(Buffer.from(truncated));
    expect(letters).toHaveLength(3);
    expect(engine.metrics()).toMatchObject({
      "default_catalog.default_database.events.bad-records-logged": 2,
      "default_catalog.default_database.readings.bad-records-logged": 1,
    });
  });

  it("checks the mode's value and that a log target goes with mode log", async () => {
    const engine = open();
    await expect(engine.execute(json("drop"))).rejects.toThrow(
      "option 'error-handling.mode' = 'drop' is not one of 'fail', 'ignore', 'log'",
    );
    await expect(
      engine.execute("CREATE TABLE t (a INT) WITH ('error-handling.log.target' = 'dlq')"),
    ).rejects.toThrow("option 'error-handling.log.target' needs 'error-handling.mode' = 'log'");
  });
});
