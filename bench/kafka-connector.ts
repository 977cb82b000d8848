// Throughput of the Kafka connector through the engine, next to Kafka's own perf tools on the same
// broker in the same run (scripts/kafka.sh perf-produce / perf-consume):
//  - produce: INSERT INTO a 'kafka' table (raw 100-byte values) from datagen, acks=all, idempotent,
//    against kafka-producer-perf-test with the same record size and acks=all;
//  - consume: a bounded read_committed scan of that topic into a blackhole, against
//    kafka-consumer-perf-test reading as many records.
// Needs Java (the broker is started by scripts/kafka.sh when it is not running).
//
//   node --experimental-strip-types bench/kafka-connector.ts [records]
import { createEngine } from "../src/engine/index.ts";
import { consumerPerf, producerPerf } from "../test/infra/kafka-perf.ts";
import { requireKafka, runScript, uniqueName } from "../test/infra/peers.ts";

const RECORDS = Number(process.argv[2] ?? 200_000);
const RECORD_BYTES = 100;

const kafka = await requireKafka();
const options = (topic: string, extra = "") =>
  `'connector' = 'kafka', 'topic' = '${topic}', 'properties.bootstrap.servers' = '${kafka.bootstrap}', 'format' = 'raw'${extra}`;

async function ourProduce(topic: string): Promise<number> {
  const engine = createEngine();
  await engine.execute(`
    CREATE TABLE gen (v STRING) WITH ('connector' = 'datagen', 'number-of-rows' = '${RECORDS}',
      'rows-per-second' = '1000000000', 'fields.v.length' = '${RECORD_BYTES}');
    CREATE TABLE out (v STRING) WITH (${options(topic)});`);
  const start = performance.now();
  await engine.execute("INSERT INTO out SELECT v FROM gen");
  await engine.runBounded();
  const seconds = (performance.now() - start) / 1000;
  const failed = engine.jobs.find((j) => j.error);
  await engine.close();
  if (failed) throw failed.error;
  return RECORDS / seconds;
}

async function ourConsume(topic: string): Promise<number> {
  const engine = createEngine();
  await engine.execute(`
    CREATE TABLE src (v STRING) WITH (${options(topic, ", 'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset'")});
    CREATE TABLE sink (v STRING) WITH ('connector' = 'blackhole');`);
  const start = performance.now();
  await engine.execute("INSERT INTO sink SELECT v FROM src");
  await engine.runBounded();
  const seconds = (performance.now() - start) / 1000;
  const read = engine.metrics()["default_catalog.default_database.src.records-in"] ?? 0;
  await engine.close();
  if (read !== RECORDS) throw new Error(`read ${read} records, expected ${RECORDS}`);
  return RECORDS / seconds;
}

const fmt = (perSecond: number) => `${(perSecond / 1000).toFixed(1).padStart(7)}K rec/s`;

const ours = uniqueName("bench-hw");
const theirs = uniqueName("bench-perf");
await runScript("kafka.sh", [
  "topics",
  "--create",
  "--topic",
  ours,
  "--partitions",
  "1",
  "--replication-factor",
  "1",
]);
await runScript("kafka.sh", [
  "topics",
  "--create",
  "--topic",
  theirs,
  "--partitions",
  "1",
  "--replication-factor",
  "1",
]);

const produced = await ourProduce(ours);
const peerProduce = await producerPerf(theirs, RECORDS, RECORD_BYTES, [
  "--producer-props",
  `bootstrap.servers=${kafka.bootstrap}`,
  "acks=all",
  "enable.idempotence=true",
]);
const consumed = await ourConsume(ours);
const peerConsume = await consumerPerf(theirs, RECORDS);

console.log(
  `records: ${RECORDS} × ${RECORD_BYTES} bytes, one partition, broker ${kafka.bootstrap} (Kafka ${kafka.version})`,
);
console.log(
  `produce  headwater ${fmt(produced)}   kafka-producer-perf-test ${fmt(peerProduce.recordsPerSec)}   ratio ${(produced / peerProduce.recordsPerSec).toFixed(2)}`,
);
console.log(
  `consume  headwater ${fmt(consumed)}   kafka-consumer-perf-test ${fmt(peerConsume.recordsPerSec)}   ratio ${(consumed / peerConsume.recordsPerSec).toFixed(2)}`,
);
await runScript("kafka.sh", ["topics", "--delete", "--topic", ours]).catch(() => undefined);
await runScript("kafka.sh", ["topics", "--delete", "--topic", theirs]).catch(() => undefined);
process.exit(0);
