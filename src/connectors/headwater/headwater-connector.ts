import * as fs from "node:fs";
import * as path from "node:path";
import type { TableSchema } from "../../sql/catalog/table-schema.ts";
import type {
  ConnectorContext,
  ConnectorFactory,
  SinkChangelog,
  TableCapabilities,
} from "../framework/connector.ts";
import { checkMetadataColumns, RECORD_METADATA } from "../framework/metadata.ts";
import { TableOptions } from "../framework/table-options.ts";
import { StoreReader } from "./store-reader.ts";
import { readStoreTableSettings } from "./store-table-settings.ts";
import { ensureStoreTopic } from "./store-topic.ts";
import { StoreWriter } from "./store-writer.ts";

const SINK_MODES: Readonly<Record<string, SinkChangelog>> = {
  append: "append",
  upsert: "upsert",
  retract: "retract",
};

/**
 * The embedded store as a table: Confluent Cloud's tables (no `connector` option) and
 * `'connector' = 'headwater'`. A table is a topic of the engine's store; see StoreTableSettings for
 * its options, StoreReader and StoreWriter for how records become changes and back.
 */
export const headwaterConnector: ConnectorFactory = {
  name: "headwater",
  describe(table: TableSchema): TableCapabilities {
    // Formats are built when a reader or writer opens: an in-memory table never encodes a record.
    const settings = readStoreTableSettings(table);
    const options = new TableOptions(table, table.options.connector ?? "confluent");
    checkMetadataColumns(options, RECORD_METADATA, false);
    return {
      source: settings.updating ? "all" : "insert-only",
      sink: SINK_MODES[settings.changelogMode]!,
      metadata: RECORD_METADATA,
    };
  },
  createReader(table, request, ctx) {
    return new StoreReader(table, readStoreTableSettings(table), request, ctx);
  },
  createWriter(table, request, ctx) {
    checkMetadataColumns(
      new TableOptions(table, table.options.connector ?? "confluent"),
      RECORD_METADATA,
      true,
    );
    return new StoreWriter(table, readStoreTableSettings(table), request, ctx);
  },
  async onCreateTable(table: TableSchema, ctx: ConnectorContext): Promise<void> {
    if (ctx.store) ensureStoreTopic(ctx.store, readStoreTableSettings(table));
  },
  async onDropTable(table: TableSchema, ctx: ConnectorContext): Promise<void> {
    const store = ctx.store;
    if (!store) return;
    // Confluent Cloud: DROP TABLE deletes the topic and its data; the served view's state goes too.
    const topic = readStoreTableSettings(table).topic;
    for (const name of [topic, `__pk.${topic}`]) if (store.hasTopic(name)) store.deleteTopic(name);
    fs.rmSync(path.join(store.dir, "pk-snapshots", `__pk.${topic}.snapshot`), { force: true });
  },
};
