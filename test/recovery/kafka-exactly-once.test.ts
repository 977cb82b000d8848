// Exactly-once into real Kafka (scripts/kafka.sh): an INSERT under checkpoints writes its records in
// Kafka transactions committed with each checkpoint, the checkpoint id committed in the same
// transaction; read_committed consumers see output only as of a checkpoint, and a statement resumed
// after a crash fences its predecessor, whose open transaction the broker aborts.
import { FetchIsolationLevels } from "@platformatic/kafka";
import { afterEach, beforeAll, expect, it } from "vitest";
import { createEngine, type Engine } from "../../src/engine/index.ts";
import { readStrings } from "../infra/kafka-helpers.ts";
import { describeWithJava, type KafkaPeer, requireKafka, uniqueName } from "../infra/peers.ts";
import { tempDir } from "../store/temp-dir.ts";

const HOUR = 3_600_000;

describeWithJava("exactly-once into Kafka (real broker)", () => {
  let kafka: KafkaPeer;
  const engines: Engine[] = [];
  beforeAll(async () => {
    kafka = await requireKafka();
  }, 600_000);
  afterEach(async () => {
    for (const engine of engines.splice(0)) await engine.close();
  });

  const ddl = (topic: string) => `
    CREATE TABLE src (k STRING, v INT);
    CREATE TABLE totals (k STRING, total INT, PRIMARY KEY (k) NOT ENFORCED)
      WITH ('connector' = 'upsert-kafka', 'topic' = '${topic}', 'properties.bootstrap.servers' = '${kafka.bootstrap}',
            'key.format' = 'raw', 'value.format' = 'json');`;
  const AGG = "INSERT INTO totals SELECT k, SUM(v) FROM src GROUP BY k";

  async function open(dir: string, topic: string): Promise<Engine> {
    const engine = createEngine({ storeDir: dir, checkpoints: { intervalMs: HOUR } });
    engines.push(engine);
    await engine.executeScript(ddl(topic));
    return engine;
  }

  async function feed(dir: string, topic: string, values: string): Promise<void> {
    const loader = createEngine({ storeDir: dir });
    await loader.executeScript(`${ddl(topic)} INSERT INTO src VALUES ${values};`);
    await loader.close();
  }

  /** The topic as a read_committed consumer sees it: key=value per record, in order. */
  async function committed(topic: string, expected: number): Promise<string[]> {
    // One more than expected, with a short wait: a duplicate would show.
    const got = await readStrings(kafka, topic, expected + 1, { timeoutMs: 3000 });
    return got.map((m) => `${m.key}=${m.value}`);
  }

  it("publishes a checkpoint's records when it commits, and resumes after a crash without duplicates", async () => {
    const dir = tempDir();
    const topic = uniqueName("hw-eo-totals");
    await feed(dir, topic, "('a', 1), ('b', 2)");
    const first = await open(dir, topic);
    await first.execute(AGG, "kafka-agg");
    expect(await committed(topic, 0)).toEqual([]);
    await first.checkpoints.checkpointAll();
    expect(await committed(topic, 2)).toEqual(['a={"k":"a","total":1}', 'b={"k":"b","total":2}']);

    // A bounded INSERT commits with its final checkpoint; the aggregate reads it and sends the update.
    await first.execute("INSERT INTO src VALUES ('a', 10)");
    // Sent, in the open transaction: a read_uncommitted consumer sees it, a read_committed one does not.
    const uncommitted = await readStrings(kafka, topic, 3, {
      isolationLevel: FetchIsolationLevels.READ_UNCOMMITTED,
      timeoutMs: 5000,
    });
    expect(uncommitted.map((m) => m.value)).toContain('{"k":"a","total":11}');
    expect(await committed(topic, 2)).toHaveLength(2);
    // The crash: the first engine stops in its tracks; a second one resumes the statement.
    for (const job of first.jobs) job.cancel();

    const second = await open(dir, topic);
    const resumed = await second.execute(AGG, "kafka-agg");
    expect(resumed.kind === "insert" && resumed.recovery?.restoredFrom).toMatch(/chk-1\.snapshot$/);
    await second.checkpoints.checkpointAll();
    expect(await committed(topic, 3)).toEqual([
      'a={"k":"a","total":1}',
      'b={"k":"b","total":2}',
      'a={"k":"a","total":11}',
    ]);
  }, 120_000);

  it("refuses a statement writing Kafka beside another table: one commit point per statement", async () => {
    const dir = tempDir();
    const topic = uniqueName("hw-eo-mixed");
    const engine = await open(dir, topic);
    await engine.execute("CREATE TABLE copy (k STRING, v INT)");
    await expect(
      engine.execute(`EXECUTE STATEMENT SET BEGIN
        INSERT INTO totals SELECT k, SUM(v) FROM src GROUP BY k;
        INSERT INTO copy SELECT k, v FROM src;
      END`),
    ).rejects.toThrow(/writes a Kafka table beside other tables/);
  }, 60_000);
});
