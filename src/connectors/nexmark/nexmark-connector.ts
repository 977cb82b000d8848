import type { Row } from "../../common/value.ts";
import type { TableSchema } from "../../sql/catalog/table-schema.ts";
import type { ConnectorFactory } from "../framework/connector.ts";
import { GeneratorReader } from "../framework/generator-reader.ts";
import { checkMetadataColumns, NO_METADATA } from "../framework/metadata.ts";
import { physicalColumns } from "../framework/record-format.ts";
import { TableOptions } from "../framework/table-options.ts";
import { NexmarkGenerator } from "./generator.ts";
import { NexmarkOptionError, type NexmarkOptions, parseNexmarkOptions } from "./options.ts";
import { NEXMARK_COLUMNS } from "./schema.ts";

/** The physical columns a nexmark table must have, in order (`dateTime` is computed by the table). */
const PHYSICAL = NEXMARK_COLUMNS.filter((c) => c.computed === undefined).map((c) => c.name);

function readOptions(table: TableSchema): NexmarkOptions {
  const options = new TableOptions(table, "nexmark");
  checkMetadataColumns(options, NO_METADATA, false);
  const names = physicalColumns(table).map((c) => table.columns[c]!.name);
  if (
    names.length !== PHYSICAL.length ||
    names.some((n, i) => n.toLowerCase() !== PHYSICAL[i]!.toLowerCase())
  )
    throw options.error(
      `a nexmark table has the physical columns ${PHYSICAL.join(", ")} (see NEXMARK_TABLE_SQL), got ${names.join(", ") || "none"}`,
    );
  try {
    return parseNexmarkOptions(table.options);
  } catch (error) {
    if (error instanceof NexmarkOptionError) throw options.error(error.message);
    throw error;
  }
}

/**
 * Flink's nexmark connector (`events.num`, `first-event.rate`, `next-event.rate`, the person/auction/bid
 * proportions, ...) over the project's deterministic generator: the same events the benchmark oracles
 * use. With `max-emit-speed` = false, event N is emitted at (its timestamp − base time) after the
 * start, in wall-clock time; otherwise as fast as the engine reads.
 */
export const nexmarkConnector: ConnectorFactory = {
  name: "nexmark",
  describe(table) {
    readOptions(table);
    return { source: "insert-only", sink: undefined, metadata: NO_METADATA };
  },
  readsSplits: true,
  createReader(table, request, ctx) {
    const generator = new NexmarkGenerator(readOptions(table));
    const options = generator.options;
    const width = PHYSICAL.length;
    return new GeneratorReader(
      {
        total: generator.eventCount,
        rowAt: (index): Row => {
          const event = generator.event(index);
          event.length = width;
          return event;
        },
        ...(options.maxEmitSpeed
          ? {}
          : { dueAt: (index: number) => generator.layout.timestamp(index) - options.baseTime }),
      },
      ctx,
      request.split,
    );
  },
};
