import { closestMatch } from "../../common/diagnostic.ts";
import type { TableSchema } from "../../sql/catalog/table-schema.ts";
import type { DataType } from "../../sql/types/data-type.ts";
import type { TableOptions } from "./table-options.ts";

/** A metadata key a connector offers (`METADATA FROM 'offset'`), with its type and whether INSERT may set it. */
export interface MetadataKey {
  readonly name: string;
  readonly type: DataType;
  readonly writable: boolean;
}

const notNull = <T extends DataType>(type: T): T => ({ ...type, nullable: false });
const STRING: DataType = { kind: "VARCHAR", length: 2147483647, nullable: true };
const BYTES: DataType = { kind: "VARBINARY", length: 2147483647, nullable: true };

/**
 * The record metadata of Flink's Kafka connector (docs/connectors/table/kafka.md, "Available
 * Metadata"), which the embedded store's records carry too, plus `key`: the record key's raw bytes.
 */
export const RECORD_METADATA: readonly MetadataKey[] = [
  { name: "topic", type: notNull(STRING), writable: false },
  { name: "partition", type: { kind: "INT", nullable: false }, writable: false },
  { name: "headers", type: { kind: "MAP", key: STRING, value: BYTES, nullable: false }, writable: true },
  { name: "leader-epoch", type: { kind: "INT", nullable: true }, writable: false },
  { name: "offset", type: { kind: "BIGINT", nullable: false }, writable: false },
  { name: "timestamp", type: { kind: "TIMESTAMP_LTZ", precision: 3, nullable: false }, writable: true },
  { name: "timestamp-type", type: notNull(STRING), writable: false },
  { name: "key", type: BYTES, writable: false },
];

/** Sources that are not logs still know when a row was produced (Flink's datagen has no metadata). */
export const NO_METADATA: readonly MetadataKey[] = [];

/**
 * Every metadata column must name a key the connector offers. Non-virtual (persisted) ones are
 * written by INSERT, so when the table is written they must be writable keys, as Flink checks.
 */
export function checkMetadataColumns(
  options: TableOptions,
  offered: readonly MetadataKey[],
  writing: boolean,
): void {
  for (const column of options.table.columns) {
    if (column.origin !== "metadata") continue;
    const key = column.metadataKey ?? column.name;
    const found = offered.find((m) => m.name === key);
    if (found === undefined) {
      const near = closestMatch(
        key,
        offered.map((m) => m.name),
      );
      const available = offered.length === 0 ? "none" : offered.map((m) => `'${m.name}'`).join(", ");
      throw options.error(
        `metadata column '${column.name}' reads key '${key}', which connector '${options.connector}' does not offer${near ? `; did you mean '${near}'?` : ""} (available: ${available})`,
      );
    }
    if (writing && !column.virtual && !found.writable)
      throw options.error(
        `metadata column '${column.name}' (key '${key}') cannot be written; declare it VIRTUAL (writable keys: ${offered
          .filter((m) => m.writable)
          .map((m) => `'${m.name}'`)
          .join(", ")})`,
      );
  }
}

/** The metadata key each column of the table reads; undefined for physical and computed columns. */
export function metadataKeyOf(table: TableSchema, column: number): string | undefined {
  const c = table.columns[column]!;
  if (c.origin === "metadata") return c.metadataKey ?? c.name;
  if (c.origin === "system") return c.metadataKey ?? "timestamp";
  return undefined;
}
