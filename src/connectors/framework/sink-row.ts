import type { Row, SqlValue } from "../../common/value.ts";
import type { TableSchema } from "../../sql/catalog/table-schema.ts";
import type { Header } from "../../store/index.ts";
import { metadataKeyOf } from "./metadata.ts";
import { physicalColumns } from "./record-format.ts";

const ENCODER = new TextEncoder();

/**
 * Splits a written row (the table's physical and persisted metadata columns, see SinkRequest) into
 * the physical row a format encodes and the record metadata a log sink writes: `timestamp` and
 * `headers`.
 */
export class SinkRowLayout {
  private readonly physical: readonly number[];
  private readonly timestampAt: number;
  private readonly headersAt: number;

  constructor(table: TableSchema, columns: readonly number[]) {
    const physicalOrder = physicalColumns(table);
    this.physical = physicalOrder.map((c) => columns.indexOf(c));
    this.timestampAt = columns.findIndex((c) => metadataKeyOf(table, c) === "timestamp");
    this.headersAt = columns.findIndex((c) => metadataKeyOf(table, c) === "headers");
  }

  physicalRow(row: Row): Row {
    const out = new Array<SqlValue>(this.physical.length);
    for (let i = 0; i < this.physical.length; i++) out[i] = row[this.physical[i]!] ?? null;
    return out;
  }

  /** The row's `timestamp` metadata, when the table has a persisted one and it is not NULL. */
  timestamp(row: Row): number | undefined {
    const value = this.timestampAt < 0 ? null : row[this.timestampAt];
    return typeof value === "number" ? value : undefined;
  }

  headers(row: Row): Header[] {
    const value = this.headersAt < 0 ? null : row[this.headersAt];
    if (!(value instanceof Map)) return [];
    const out: Header[] = [];
    for (const [name, bytes] of value) {
      if (typeof name !== "string") continue;
      out.push([
        name,
        bytes instanceof Uint8Array ? bytes : ENCODER.encode(bytes === null ? "" : String(bytes)),
      ]);
    }
    return out;
  }
}
