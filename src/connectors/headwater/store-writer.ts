import type { RowKind } from "../../common/changelog.ts";
import type { Row, SqlValue } from "../../common/value.ts";
import type { TableSchema } from "../../sql/catalog/table-schema.ts";
import type { RecordInput, Topic } from "../../store/index.ts";
import type { ConnectorContext, SinkRequest, SinkWriter } from "../framework/connector.ts";
import { RecordFormat } from "../framework/record-format.ts";
import { SinkRowLayout } from "../framework/sink-row.ts";
import { TableOptions } from "../framework/table-options.ts";
import { requireStore } from "./store-reader.ts";
import { ROW_KIND_HEADER, type StoreTableSettings } from "./store-table-settings.ts";
import { ensureStoreTopic } from "./store-topic.ts";

const ENCODER = new TextEncoder();

/**
 * Writes a store-backed table: each change becomes a record of its topic, keyed by the table's key
 * columns (partition by Kafka's murmur2 of the key bytes; round robin without a key). Upsert tables
 * write a key's new row, or a tombstone for a delete; retract tables write every change with its
 * row kind in the `__op` header. The record timestamp is the row's `timestamp` metadata column
 * when it has one, otherwise the processing time.
 *
 * Records are buffered per partition and appended with one write per partition at `flush`.
 */
export class StoreWriter implements SinkWriter {
  private readonly table: TableSchema;
  private readonly settings: StoreTableSettings;
  private readonly request: SinkRequest;
  private readonly ctx: ConnectorContext;
  private readonly rows: SinkRowLayout;
  private topic: Topic | undefined;
  private format: RecordFormat | undefined;
  private pending: RecordInput[][] = [];
  private nextPartition = 0;

  constructor(table: TableSchema, settings: StoreTableSettings, request: SinkRequest, ctx: ConnectorContext) {
    this.table = table;
    this.settings = settings;
    this.request = request;
    this.ctx = ctx;
    this.rows = new SinkRowLayout(table, request.columns);
  }

  async open(): Promise<void> {
    const topic = ensureStoreTopic(requireStore(this.ctx.store, this.table), this.settings);
    this.topic = topic;
    const options = new TableOptions(this.table, this.table.options.connector ?? "confluent");
    this.format = new RecordFormat(options, this.settings.layout(this.ctx.schemaRegistryUrl), {
      topic: topic.name,
    });
    await this.format.prepareWrite();
    this.pending = topic.partitions.map(() => []);
  }

  write(kind: RowKind, row: Row): void {
    const physical = this.rows.physicalRow(row);
    const tombstone = this.request.mode === "upsert" && kind === "-D";
    const { key, value } = this.format!.encode(kind, physical, tombstone);
    const headers = this.rows.headers(row);
    if (this.request.mode === "retract") headers.push([ROW_KIND_HEADER, ENCODER.encode(kind)]);
    const topic = this.topic!;
    const partition =
      key !== null ? topic.partitionForKey(key) : this.nextPartition++ % topic.partitions.length;
    this.pending[partition]!.push({
      key,
      value,
      headers,
      timestamp: this.rows.timestamp(row) ?? this.ctx.clock(),
    });
  }

  flush(): boolean {
    let wrote = false;
    const topic = this.topic;
    if (!topic) return false;
    // Under checkpoints, records wait in the statement's transaction until the checkpoint commits it.
    const transaction = this.request.transaction?.();
    this.pending.forEach((records, partition) => {
      if (records.length === 0) return;
      if (transaction) transaction.append(topic.name, partition, records);
      else topic.appendBatch(partition, records);
      this.pending[partition] = [];
      wrote = true;
    });
    return wrote && transaction === undefined;
  }

  snapshot(): SqlValue {
    return this.nextPartition;
  }

  restore(state: SqlValue): void {
    this.nextPartition = state as number;
  }

  async drain(): Promise<void> {
    this.flush();
  }

  async close(): Promise<void> {
    this.flush();
  }
}
