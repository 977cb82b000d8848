// REST lookup latency of a data product against a bare node:http server answering the same lookups
// from a Map, measured in the same run with the same load client (a worker thread, keep-alive
// connections). Two loads: open loop at a fixed request rate (latency from the scheduled send time, so
// queueing counts), then closed loop with a fixed number of requests in flight (throughput).
//
//   npm run bench -- rest-lookup [-- --customers 100000 --rate 2000 --seconds 10 --connections 16]
import { readFileSync } from "node:fs";
import { Agent, createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { createEngine } from "../src/engine/index.ts";
import { loadProducts } from "../src/product/index.ts";
import { ServedProduct, startRestServer } from "../src/serve/index.ts";

interface Load {
  readonly origin: string;
  readonly paths: readonly string[];
  readonly connections: number;
  /** Requests per second for the open loop; 0 for the closed loop. */
  readonly rate: number;
  readonly seconds: number;
}

interface LoadResult {
  readonly latenciesMs: number[];
  readonly failures: number;
  readonly seconds: number;
}

/** Rounds per measurement, alternating between the servers. */
const ROUNDS = 5;

if (isMainThread) await main();
else parentPort!.postMessage(await drive(workerData as Load));

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at < 0 ? fallback : Number(process.argv[at + 1]);
}

async function main(): Promise<void> {
  const customers = option("customers", 100_000);
  const rate = option("rate", 2000);
  const seconds = option("seconds", 10);
  const connections = option("connections", 16);
  const fixtures = join(import.meta.dirname, "..", "test", "fixtures", "products", "valid");

  const engine = createEngine();
  await engine.executeScript(readFileSync(join(fixtures, "tables.sql"), "utf8").split(/^INSERT/m)[0]!);
  const ids = Array.from({ length: customers }, (_, i) => `CUST${String(i).padStart(7, "0")}`);
  engine.insertRows(
    "customer_analytics_c360",
    ids.map((id, i) => [
      id,
      "Ada",
      "Lovelace",
      `${id}@example.com`,
      ["Platinum", "Gold", "Silver", "Bronze"][i % 4]!,
      i % 500,
      BigInt(i * 137),
      BigInt(100 + (i % 400)),
      18_000 + (i % 2000),
      1_600_000_000_000 + i * 1000,
      i % 3 === 0,
      1_700_000_000_000 + i,
    ]),
  );
  const descriptor = loadProducts(fixtures).descriptors.find(
    (d) => d.product.id === "customer.analytics.C360",
  )!;
  const table = engine.table("customer_analytics_c360");
  const rest = await startRestServer({ products: [{ descriptor, table }] });

  // The peer: the same records, already encoded, in a Map behind a bare HTTP server.
  const encoder = new ServedProduct({ descriptor, table });
  const records = new Map(table.rows().map((row) => [row[0] as string, encoder.record(row)]));
  const prefix = "/products/customer.analytics.C360/records/";
  const peer = createServer((req, res) => {
    const record = records.get(decodeURIComponent(req.url!.slice(prefix.length)));
    res.writeHead(record ? 200 : 404, { "content-type": "application/json; charset=utf-8" });
    res.end(JSON.stringify(record ?? { message: "not found" }));
  });
  await new Promise<void>((resolve) => peer.listen(0, "127.0.0.1", resolve));
  const peerOrigin = `http://127.0.0.1:${(peer.address() as AddressInfo).port}`;

  // A fixed pseudo-random order of keys, the same for both servers.
  let seed = 42;
  const paths = Array.from({ length: 50_000 }, () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return prefix + ids[seed % ids.length]!;
  });

  console.log(
    `rest-lookup: ${customers} customers; load client in a worker thread, ${connections} keep-alive connections`,
  );
  const warm = { paths, connections, rate: 0, seconds: 1 };
  await runLoad({ ...warm, origin: rest.url });
  await runLoad({ ...warm, origin: peerOrigin });

  // Rounds alternate between the two servers (and which goes first), so load from other processes on
  // a shared machine falls on both alike.
  const open = { paths, connections, rate, seconds: seconds / ROUNDS };
  const [ours, theirs] = await alternate(open, rest.url, peerOrigin);
  console.log(
    `\nopen loop, ${rate} requests/s for ${seconds} s each (latency from the scheduled send time):`,
  );
  console.log(row("", ["p50", "p99", "max", "achieved", "failed"]));
  console.log(row("headwater (Fastify)", summary(ours)));
  console.log(row("node:http + Map", summary(theirs)));
  console.log(
    `ratio headwater / peer: p50 ${ratio(ours, theirs, 0.5)}, p99 ${ratio(ours, theirs, 0.99)} (target: p99 ≤ 5 ms at 2,000 requests/s)`,
  );

  const closed = { paths, connections, rate: 0, seconds: Math.max(ROUNDS, seconds / 2) / ROUNDS };
  const [oursMax, theirsMax] = await alternate(closed, rest.url, peerOrigin);
  const throughput = (r: LoadResult) => r.latenciesMs.length / r.seconds;
  console.log(`\nclosed loop, ${connections} requests in flight for ${closed.seconds * ROUNDS} s each:`);
  console.log(row("", ["p50", "p99", "max", "achieved", "failed"]));
  console.log(row("headwater (Fastify)", summary(oursMax)));
  console.log(row("node:http + Map", summary(theirsMax)));
  console.log(
    `throughput ratio headwater / peer: ${(throughput(oursMax) / throughput(theirsMax)).toFixed(2)}`,
  );

  await rest.close();
  await new Promise((resolve) => peer.close(resolve));
}

/** ROUNDS rounds of the load against each origin, alternating, merged per origin. */
async function alternate(
  load: Omit<Load, "origin">,
  ours: string,
  theirs: string,
): Promise<[LoadResult, LoadResult]> {
  const results: [LoadResult[], LoadResult[]] = [[], []];
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? [0, 1] : [1, 0];
    for (const which of order)
      results[which]!.push(await runLoad({ ...load, origin: which === 0 ? ours : theirs }));
  }
  const merge = (list: LoadResult[]): LoadResult => ({
    latenciesMs: list.flatMap((r) => r.latenciesMs),
    failures: list.reduce((n, r) => n + r.failures, 0),
    seconds: list.reduce((n, r) => n + r.seconds, 0),
  });
  return [merge(results[0]), merge(results[1])];
}

function runLoad(load: Load): Promise<LoadResult> {
  const worker = new Worker(new URL(import.meta.url), { workerData: load });
  return new Promise((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  });
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
}

function summary(result: LoadResult): string[] {
  const sorted = [...result.latenciesMs].sort((a, b) => a - b);
  const ms = (v: number) => `${v.toFixed(2)} ms`;
  return [
    ms(percentile(sorted, 0.5)),
    ms(percentile(sorted, 0.99)),
    ms(sorted[sorted.length - 1] ?? Number.NaN),
    `${Math.round(sorted.length / result.seconds)}/s`,
    String(result.failures),
  ];
}

function ratio(a: LoadResult, b: LoadResult, p: number): string {
  const at = (r: LoadResult) =>
    percentile(
      [...r.latenciesMs].sort((x, y) => x - y),
      p,
    );
  return `${(at(a) / at(b)).toFixed(2)}x`;
}

function row(label: string, cells: readonly string[]): string {
  return label.padEnd(22) + cells.map((c) => c.padStart(11)).join("");
}

/** The load client: keep-alive requests, open loop on a schedule or closed loop as fast as answers come. */
async function drive(load: Load): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: load.connections });
  const url = new URL(load.origin);
  const latenciesMs: number[] = [];
  let failures = 0;
  let next = 0;
  const send = (scheduled: number): Promise<void> =>
    new Promise((resolve) => {
      const path = load.paths[next++ % load.paths.length]!;
      const req = request({ host: url.hostname, port: url.port, path, agent }, (res) => {
        res.resume();
        res.on("end", () => {
          if (res.statusCode === 200) latenciesMs.push(performance.now() - scheduled);
          else failures++;
          resolve();
        });
      });
      req.on("error", () => {
        failures++;
        resolve();
      });
      req.end();
    });
  const start = performance.now();
  const end = start + load.seconds * 1000;
  if (load.rate === 0) {
    const loop = async () => {
      while (performance.now() < end) await send(performance.now());
    };
    await Promise.all(Array.from({ length: load.connections }, loop));
  } else {
    const interval = 1000 / load.rate;
    const pending: Promise<void>[] = [];
    let sent = 0;
    while (performance.now() < end) {
      const due = Math.floor((performance.now() - start) / interval);
      for (; sent < due; sent++) pending.push(send(start + sent * interval));
      await new Promise((r) => setImmediate(r));
    }
    await Promise.all(pending);
  }
  agent.destroy();
  return { latenciesMs, failures, seconds: (performance.now() - start) / 1000 };
}
