import { execFile } from "node:child_process";
import * as path from "node:path";
import type { KafkaPeer } from "../infra/peers.ts";

const KAFKA_SH = path.resolve(import.meta.dirname, "../../scripts/kafka.sh");

/**
 * A topic as Kafka's own Java consumer sees it with `isolation.level=read_committed` (the broker's
 * ConsoleConsumer, the oracle: it filters aborted transactions as Kafka specifies):
 * `partition: key | value` per record, in offset order per partition, partitions ascending. Reads
 * until no record came for `idleMs` (generous: the JVM starts and joins its group within it, on a
 * loaded machine too).
 */
export async function committedRecords(kafka: KafkaPeer, topic: string, idleMs = 15_000): Promise<string[]> {
  const stdout = await consoleConsumer([
    "--bootstrap-server",
    kafka.bootstrap,
    "--topic",
    topic,
    "--from-beginning",
    "--isolation-level",
    "read_committed",
    "--property",
    "print.partition=true",
    "--property",
    "print.key=true",
    "--timeout-ms",
    String(idleMs),
  ]);
  const byPartition = new Map<number, string[]>();
  for (const line of stdout.split("\n")) {
    const match = /^Partition:(\d+)\t(.*)\t(.*)$/.exec(line);
    if (!match) continue;
    const partition = Number(match[1]);
    const list = byPartition.get(partition) ?? [];
    list.push(`${partition}: ${match[2]} | ${match[3]}`);
    byPartition.set(partition, list);
  }
  return [...byPartition.keys()].sort((a, b) => a - b).flatMap((p) => byPartition.get(p)!);
}

/** Runs the ConsoleConsumer; it ends by timing out (a non-zero exit) once the topic is quiet. */
function consoleConsumer(args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(
      KAFKA_SH,
      ["run", "org.apache.kafka.tools.consumer.ConsoleConsumer", ...args],
      { maxBuffer: 1 << 28 },
      (error, stdout, stderr) => {
        if (/Processed a total of \d+ messages/.test(stderr)) resolve(stdout);
        else reject(new Error(`the ConsoleConsumer failed: ${error?.message ?? ""}\n${stderr}`));
      },
    ),
  );
}
