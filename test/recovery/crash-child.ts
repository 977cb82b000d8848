// The process the crash harness kills: runs the recovery pipeline on a store folder under checkpoints
// and exits 0 once every statement has read its input to the end and committed its output.
// Usage: node crash-child.ts <store-dir> <checkpoint-interval-ms> [kafka <bootstrap> <topic-prefix>]
import { createEngine } from "../../src/engine/index.ts";
import { kafkaPipeline } from "./kafka-pipeline.ts";
import { INPUT_DDL, OUTPUT_DDL, STATEMENTS } from "./pipeline.ts";

const [dir, interval, sinks, bootstrap, prefix] = process.argv.slice(2);
if (dir === undefined || interval === undefined || (sinks === "kafka" && prefix === undefined)) {
  process.stderr.write(
    "usage: crash-child.ts <store-dir> <checkpoint-interval-ms> [kafka <bootstrap> <topic-prefix>]\n",
  );
  process.exit(2);
}
const kafka = sinks === "kafka" ? kafkaPipeline(bootstrap!, prefix!) : undefined;
const statements = kafka?.statements ?? STATEMENTS;
const engine = createEngine({
  storeDir: dir,
  checkpoints: {
    intervalMs: Number(interval),
    // Progress for the harness, which can aim a kill after this life has made some.
    onCheckpoint: ({ statement, id }) => process.stdout.write(`checkpoint ${statement} ${id}\n`),
  },
});
await engine.executeScript(INPUT_DDL + (kafka?.outputDdl ?? OUTPUT_DDL));
// From here on the statements restore and run: where the harness aims its kills.
process.stdout.write("ready\n");
for (const { name, sql } of statements) {
  const result = await engine.execute(sql, name);
  if (result.kind === "insert" && result.recovery?.restoredFrom)
    process.stdout.write(`resumed ${name} from ${result.recovery.restoredFrom}\n`);
}
await engine.runBounded();
const failed = engine.jobs.filter((job) => job.status === "failed");
for (const job of failed) process.stderr.write(`${job.error?.message}\n`);
await engine.close();
process.stdout.write("done\n");
process.exit(failed.length > 0 ? 1 : 0);
