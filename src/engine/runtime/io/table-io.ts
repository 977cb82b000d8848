import {
  type ConnectorContext,
  ConnectorError,
  catalogTableOf,
  connectorOf,
  isStoreTable,
  parseDuration,
  physicalColumns,
  type RecordReader,
  readFileTable,
  type SinkWriter,
  type SourceSplit,
  type StoreTableView,
} from "../../../connectors/index.ts";
import type { TableSchema } from "../../../sql/catalog/table-schema.ts";
import type { Store, Transaction } from "../../../store/index.ts";
import type { SinkNode, TableSourceScanNode } from "../../plan/physical/exec-node.ts";
import type { PhysicalPlan } from "../../plan/physical/infer-changelog-mode.ts";
import { sinkChangelog } from "../../plan/physical/table-changelog.ts";
import { needsUpsertMaterializer } from "../../plan/physical/upsert-materializer.ts";
import { PlanError } from "../../plan/plan-error.ts";
import { writableColumns } from "../../plan/plan-statement.ts";
import type { EvalContext } from "../expr/index.ts";
import type { LookupSource } from "../lookup-source.ts";
import type { MemoryTables } from "../memory-table.ts";
import type { SourceReader } from "../operator.ts";
import { MemoryTableWriter } from "../sinks/memory-table-writer.ts";
import { TableSink, type TableSinkMode } from "../sinks/table-sink.ts";
import { KeyedUpsertRows } from "../sources/keyed-upsert-rows.ts";
import { metadataKeysOf, ScanRowBuilder, WatermarkGenerator } from "../sources/scan-row.ts";
import { TableReader } from "../sources/table-reader.ts";
import type { StateSpill } from "../state/state-spill.ts";
import { SplitWatermarks } from "../time/split-watermarks.ts";
import { ConnectorSourceReader } from "./connector-source-reader.ts";
import { FileLookupSource } from "./file-lookup-source.ts";
import { StoreLookupSource } from "./store-lookup-source.ts";

/** What reading and writing tables needs from the engine. */
export interface TableIo {
  readonly ctx: EvalContext;
  readonly tables: MemoryTables;
  /** The embedded store; without one, store tables are in-memory tables. */
  readonly store: Store | undefined;
  /** The served view of a table of the embedded store (one per table, shared with `Engine.table`). */
  readonly storeView: (table: TableSchema) => StoreTableView;
  readonly connectors: ConnectorContext;
  readonly clock: () => number;
  /** `table.exec.source.idle-timeout` when the statement started (ms). */
  readonly idleTimeout: number | undefined;
  /** The share of each source's splits this instance reads, in a parallel statement's worker. */
  readonly split?: SourceSplit;
  /**
   * Under checkpointing: the statement's identity (Kafka sinks' transactions are named after it) and
   * its open store transaction, which store sinks write into.
   */
  readonly checkpointing?: { readonly statement: string; readonly transaction: () => Transaction };
}

/** A statement's connector readers and writers, opened before it runs and closed when it ends. */
export interface PipelineIo {
  readonly readers: RecordReader[];
  readonly writers: SinkWriter[];
}

/** True when the table lives in memory: a store table of an engine without a store directory. */
export function isMemoryTable(table: TableSchema, io: TableIo): boolean {
  return io.store === undefined && isStoreTable(table);
}

/** What a lookup join probes: an in-memory table, a filesystem table's files, or a store table's view. */
export function lookupSourceOf(table: TableSchema, stored: readonly number[], io: TableIo): LookupSource {
  if (isMemoryTable(table, io)) return io.tables.get(catalogTableOf(table), stored);
  if (connectorOf(table).name === "filesystem")
    return guard(() => new FileLookupSource(() => readFileTable(table, io.connectors), io.clock));
  return new StoreLookupSource(io.storeView(catalogTableOf(table)), table, stored);
}

/** The reader of a scan: an in-memory table's changelog, or the table's connector. */
export function createScanReader(
  node: TableSourceScanNode,
  description: string,
  io: TableIo & { readonly spill?: StateSpill },
  pipeline: PipelineIo,
): SourceReader {
  const table = node.table;
  const strategy = node.expressions.watermark;
  if (isMemoryTable(table, io)) {
    const stored = writableColumns(table);
    const rows = new ScanRowBuilder(table, node.expressions, node.fields, io.ctx, stored, ["timestamp"]);
    const watermarks = strategy ? new WatermarkGenerator(strategy, node.fields, io.ctx) : undefined;
    return new TableReader(description, io.tables.get(catalogTableOf(table), stored), rows, watermarks);
  }
  const factory = connectorOf(table);
  if (!factory.createReader)
    throw new PlanError(
      `table '${table.path.join(".")}' cannot be read: connector '${factory.name}' only writes`,
    );
  const metadataKeys = metadataKeysOf(table);
  const reader = guard(() =>
    factory.createReader!(
      table,
      {
        metadataKeys,
        ...(io.split ? { split: io.split } : {}),
        upsertRows: () => new KeyedUpsertRows(io.spill),
      },
      io.connectors,
    ),
  );
  pipeline.readers.push(reader);
  const physical = physicalColumns(table);
  const rows = new ScanRowBuilder(table, node.expressions, node.fields, io.ctx, physical, metadataKeys);
  const idleTimeout = tableIdleTimeout(table) ?? io.idleTimeout;
  const watermarks = strategy
    ? new SplitWatermarks(() => new WatermarkGenerator(strategy, node.fields, io.ctx), idleTimeout)
    : undefined;
  return new ConnectorSourceReader(description, reader, rows, physical.length, watermarks, io.clock);
}

/** The sink operator of an INSERT, writing through the table's connector (or into memory). */
export function createTableSink(
  plan: PhysicalPlan,
  description: string,
  io: TableIo & { readonly spill?: StateSpill },
  pipeline: PipelineIo,
): TableSink {
  const node = plan.node as SinkNode;
  const table = node.table;
  const accepts = sinkChangelog(table);
  const mode: TableSinkMode =
    accepts === "upsert" ? (needsUpsertMaterializer(plan) ? "materialize" : "upsert") : accepts;
  let writer: SinkWriter | undefined;
  if (accepts === "discard") writer = undefined;
  else if (isMemoryTable(table, io))
    writer = new MemoryTableWriter(io.tables.get(catalogTableOf(table), node.targetColumns), io.clock);
  else {
    const factory = connectorOf(table);
    if (!factory.createWriter)
      throw new PlanError(
        `table '${table.path.join(".")}' cannot be written: connector '${factory.name}' only reads`,
      );
    writer = guard(() =>
      factory.createWriter!(
        table,
        {
          columns: node.targetColumns,
          mode: accepts,
          ...(io.checkpointing
            ? {
                transaction: io.checkpointing.transaction,
                exactlyOnce: { statement: io.checkpointing.statement },
              }
            : {}),
        },
        io.connectors,
      ),
    );
  }
  if (writer) pipeline.writers.push(writer);
  return new TableSink(
    {
      description,
      mode,
      ...(node.primaryKey ? { primaryKey: node.primaryKey } : {}),
      ...(io.spill ? { spill: io.spill } : {}),
    },
    writer,
  );
}

/** `scan.watermark.idle-timeout` of the table, already validated by its connector. */
function tableIdleTimeout(table: TableSchema): number | undefined {
  const text = table.options["scan.watermark.idle-timeout"];
  return text === undefined ? undefined : parseDuration(text);
}

/** Connector configuration errors surface as plan errors of the statement. */
function guard<T>(create: () => T): T {
  try {
    return create();
  } catch (error) {
    if (error instanceof ConnectorError) throw new PlanError(error.message);
    throw error;
  }
}
