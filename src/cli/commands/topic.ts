import { Presets, SingleBar } from "cli-progress";
import type { Command } from "commander";
// The parser's own module (no imports of its own), not the connectors' index.
import { parseDuration } from "../../connectors/framework/option-values.ts";
import type { LogRecord } from "../../connectors/framework/record-metadata.ts";
import type { LoadFormat, ProducerRecord, ReadStart, TopicAdmin } from "../../connectors/topics/index.ts";
import { EXIT_FAILURE, fail } from "../exit.ts";
import { usageExitCodes } from "./project.ts";

interface Target {
  readonly store?: string;
  readonly bootstrapServers?: string;
}

/** Records produced per request when loading a file. */
const LOAD_BATCH = 1000;
const DECODER = new TextDecoder("utf-8", { fatal: true });

/**
 * `headwater topic list|create|describe|produce|consume|tail` against the embedded store (`--store`)
 * or a Kafka cluster (`--bootstrap-servers`); `produce --file` loads a CSV or JSON file with a
 * progress bar.
 */
export function registerTopicCommands(program: Command): void {
  const topic = usageExitCodes(
    program
      .command("topic")
      .description("List, create, inspect, produce to and consume topics of the embedded store or Kafka"),
  );
  const target = (c: Command) =>
    c
      .option("--store <dir>", "the embedded store's directory")
      .option("--bootstrap-servers <hosts>", "a Kafka cluster, host:port[,host:port…]");

  target(topic.command("list").description("List the topics"))
    .option("--all", "include internal topics (names starting with __)")
    .option("--json", "print a JSON array")
    .action((o: Target & { all?: boolean; json?: boolean }) =>
      run(o, async (admin) => {
        const names = await admin.list(o.all === true);
        process.stdout.write(o.json ? `${JSON.stringify(names)}\n` : names.map((n) => `${n}\n`).join(""));
      }),
    );

  target(topic.command("create").description("Create a topic").argument("<name>", "topic name"))
    .option("--partitions <n>", "partitions", "1")
    .option("--compact", "keep the last record per key (cleanup.policy=compact)")
    .option("--retention <duration>", "delete records older than this, e.g. '7 d' (default: keep forever)")
    .action((name: string, o: Target & { partitions: string; compact?: boolean; retention?: string }) => {
      const partitions = Number(o.partitions);
      if (!Number.isInteger(partitions) || partitions < 1)
        fail(`--partitions must be a positive integer, not '${o.partitions}'`);
      const retentionMs = o.retention === undefined ? null : parseDuration(o.retention);
      if (retentionMs === undefined)
        fail(`--retention must be a duration such as '7 d' or '12 h', not '${o.retention}'`);
      return run(o, async (admin) => {
        await admin.create(name, { partitions, compact: o.compact === true, retentionMs });
        process.stdout.write(`created topic ${name} (${partitions} partition(s)) in ${admin.where}\n`);
      });
    });

  target(
    topic
      .command("describe")
      .description("Partitions, offsets and settings of a topic")
      .argument("<name>", "topic name"),
  )
    .option("--json", "print JSON")
    .action((name: string, o: Target & { json?: boolean }) =>
      run(o, async (admin) => {
        const info = await admin.describe(name);
        if (o.json) {
          process.stdout.write(`${JSON.stringify(info, null, 2)}\n`);
          return;
        }
        const records = info.partitions.reduce((n, p) => n + p.endOffset - p.startOffset, 0);
        process.stdout.write(
          `topic ${info.name} (${admin.where}): ${info.partitions.length} partition(s), ${records} record(s)\n`,
        );
        for (const [key, value] of Object.entries(info.config)) process.stdout.write(`  ${key}=${value}\n`);
        for (const p of info.partitions)
          process.stdout.write(
            `  partition ${p.partition}: offsets ${p.startOffset}..${p.endOffset}${p.leader === undefined ? "" : ` leader ${p.leader}`}\n`,
          );
      }),
    );

  target(
    topic
      .command("produce")
      .description(
        "Produce records: the values given, stdin lines, or a CSV/JSON/Parquet file (--file) with a progress bar",
      )
      .argument("<name>", "topic name")
      .argument("[values...]", "record values (without them: one per stdin line)"),
  )
    .option("--key <key>", "the key of every record")
    .option("--key-separator <sep>", "each value is <key><sep><value>")
    .option(
      "--file <path>",
      "load a CSV, JSON (one value per line, or an array) or Parquet (each row as a JSON object) file",
    )
    .option("--format <format>", "csv, json or parquet (default: from the file's extension)")
    .option("--header", "the CSV file's first row names its columns")
    .option("--key-field <name>", "take each record's key from this JSON field or CSV/Parquet column")
    .action((name: string, values: string[], o: Target & ProduceOptions) =>
      run(o, async (admin) => {
        const records = o.file !== undefined ? await loadFile(o) : await valueRecords(values, o);
        await produceWithProgress(admin, name, records, o.file !== undefined);
        process.stdout.write(`produced ${records.length} record(s) to ${name} (${admin.where})\n`);
      }),
    );

  const consume = (c: Command, follow: boolean) =>
    target(c.argument("<name>", "topic name"))
      .option(
        "--from <position>",
        "earliest, latest, an offset, or @<epoch ms>",
        follow ? "latest" : "earliest",
      )
      .option("--partition <p>", "only this partition")
      .option("--max <n>", "stop after this many records")
      .option("--json", "one JSON object per record")
      .action((name: string, o: Target & ConsumeOptions) =>
        run(o, (admin) => consumeRecords(admin, name, o, follow)),
      );
  consume(topic.command("consume").description("Print a topic's records up to its end offsets"), false);
  consume(topic.command("tail").description("Print records as they arrive (Ctrl-C stops)"), true);
}

interface ProduceOptions {
  readonly key?: string;
  readonly keySeparator?: string;
  readonly file?: string;
  readonly format?: string;
  readonly header?: boolean;
  readonly keyField?: string;
}

interface ConsumeOptions {
  readonly from: string;
  readonly partition?: string;
  readonly max?: string;
  readonly json?: boolean;
}

/** Opens the store or the cluster, runs the work, closes; errors become exit code 1 with their message. */
async function run(target: Target, work: (admin: TopicAdmin) => Promise<void>): Promise<void> {
  if ((target.store === undefined) === (target.bootstrapServers === undefined))
    fail("give the topics' home: --store <dir> or --bootstrap-servers <hosts>");
  let admin: TopicAdmin | undefined;
  try {
    // Each home loads its own client: the Kafka client only for --bootstrap-servers.
    admin =
      target.store !== undefined
        ? new (await import("../../connectors/topics/store-topics.ts")).StoreTopics(target.store)
        : new (await import("../../connectors/topics/kafka-topics.ts")).KafkaTopics(
            target.bootstrapServers!.split(",").map((s) => s.trim()),
          );
    await work(admin);
  } catch (error) {
    process.stderr.write(`headwater topic: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = EXIT_FAILURE;
  } finally {
    await admin?.close();
  }
}

async function loadFile(o: ProduceOptions): Promise<ProducerRecord[]> {
  // DuckDB (Parquet) loads only when a file is loaded.
  const { LOAD_FORMATS, recordsFromFile } = await import("../../connectors/topics/file-records.ts");
  const path = o.file!;
  const extension = path.toLowerCase().split(".").pop() ?? "";
  const format = (
    o.format ?? (extension === "csv" || extension === "parquet" ? extension : "json")
  ).toLowerCase();
  if (!(LOAD_FORMATS as readonly string[]).includes(format))
    fail(`--format must be one of ${LOAD_FORMATS.join(", ")}, not '${o.format}'`);
  return recordsFromFile(path, {
    format: format as LoadFormat,
    header: o.header === true,
    ...(o.keyField === undefined ? {} : { keyField: o.keyField }),
  });
}

async function valueRecords(values: readonly string[], o: ProduceOptions): Promise<ProducerRecord[]> {
  const lines = values.length > 0 ? values : (await readStdin()).split("\n").filter((l) => l !== "");
  const encoder = new TextEncoder();
  return lines.map((line) => {
    if (o.keySeparator !== undefined) {
      const at = line.indexOf(o.keySeparator);
      if (at < 0) throw new Error(`'${line}' has no key separator '${o.keySeparator}'`);
      return {
        key: encoder.encode(line.slice(0, at)),
        value: encoder.encode(line.slice(at + o.keySeparator.length)),
      };
    }
    return { key: o.key === undefined ? null : encoder.encode(o.key), value: encoder.encode(line) };
  });
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Produces in batches; a file load shows a progress bar on a terminal. */
async function produceWithProgress(
  admin: TopicAdmin,
  name: string,
  records: readonly ProducerRecord[],
  progress: boolean,
): Promise<void> {
  const bar =
    progress && process.stderr.isTTY
      ? new SingleBar(
          {
            format: `loading ${name} [{bar}] {value}/{total} records`,
            stream: process.stderr,
            clearOnComplete: true,
          },
          Presets.shades_classic,
        )
      : undefined;
  bar?.start(records.length, 0);
  try {
    for (let i = 0; i < records.length; i += LOAD_BATCH) {
      const batch = records.slice(i, i + LOAD_BATCH);
      await admin.produce(name, batch);
      bar?.increment(batch.length);
    }
  } finally {
    bar?.stop();
  }
}

async function consumeRecords(
  admin: TopicAdmin,
  name: string,
  o: ConsumeOptions,
  follow: boolean,
): Promise<void> {
  const max = o.max === undefined ? Number.POSITIVE_INFINITY : Number(o.max);
  if (!(max > 0)) fail(`--max must be a positive number, not '${o.max}'`);
  const partition = o.partition === undefined ? undefined : Number(o.partition);
  if (partition !== undefined && !(Number.isInteger(partition) && partition >= 0))
    fail(`--partition must be a partition number, not '${o.partition}'`);
  const from = readStart(o.from);
  const abort = new AbortController();
  const stop = () => abort.abort();
  process.once("SIGINT", stop);
  let printed = 0;
  try {
    for await (const batch of admin.read(name, {
      from,
      follow,
      signal: abort.signal,
      ...(partition === undefined ? {} : { partitions: [partition] }),
    })) {
      for (const record of batch) {
        process.stdout.write(`${o.json ? JSON.stringify(jsonRecord(record)) : textRecord(record)}\n`);
        if (++printed >= max) return;
      }
    }
  } finally {
    process.off("SIGINT", stop);
  }
}

function readStart(text: string): ReadStart {
  if (text === "earliest" || text === "latest") return { kind: text };
  if (/^\d+$/.test(text)) return { kind: "offset", offset: Number(text) };
  if (/^@\d+$/.test(text)) return { kind: "timestamp", timestamp: Number(text.slice(1)) };
  return fail(`--from must be earliest, latest, an offset or @<epoch ms>, not '${text}'`);
}

/** Bytes as text when they are UTF-8, otherwise base64 (marked). */
function bytesText(bytes: Uint8Array | null): string | null {
  if (bytes === null) return null;
  try {
    return DECODER.decode(bytes);
  } catch {
    return `base64:${Buffer.from(bytes).toString("base64")}`;
  }
}

function jsonRecord(r: LogRecord) {
  return {
    partition: r.partition,
    offset: r.offset,
    timestamp: r.timestamp,
    key: bytesText(r.key),
    value: bytesText(r.value),
    headers: Object.fromEntries(r.headers.map(([k, v]) => [k, bytesText(v)])),
  };
}

function textRecord(r: LogRecord): string {
  return `${r.partition}:${r.offset}\t${bytesText(r.key) ?? "null"}\t${bytesText(r.value) ?? "null"}`;
}
