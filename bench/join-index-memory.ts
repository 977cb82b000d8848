// What a record-grain join side keeps on the heap per record while its records are on disk: the
// index that orders each join key's records and finds them by identity, at the shapes of C360's two
// record-grain joins at 1M customers — items by product (~30,000 per product) and transactions by
// customer (~10 each), each record with a unique key. Records go through the real state with a
// spill whose live and encoded tiers are a few MiB, so nearly every record is on disk; heap and
// array buffers are measured after a full GC before and after, each shape in a process of its own.
// Run it in two trees (A/B) to compare layouts: it uses only the join state's public interface.
//   npm run bench -- join-index-memory [--products 60] [--customers 150000] [--shape items|transactions]
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as v8 from "node:v8";
import { runInNewContext } from "node:vm";
import { retailId } from "../src/connectors/retail/ids.ts";
import { createJoinSideState } from "../src/engine/runtime/operators/join/join-side-state.ts";
import { EncodedTierBudget } from "../src/engine/runtime/state/encoded-tier-budget.ts";
import { StateSpill } from "../src/engine/runtime/state/state-spill.ts";

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
// A full GC on demand without --expose-gc on the command line (bench/run.ts starts benchmarks).
v8.setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

const LIVE_BUDGET = 1 << 20;
const ENCODED_BUDGET = 4 << 20;

interface Shape {
  readonly name: string;
  readonly joinKeys: number;
  readonly perKey: number;
  /** The record for the n-th arrival: [unique key, join key, payload...], join keys interleaved. */
  readonly row: (n: number) => (string | number)[];
}

const products = arg("products", 60);
const customers = arg("customers", 150_000);
const SHAPES: Shape[] = [
  {
    name: "items by product",
    joinKeys: products,
    perKey: 30_000,
    row: (n) => [retailId("ITM", 10_000_000 + n), retailId("PRD", 1000 + ((n * 7919) % products)), 2, 19.99],
  },
  {
    name: "transactions by customer",
    joinKeys: customers,
    perKey: 10,
    row: (n) => [
      retailId("TXN", 10_000_000 + n),
      retailId("CUST", 1_000_000 + ((n * 7919) % customers)),
      5,
      49.5,
    ],
  },
];

function heapBytes(): number {
  gc();
  gc();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

const only = process.argv.indexOf("--shape");
if (only < 0) {
  // Each shape in a process of its own: what one leaves behind is not in the other's measurement.
  for (const shape of SHAPES) {
    const args = [
      ...process.execArgv,
      process.argv[1]!,
      ...process.argv.slice(2),
      "--shape",
      shape.name.split(" ")[0]!,
    ];
    const child = spawnSync(process.execPath, args, { stdio: "inherit" });
    if (child.status !== 0) process.exit(child.status ?? 1);
  }
  process.exit(0);
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "join-index-memory-"));
try {
  for (const shape of SHAPES.filter((s) => s.name.startsWith(process.argv[only + 1]!))) {
    const records = shape.joinKeys * shape.perKey;
    const spill = new StateSpill(
      path.join(dir, shape.name.replace(/ /g, "-")),
      LIVE_BUDGET,
      new EncodedTierBudget(ENCODED_BUDGET),
    );
    const before = heapBytes();
    const state = createJoinSideState(
      "left",
      { kind: "byUniqueKey", positions: [0] },
      { positions: [1], filterNulls: [true] },
      undefined,
      spill,
    );
    const started = process.hrtime.bigint();
    for (let n = 0; n < records; n++) {
      const row = shape.row(n);
      state.add(row[1]!, row, 0);
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const after = heapBytes();
    // Read after measuring: the state stays reachable through the measurement.
    const found = state.recordsOf(shape.row(0)[1]!, []);
    const perRecord = (after - before) / records;
    console.log(
      `${shape.name}: ${records.toLocaleString("en")} records under ${shape.joinKeys.toLocaleString("en")} join keys, ` +
        `${spill.spilledEntries.toLocaleString("en")} on disk — heap ${((after - before) / 2 ** 20).toFixed(1)} MiB, ` +
        `${perRecord.toFixed(1)} bytes per record (live + encoded tiers ≤ ${(LIVE_BUDGET + ENCODED_BUDGET) >> 20} MiB of it), ` +
        `${(records / seconds / 1e3).toFixed(0)}K adds/s (${found} records under the first join key)`,
    );
    spill.close();
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
