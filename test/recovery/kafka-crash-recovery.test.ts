// The crash harness against real Kafka with transactions: the child's statements write upsert and
// append topics under checkpoints, it is SIGKILLed at seeded random moments and restarted, and what a
// read_committed consumer sees of every output topic must equal an uninterrupted run's topics record
// for record — read by Kafka's own Java consumer (read_committed), and the append topic also by
// Headwater's Kafka source. 20 kills here; HEADWATER_SOAK=1 kills 200.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createEngine } from "../../src/engine/index.ts";
import { describeWithJava, type KafkaPeer, requireKafka, uniqueName } from "../infra/peers.ts";
import { random } from "../infra/seeded-random.ts";
import { lifeTimeoutMs, loadInputs, runUninterrupted, runWithKills } from "./crash-harness.ts";
import { committedRecords } from "./kafka-output.ts";
import { kafkaPipeline } from "./kafka-pipeline.ts";

const SOAK = process.env.HEADWATER_SOAK === "1";
const KILLS = SOAK ? 200 : 20;
const EVENTS = 10_000;
const INTERVAL_MS = 20;

describeWithJava("crash recovery into Kafka (real broker)", () => {
  let kafka: KafkaPeer;
  let root: string;
  beforeAll(async () => {
    kafka = await requireKafka();
    root = fs.mkdtempSync(path.join(os.tmpdir(), "headwater-kafka-crash-"));
    process.env.NODE_COMPILE_CACHE = path.join(root, "compile-cache");
  }, 600_000);
  /** A topic's values as Headwater's Kafka source reads them: `partition: value`, in offset order. */
  async function readThroughHeadwater(topic: string): Promise<string[]> {
    const engine = createEngine();
    try {
      await engine.execute(`CREATE TABLE readback (v STRING,
          part INT METADATA FROM 'partition' VIRTUAL, off BIGINT METADATA FROM 'offset' VIRTUAL)
        WITH ('connector' = 'kafka', 'topic' = '${topic}', 'properties.bootstrap.servers' = '${kafka.bootstrap}',
          'format' = 'raw', 'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset')`);
      const result = await engine.execute("SELECT part, off, v FROM readback");
      await engine.runBounded();
      if (result.kind !== "query") throw new Error("expected a query");
      return (result.table() as [number, number, string][])
        .sort((a, b) => a[0] - b[0] || a[1] - b[1])
        .map(([part, , v]) => `${part}: ${v}`);
    } finally {
      await engine.close();
    }
  }

  afterAll(() => {
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  it(
    `commits to Kafka what an uninterrupted run commits, after ${KILLS} SIGKILLs`,
    async () => {
      const inputs = path.join(root, "inputs");
      const reference = path.join(root, "uninterrupted");
      await loadInputs(inputs, EVENTS);
      fs.cpSync(inputs, reference, { recursive: true });
      const run = uniqueName("hw-crash");
      const sinks = (prefix: string) => ["kafka", kafka.bootstrap, prefix];

      const measured = await runUninterrupted(reference, INTERVAL_MS, sinks(`${run}-ref`));
      // Each life is killed after its first checkpoint, within 2 × processing / kills: progress in
      // every life, the kills spread over the whole run and land in commits as well as between them.
      const rounds = await runWithKills({
        inputs,
        roundDir: (n) => path.join(root, `crashed-${n}`),
        sinks: (n) => sinks(`${run}-${n}`),
        intervalMs: INTERVAL_MS,
        next: random(20_251_122),
        kills: KILLS,
        maxDelayMs: (2 * measured.processingMs) / KILLS,
        lifeTimeoutMs: lifeTimeoutMs(measured),
        aim: "checkpoint",
      });
      expect(rounds.reduce((sum, r) => sum + r.kills, 0)).toBe(KILLS);
      expect(rounds.reduce((sum, r) => sum + r.resumed, 0)).toBeGreaterThan(KILLS / 2);

      const expected = kafkaPipeline(kafka.bootstrap, `${run}-ref`).topics;
      const want: string[][] = [];
      for (const topic of expected) want.push(await committedRecords(kafka, topic));
      for (const [n, round] of rounds.entries()) {
        const actual = kafkaPipeline(kafka.bootstrap, `${run}-${n}`).topics;
        for (const [i, topic] of actual.entries()) {
          expect(want[i]!.length, `${expected[i]} has output`).toBeGreaterThan(0);
          const got = await committedRecords(kafka, topic);
          const where = `round ${n + 1} (${round.kills} kills), ${topic}`;
          expect(got.length, `${where}: records`).toBe(want[i]!.length);
          expect(got, `${where}: every record, in order`).toEqual(want[i]);
        }
        // Headwater's own Kafka source reads a crashed run's topics, aborted transactions and all,
        // as the Java consumer does: committed records only.
        for (const [i, topic] of actual.entries()) {
          const values = want[i]!.map((line) => line.replace(/^(\d+): .*? \| /, "$1: "));
          expect(await readThroughHeadwater(topic), `round ${n + 1}: ${topic} read by Headwater`).toEqual(
            values,
          );
        }
      }
    },
    SOAK ? 4 * 3_600_000 : 1_200_000,
  );
});
