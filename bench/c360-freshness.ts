// Freshness of customer.analytics.C360: how long an event appended to a source takes to be visible
// through the REST lookup, while the shop's live stream keeps the pipeline busy at a sustained rate.
// Canary customers (new sign-ups) go into customers_raw and travel the whole examples/c360 pipeline
// (deduplication, the profile's joins and aggregates, the view) on the embedded engine; a worker
// thread polls GET /products/customer.analytics.C360/records/<canary> until it answers 200. The peer,
// measured in the same run and alternating with it: the same lookup of a canary written directly
// into a table the same REST server serves — what visibility costs without a pipeline.
//
// With --durable, a second shop runs as `headwater demo c360` does — raw topics and every pipeline
// table in the embedded store, each INSERT under checkpoints every --checkpoint-interval seconds
// (exactly-once: a statement's output is visible once its checkpoint commits) — and its canaries'
// latencies print next to the in-memory ones.
//
//   npm run bench -- c360-freshness [-- --customers 10000 --rate 1000 --seconds 20 --canaries 10]
//   npm run bench -- c360-freshness -- --durable [--checkpoint-interval 1] [--fsync-in-background]
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { Agent, request } from "node:http";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { isMainThread, parentPort, Worker } from "node:worker_threads";
import { LiveShop } from "../src/cli/commands/demo-shop.ts";
import {
  DurableShopStorage,
  MemoryShopStorage,
  type ShopStorage,
} from "../src/cli/commands/demo-shop-storage.ts";
import { columnIndex, generateRetail } from "../src/connectors/retail/index.ts";
import { loadProducts } from "../src/product/index.ts";
import { CUSTOMER_VIEW } from "../src/serve/c360/customers.ts";
import { C360_PRODUCT_ID } from "../src/serve/c360/index.ts";
import { startRestServer } from "../src/serve/index.ts";

/** A canary to find: its lookup path and when it was written (epoch ms, sub-millisecond). */
interface Canary {
  readonly id: number;
  readonly origin: string;
  readonly path: string;
  readonly writtenAt: number;
}

interface Found {
  readonly id: number;
  readonly latencyMs: number;
  readonly polls: number;
}

const PROJECT = join(import.meta.dirname, "..", "examples", "c360");
const DIRECT_TABLE = "c360_direct";
const DIRECT_PRODUCT = "bench.direct.C360";

/** Epoch milliseconds with sub-millisecond precision, comparable across threads. */
const clock = (): number => performance.timeOrigin + performance.now();

/** The checkpoints written while canaries are measured: their bytes per statement. */
class CheckpointBytes {
  readonly byStatement = new Map<string, { checkpoints: number; bytes: number }>();

  add(statement: string, bytes: number): void {
    const seen = this.byStatement.get(statement) ?? { checkpoints: 0, bytes: 0 };
    seen.checkpoints++;
    seen.bytes += bytes;
    this.byStatement.set(statement, seen);
  }

  report(seconds: number): string {
    let checkpoints = 0;
    let bytes = 0;
    for (const seen of this.byStatement.values()) {
      checkpoints += seen.checkpoints;
      bytes += seen.bytes;
    }
    const largest = [...this.byStatement].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, 3);
    const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
    return (
      `checkpoints while measured: ${checkpoints} over ${this.byStatement.size} statements, ` +
      `${kib(bytes / seconds)}/s, ${kib(bytes / Math.max(1, checkpoints))} each; largest: ` +
      largest
        .map(([id, seen]) => `${id} ${kib(seen.bytes / seen.checkpoints)} × ${seen.checkpoints}`)
        .join(", ")
    );
  }
}

/** Set while a durable shop's canaries are measured (main awaits below, before later declarations). */
let checkpointsWritten: CheckpointBytes | undefined;

if (isMainThread) await main();
else poll();

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at < 0 ? fallback : Number(process.argv[at + 1]);
}

async function main(): Promise<void> {
  const customers = option("customers", 10_000);
  const rate = option("rate", 1000);
  const seconds = option("seconds", 20);
  const canariesPerSecond = option("canaries", 10);
  const durable = process.argv.includes("--durable");
  const intervalS = option("checkpoint-interval", 1);
  const settings = { customers, rate, seconds, canariesPerSecond };

  const memory = await measure(settings, new MemoryShopStorage());
  const stored = durable ? await measureDurable(settings, intervalS) : undefined;

  console.log(row("", ["p50", "p99", "max", "canaries"]));
  console.log(row("pipeline (raw → view)", summary(memory.pipeline)));
  console.log(row("direct write (peer)", summary(memory.direct)));
  if (stored) console.log(row(`durable, ${intervalS} s checkpoints`, summary(stored.pipeline)));
  console.log(
    `ratio pipeline / direct: p50 ${(p(memory.pipeline, 0.5) / p(memory.direct, 0.5)).toFixed(1)}x, ` +
      `p99 ${(p(memory.pipeline, 0.99) / p(memory.direct, 0.99)).toFixed(1)}x`,
  );
  if (stored)
    console.log(
      `ratio durable / in-memory pipeline: p50 ${(p(stored.pipeline, 0.5) / p(memory.pipeline, 0.5)).toFixed(1)}x, ` +
        `p99 ${(p(stored.pipeline, 0.99) / p(memory.pipeline, 0.99)).toFixed(1)}x`,
    );
  console.log("(target: p99 ≤ 1000 ms under a sustained 1,000 events/s; the seeds' SLO is 1 minute)");
}

interface Settings {
  readonly customers: number;
  readonly rate: number;
  readonly seconds: number;
  readonly canariesPerSecond: number;
}

/** The demo's durable run: every table in a store under a temporary folder, every INSERT under checkpoints. */
async function measureDurable(settings: Settings, intervalS: number): Promise<Latencies> {
  const stateDir = mkdtempSync(join(tmpdir(), "headwater-freshness-"));
  try {
    return await measure(
      settings,
      new DurableShopStorage({
        stateDir,
        checkpointIntervalMs: intervalS * 1000,
        durableInBackground: process.argv.includes("--fsync-in-background"),
        onCheckpoint: (checkpoint) => checkpointsWritten?.add(checkpoint.statement, checkpoint.bytes),
      }),
    );
  } finally {
    rmSync(stateDir, { recursive: true, force: true });
  }
}

interface Latencies {
  readonly pipeline: number[];
  readonly direct: number[];
}

/**
 * One shop, measured: canaries alternate between the pipeline and, in memory, the direct peer (a
 * durable shop's tables are all in its store, so its canaries all go through the pipeline).
 */
async function measure(settings: Settings, storage: ShopStorage): Promise<Latencies> {
  const { customers, rate, seconds, canariesPerSecond } = settings;
  const durable = storage.engineOptions.checkpoints;
  const loadStarted = performance.now();
  const shop = await LiveShop.open({
    projectDir: PROJECT,
    customers,
    seed: 42,
    rate,
    storage,
  });
  if (shop.failure) throw new Error(shop.failure);
  const engine = shop.engine;
  const descriptor = loadProducts(join(PROJECT, "products")).descriptors.find(
    (d) => d.product.id === C360_PRODUCT_ID,
  )!;
  const products = [{ descriptor, table: engine.table(CUSTOMER_VIEW) }];
  if (!durable) {
    const viewDdl = readFileSync(
      join(PROJECT, "pipelines/views/c360/customer_analytics/sql-scripts/ddl.customer_analytics_c360.sql"),
      "utf8",
    );
    await engine.execute(viewDdl.replace(CUSTOMER_VIEW, DIRECT_TABLE));
    products.push({
      descriptor: { ...descriptor, product: { ...descriptor.product, id: DIRECT_PRODUCT } },
      table: engine.table(DIRECT_TABLE),
    });
  }
  const rest = await startRestServer({ products, clock: () => shop.now() });
  console.log(
    `c360-freshness${durable ? ` (durable, ${durable.intervalMs} ms checkpoints)` : " (in memory)"}: ` +
      `${customers} customers loaded in ${((performance.now() - loadStarted) / 1000).toFixed(1)} s ` +
      `(${shop.historyEvents} events, view of ${engine.table(CUSTOMER_VIEW).rows().length} rows); ` +
      `live stream at ${rate} events/s, ${canariesPerSecond} canaries/s, ${seconds} s`,
  );

  // A canary for the pipeline is a sign-up on customers_raw; one for the peer, a view row under a new id.
  const template = [...generateRetail({ customers: 1, seed: 42 })].find((e) => e.dataSet === "customers")!;
  const at = columnIndex("customers");
  const directTemplate = engine.table(CUSTOMER_VIEW).rows()[0]!;

  const worker = new Worker(new URL(import.meta.url));
  const pending = new Map<number, "pipeline" | "direct">();
  const latencies: Latencies = { pipeline: [], direct: [] };
  let polls = 0;
  worker.on("message", (found: Found) => {
    const kind = pending.get(found.id)!;
    pending.delete(found.id);
    latencies[kind].push(found.latencyMs);
    polls += found.polls;
  });

  shop.start();
  await sleep(2000); // the stream settles before measuring
  const eventsBefore = shop.liveEvents;
  const measureStarted = performance.now();
  if (durable) checkpointsWritten = new CheckpointBytes();
  const total = Math.round(seconds * canariesPerSecond);
  for (let id = 0; id < total; id++) {
    const name = `CANARY${String(id).padStart(6, "0")}`;
    const kind = durable || id % 2 === 0 ? "pipeline" : "direct";
    if (kind === "pipeline") {
      const row = [...template.row];
      row[at.customer_id!] = name;
      row[at.email!] = `${name.toLowerCase()}@example.com`;
      row[at.registration_date!] = shop.now();
      shop.append({ ...template, row, eventTime: shop.now() });
    } else {
      const row = [...directTemplate];
      row[0] = name;
      engine.insertRows(DIRECT_TABLE, [row]);
    }
    const product = kind === "pipeline" ? C360_PRODUCT_ID : DIRECT_PRODUCT;
    pending.set(id, kind);
    worker.postMessage({
      id,
      origin: rest.url,
      path: `/products/${product}/records/${name}`,
      writtenAt: clock(),
    } satisfies Canary);
    await sleep(1000 / canariesPerSecond);
  }
  // A pipeline that cannot keep up never shows some canaries: reported, not waited for forever.
  const giveUp = performance.now() + 30_000;
  while (pending.size > 0 && performance.now() < giveUp) await sleep(10);
  const missing = [...pending.values()];
  const measured = (performance.now() - measureStarted) / 1000;
  const written = checkpointsWritten;
  checkpointsWritten = undefined;
  const achieved = (shop.liveEvents - eventsBefore) / measured;
  await worker.terminate();
  const stopping = performance.now();
  await shop.stop();
  const stopped = performance.now();
  await rest.close();
  await shop.close();
  const closed = performance.now();
  if (shop.failure) throw new Error(shop.failure);
  console.log(
    `live stream achieved ${achieved.toFixed(0)} events/s; ${polls} lookups polled; ` +
      `stop ${((stopped - stopping) / 1000).toFixed(1)} s, close ${((closed - stopped) / 1000).toFixed(1)} s; ` +
      `load average ${loadavg()[0]!.toFixed(1)}`,
  );
  if (written) console.log(written.report(measured));
  if (missing.length > 0)
    console.log(
      `${missing.length} canaries not visible 30 s after the last was written (the pipeline fell behind)`,
    );
  console.log("");
  return latencies;
}

function p(list: readonly number[], q: number): number {
  return percentile(
    [...list].sort((a, b) => a - b),
    q,
  );
}

/** The worker: polls each canary's lookup until it answers 200 (every millisecond or so). */
function poll(): void {
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  parentPort!.on("message", async (canary: Canary) => {
    const url = new URL(canary.origin);
    for (let polls = 1; ; polls++) {
      const status = await new Promise<number>((resolve) => {
        const req = request({ host: url.hostname, port: url.port, path: canary.path, agent }, (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
        });
        req.on("error", () => resolve(0));
        req.end();
      });
      if (status === 200) {
        parentPort!.postMessage({
          id: canary.id,
          latencyMs: clock() - canary.writtenAt,
          polls,
        } satisfies Found);
        return;
      }
      await sleep(1);
    }
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

function summary(latencies: readonly number[]): string[] {
  const sorted = [...latencies].sort((a, b) => a - b);
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  return [
    ms(percentile(sorted, 0.5)),
    ms(percentile(sorted, 0.99)),
    ms(sorted[sorted.length - 1] ?? Number.NaN),
    String(sorted.length),
  ];
}

function row(label: string, cells: readonly string[]): string {
  return label.padEnd(24) + cells.map((c) => c.padStart(11)).join("");
}
