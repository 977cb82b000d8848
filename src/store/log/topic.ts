import * as fs from "node:fs";
import * as path from "node:path";
import { writeFileAtomic } from "../fs-util.ts";
import type { FsyncPolicy } from "../fsync-policy.ts";
import { type CompactionResult, compactLog } from "./compaction.ts";
import { DEFAULT_LOG_CONFIG, type LogConfig } from "./log-config.ts";
import { PartitionLog } from "./partition-log.ts";
import { partitionForKey } from "./partitioner.ts";
import type { RecordInput } from "./record.ts";

export interface TopicConfig extends LogConfig {
  readonly partitions: number;
}

export const TOPIC_CONFIG_FILE = "topic.json";
const LEGAL_NAME = /^[A-Za-z0-9._-]{1,249}$/;

export function checkTopicName(name: string): void {
  if (!LEGAL_NAME.test(name) || name === "." || name === "..") {
    throw new Error(`illegal topic name '${name}': use letters, digits, '.', '_' and '-'`);
  }
}

/** A named set of partitions, each an independent log, under `<store>/topics/<name>/`. */
export class Topic {
  readonly name: string;
  readonly config: TopicConfig;
  readonly partitions: readonly PartitionLog[];

  private constructor(name: string, config: TopicConfig, partitions: PartitionLog[]) {
    this.name = name;
    this.config = config;
    this.partitions = partitions;
  }

  /** Creates the topic directory with `config`, or opens it with its saved config. */
  static open(dir: string, name: string, fsync: FsyncPolicy, config?: Partial<TopicConfig>): Topic {
    const configPath = path.join(dir, TOPIC_CONFIG_FILE);
    let resolved: TopicConfig;
    if (fs.existsSync(configPath)) {
      resolved = { ...DEFAULT_LOG_CONFIG, partitions: 1, ...JSON.parse(fs.readFileSync(configPath, "utf8")) };
    } else {
      if (config === undefined) throw new Error(`topic '${name}' does not exist`);
      resolved = { ...DEFAULT_LOG_CONFIG, partitions: 1, ...config };
      if (!Number.isInteger(resolved.partitions) || resolved.partitions < 1) {
        throw new Error(`topic '${name}': partitions must be a positive integer`);
      }
      fs.mkdirSync(dir, { recursive: true });
      writeFileAtomic(configPath, Buffer.from(JSON.stringify(resolved, null, 2)), fsync.kind !== "never");
    }
    const partitions: PartitionLog[] = [];
    for (let p = 0; p < resolved.partitions; p++) {
      partitions.push(PartitionLog.open(path.join(dir, String(p)), resolved, fsync));
    }
    return new Topic(name, resolved, partitions);
  }

  /**
   * Opens a topic another process may be writing, for reading only (see `PartitionLog.openReadOnly`).
   * Undefined while it is being created: no config yet, or a partition without a segment file.
   */
  static openReadOnly(dir: string, name: string): Topic | undefined {
    let text: string;
    try {
      text = fs.readFileSync(path.join(dir, TOPIC_CONFIG_FILE), "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
    const config: TopicConfig = { ...DEFAULT_LOG_CONFIG, partitions: 1, ...JSON.parse(text) };
    const partitions: PartitionLog[] = [];
    for (let p = 0; p < config.partitions; p++) {
      const log = PartitionLog.openReadOnly(path.join(dir, String(p)), config);
      if (log === undefined) {
        for (const opened of partitions) opened.close();
        return undefined;
      }
      partitions.push(log);
    }
    return new Topic(name, config, partitions);
  }

  partition(partition: number): PartitionLog {
    const log = this.partitions[partition];
    if (log === undefined) throw new RangeError(`topic '${this.name}' has no partition ${partition}`);
    return log;
  }

  /** Appends records to one partition with one write; returns their offsets. */
  appendBatch(partition: number, records: readonly RecordInput[]): number[] {
    const first = this.partition(partition).appendBatch(records);
    const offsets = new Array<number>(records.length);
    for (let i = 0; i < records.length; i++) offsets[i] = first + i;
    return offsets;
  }

  /** The partition Kafka's default partitioner would choose for this key. */
  partitionForKey(key: Uint8Array): number {
    return partitionForKey(key, this.partitions.length);
  }

  /** Runs retention (and compaction for `compact` topics) on every partition. */
  runCleanup(now: number): CompactionResult & { readonly segmentsDeleted: number } {
    let segmentsDeleted = 0;
    let segmentsRewritten = 0;
    let recordsRemoved = 0;
    for (const log of this.partitions) {
      segmentsDeleted += log.enforceRetention(now);
      if (this.config.cleanupPolicy === "compact") {
        const result = compactLog(log, now);
        segmentsRewritten += result.segmentsRewritten;
        recordsRemoved += result.recordsRemoved;
      }
    }
    return { segmentsDeleted, segmentsRewritten, recordsRemoved };
  }

  flush(): void {
    for (const log of this.partitions) log.flush();
  }

  close(): void {
    for (const log of this.partitions) log.close();
  }
}
