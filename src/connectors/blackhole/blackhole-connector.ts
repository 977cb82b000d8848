import type { ConnectorFactory } from "../framework/connector.ts";
import { checkMetadataColumns, NO_METADATA } from "../framework/metadata.ts";
import { TableOptions } from "../framework/table-options.ts";

/** Flink's `blackhole` connector: accepts every change and keeps none (for benchmarks). */
export const blackholeConnector: ConnectorFactory = {
  name: "blackhole",
  describe(table) {
    const options = new TableOptions(table, "blackhole");
    options.checkKnown([]);
    checkMetadataColumns(options, NO_METADATA, false);
    return { source: undefined, sink: "discard", metadata: NO_METADATA };
  },
};
