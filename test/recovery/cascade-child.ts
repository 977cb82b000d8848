// A life the cascade's crash test kills: a chain of three INSERTs over store tables (bid → bid_copy →
// auction_bids → bid_total) under checkpoints, each level reading what the one before committed. It
// exits 0 once the end of the chain has committed every bid of the input.
// Usage: node cascade-child.ts <store-dir> <checkpoint-interval-ms>
import { createEngine } from "../../src/engine/index.ts";
import { CHAIN, CHAIN_DDL, INPUT_DDL } from "./cascade-pipeline.ts";

const [dir, interval] = process.argv.slice(2);
if (dir === undefined || interval === undefined) {
  process.stderr.write("usage: cascade-child.ts <store-dir> <checkpoint-interval-ms>\n");
  process.exit(2);
}
const intervalMs = Number(interval);
const engine = createEngine({
  storeDir: dir,
  checkpoints: {
    intervalMs,
    onCheckpoint: ({ statement, id }) => process.stdout.write(`checkpoint ${statement} ${id}\n`),
  },
});
await engine.executeScript(INPUT_DDL + CHAIN_DDL);
const bids = engine.table("bid").rows().length;
process.stdout.write("ready\n");
for (const { name, sql } of CHAIN) {
  const result = await engine.execute(sql, name);
  if (result.kind === "insert" && result.recovery?.restoredFrom)
    process.stdout.write(`resumed ${name} from ${result.recovery.restoredFrom}\n`);
}
// The chain never ends by itself (its inputs are unbounded tables): done when its end shows every bid.
for (;;) {
  await engine.settle();
  const failed = engine.jobs.filter((job) => job.status === "failed");
  if (failed.length > 0) {
    for (const job of failed) process.stderr.write(`${job.error?.message}\n`);
    process.exit(1);
  }
  const total = engine.table("bid_total").rows()[0];
  if (total !== undefined && Number(total[2]) === bids) break;
  await new Promise((resolve) => setTimeout(resolve, intervalMs));
}
await engine.close();
process.stdout.write("done\n");
process.exit(0);
