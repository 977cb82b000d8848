// Append and read throughput of the embedded log against the disk + syscall ceiling measured in the
// same run: raw fs.writeSync of the same encoded bytes in equal-sized batches (each followed by
// fdatasync), and raw sequential 1 MiB fs.readSync of that file. Each measurement is repeated and the
// best round is reported, because fsync latency on shared disks is noisy.
//
//   node --experimental-strip-types bench/store-log.ts [records] [batchSize] [rounds]
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { type RecordInput, Store } from "../src/store/index.ts";
import { encodeBatch } from "../src/store/log/record-codec.ts";

const RECORDS = Number(process.argv[2] ?? 2_000_000);
const BATCH = Number(process.argv[3] ?? 10_000);
const ROUNDS = Number(process.argv[4] ?? 3);
const VALUE_BYTES = 100;
/** Distinct input batches, cycled: keeps the benchmark's own heap small so GC measures the store. */
const DISTINCT_BATCHES = 8;

function makeBatch(start: number): RecordInput[] {
  const batch: RecordInput[] = [];
  for (let i = 0; i < BATCH; i++) {
    const value = Buffer.alloc(VALUE_BYTES, (start + i) & 0xff);
    batch.push({ key: null, value, timestamp: 1_700_000_000_000 + start + i });
  }
  return batch;
}

function timed(run: () => void): number {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function peerAppend(file: string, encoded: readonly Buffer[]): void {
  const fd = fs.openSync(file, "w");
  for (const buf of encoded) {
    fs.writeSync(fd, buf);
    fs.fdatasyncSync(fd);
  }
  fs.closeSync(fd);
}

function peerRead(file: string): void {
  const fd = fs.openSync(file, "r");
  const chunk = Buffer.allocUnsafe(1024 * 1024);
  let position = 0;
  for (
    let n = fs.readSync(fd, chunk, 0, chunk.length, 0);
    n > 0;
    n = fs.readSync(fd, chunk, 0, chunk.length, position)
  ) {
    position += n;
  }
  fs.closeSync(fd);
}

function oursRead(store: Store, topic: string, expected: number): void {
  const consumer = store.consumer(topic, { maxPollRecords: 100_000 });
  let seen = 0;
  let valueBytes = 0;
  for (let polled = consumer.poll(); polled.length > 0; polled = consumer.poll()) {
    for (const batch of polled) {
      for (const record of batch.records) valueBytes += record.value!.length;
      seen += batch.records.length;
    }
  }
  if (seen !== expected || valueBytes !== expected * VALUE_BYTES)
    throw new Error(`read ${seen} of ${expected}`);
}

const root = fs.mkdtempSync(path.join(os.tmpdir(), "headwater-bench-store-"));
try {
  const distinct = Array.from({ length: DISTINCT_BATCHES }, (_, i) => makeBatch(i * BATCH));
  const distinctEncoded = distinct.map((batch, i) => encodeBatch(batch, i * BATCH, 0));
  const batchCount = Math.ceil(RECORDS / BATCH);
  const batches = Array.from({ length: batchCount }, (_, i) => distinct[i % DISTINCT_BATCHES]!);
  const encoded = Array.from({ length: batchCount }, (_, i) => distinctEncoded[i % DISTINCT_BATCHES]!);
  const total = batchCount * BATCH;
  const store = Store.open(path.join(root, "store"), { fsync: { kind: "every-batch" } });
  const best = { peerAppend: Infinity, oursAppend: Infinity, peerRead: Infinity, oursRead: Infinity };
  for (let round = 0; round < ROUNDS; round++) {
    const peerFile = path.join(root, `peer-${round}.bin`);
    const topicName = `bench-${round}`;
    best.peerAppend = Math.min(
      best.peerAppend,
      timed(() => peerAppend(peerFile, encoded)),
    );
    const topic = store.createTopic(topicName, { partitions: 1 });
    best.oursAppend = Math.min(
      best.oursAppend,
      timed(() => {
        for (const batch of batches) topic.appendBatch(0, batch);
      }),
    );
    best.peerRead = Math.min(
      best.peerRead,
      timed(() => peerRead(peerFile)),
    );
    best.oursRead = Math.min(
      best.oursRead,
      timed(() => oursRead(store, topicName, total)),
    );
    store.deleteTopic(topicName);
    fs.rmSync(peerFile);
  }
  store.close();
  const rate = (seconds: number): string => `${(total / seconds / 1e6).toFixed(2)}M records/s`;
  console.log(
    `store-log: ${total} records of ${VALUE_BYTES} bytes, batches of ${BATCH}, best of ${ROUNDS} rounds`,
  );
  console.log(
    `  append (fsync per batch)  ours ${rate(best.oursAppend)}  peer raw write+fdatasync ${rate(best.peerAppend)}  ours/peer ${(best.peerAppend / best.oursAppend).toFixed(2)}`,
  );
  console.log(
    `  read (consumer poll)      ours ${rate(best.oursRead)}  peer raw 1 MiB reads ${rate(best.peerRead)}  ours/peer ${(best.peerRead / best.oursRead).toFixed(2)}`,
  );
} finally {
  fs.rmSync(root, { recursive: true, force: true });
}
