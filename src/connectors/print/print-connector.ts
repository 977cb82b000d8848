import type { RowKind } from "../../common/changelog.ts";
import type { Row } from "../../common/value.ts";
import type { TableSchema } from "../../sql/catalog/table-schema.ts";
import type { DataType } from "../../sql/types/data-type.ts";
import type { ConnectorContext, ConnectorFactory, SinkRequest, SinkWriter } from "../framework/connector.ts";
import { checkMetadataColumns, NO_METADATA } from "../framework/metadata.ts";
import { TableOptions } from "../framework/table-options.ts";
import { javaRowText } from "./java-text.ts";

const KEYS = ["print-identifier", "standard-error", "sink.parallelism"];

interface PrintSettings {
  readonly identifier: string | undefined;
  readonly standardError: boolean;
}

function readSettings(table: TableSchema): PrintSettings {
  const options = new TableOptions(table, "print");
  const identifier = options.string("print-identifier");
  const standardError = options.boolean("standard-error", false);
  options.integer("sink.parallelism", 1);
  options.checkKnown(KEYS);
  checkMetadataColumns(options, NO_METADATA, false);
  return { identifier: identifier === "" ? undefined : identifier, standardError };
}

/**
 * Flink's `print` connector: every change on its own line as Flink prints it, `+I[1, a]`, `-U[...]`,
 * prefixed with `<print-identifier>> ` when one is set; to stdout, or stderr with `standard-error`.
 */
export const printConnector: ConnectorFactory = {
  name: "print",
  describe(table) {
    readSettings(table);
    return { source: undefined, sink: "retract", metadata: NO_METADATA };
  },
  createWriter(table, request, ctx) {
    return new PrintWriter(table, readSettings(table), request, ctx);
  },
};

class PrintWriter implements SinkWriter {
  private readonly prefix: string;
  private readonly types: readonly DataType[];
  private readonly settings: PrintSettings;
  private readonly ctx: ConnectorContext;

  constructor(table: TableSchema, settings: PrintSettings, request: SinkRequest, ctx: ConnectorContext) {
    this.settings = settings;
    this.ctx = ctx;
    this.prefix = settings.identifier === undefined ? "" : `${settings.identifier}> `;
    this.types = request.columns.map((c) => table.columns[c]!.type);
  }

  async open(): Promise<void> {}

  write(kind: RowKind, row: Row): void {
    this.ctx.print(`${this.prefix}${javaRowText(kind, row, this.types)}`, this.settings.standardError);
  }

  flush(): boolean {
    return false;
  }

  async drain(): Promise<void> {}
  async close(): Promise<void> {}
}
