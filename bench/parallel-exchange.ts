// How rows cross threads in a parallel statement: a batch encoded with the store's row codec into a
// transferred buffer (what the exchanges do), against the same rows posted as arrays (structured
// clone), both over a MessagePort to a worker that decodes every row. Rows/s per way and the ratio,
// measured in the same run on whole Nexmark events (nested rows) and on flat (STRING, BIGINT,
// TIMESTAMP) rows, what a projection before a GROUP BY typically sends.
//   npm run bench -- parallel-exchange [--rows 500000] [--batch 1024]
import { isMainThread, parentPort, Worker } from "node:worker_threads";
import type { RowKind } from "../src/common/changelog.ts";
import type { Row } from "../src/common/value.ts";
import { NexmarkGenerator } from "../src/connectors/nexmark/index.ts";
import { RowBatchWriter, readRowBatch } from "../src/engine/runtime/parallel/row-batch.ts";

type Message = { readonly codec: ArrayBuffer } | { readonly rows: Row[]; readonly kinds: RowKind[] } | "done";

if (!isMainThread) {
  // The receiving side: every row decoded (or cloned) and touched, then a count back at the end.
  let received = 0;
  parentPort!.on("message", (message: Message) => {
    if (message === "done") {
      parentPort!.postMessage(received);
      received = 0;
    } else if ("codec" in message) readRowBatch(message.codec, () => received++);
    else received += message.rows.length;
  });
} else {
  const arg = (name: string, fallback: number): number => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? Number(process.argv[i + 1]) : fallback;
  };
  const ROWS = arg("rows", 500_000);
  const BATCH = arg("batch", 1024);
  const events = NexmarkGenerator.fromWithOptions({ "events.num": String(ROWS) }).generate(0, ROWS);
  const flat: Row[] = events.map((_, i) => [`key-${i % 10_000}`, i * 7, 1_436_918_400_000 + i]);
  const worker = new Worker(new URL(import.meta.url));
  const received = () => new Promise<number>((resolve) => worker.once("message", resolve));

  const measure = async (rows: readonly Row[], send: (batch: Row[]) => void): Promise<number> => {
    const started = performance.now();
    for (let from = 0; from < rows.length; from += BATCH) send(rows.slice(from, from + BATCH));
    worker.postMessage("done");
    const count = await received();
    if (count !== rows.length) throw new Error(`the worker saw ${count} of ${rows.length} rows`);
    return rows.length / ((performance.now() - started) / 1000);
  };
  const writer = new RowBatchWriter();
  const codec = (batch: Row[]) => {
    for (const row of batch) writer.add("+I", row);
    const buffer = writer.take();
    worker.postMessage({ codec: buffer }, [buffer]);
  };
  // An exchange must copy each row it buffers (operators may reuse the arrays they emit).
  const clone = (batch: Row[]) =>
    worker.postMessage({ rows: batch.map((row) => row.slice()), kinds: batch.map(() => "+I" as const) });
  const fmt = (n: number) => `${(n / 1e6).toFixed(2)}M rows/s`;
  console.log(`${ROWS} rows in batches of ${BATCH} over a MessagePort:`);
  for (const [shape, rows] of [
    ["nexmark events", events],
    ["flat rows", flat],
  ] as const) {
    // A warm-up round of each, then the measured one.
    await measure(rows, codec);
    await measure(rows, clone);
    const codecRate = await measure(rows, codec);
    const cloneRate = await measure(rows, clone);
    console.log(
      `  ${shape}: row codec (transferred) ${fmt(codecRate)}, structured clone ${fmt(cloneRate)}, ` +
        `codec / clone ${(codecRate / cloneRate).toFixed(2)}×`,
    );
  }
  await worker.terminate();
}
