import type { RowKind } from "../../common/changelog.ts";
import { closestMatch } from "../../common/diagnostic.ts";
import type { Row, SqlValue } from "../../common/value.ts";
import {
  type DecodeMeta,
  type DecodeResult,
  type Deserializer,
  FormatConfigError,
  type FormatOptions,
  formatFor,
  formatNames,
  type Serializer,
} from "../../formats/index.ts";
import type { TableSchema } from "../../sql/catalog/table-schema.ts";
import type { TableOptions } from "./table-options.ts";

/** One side of a record (key or value): its format, the format's options and the physical columns it holds. */
export interface FormatSide {
  /** The format used, after `resolveFormat` (see readRecordLayout). */
  readonly format: string;
  /** The format the table's options name; its options are given under this name. */
  readonly declared: string;
  /** The format's own options, with the `key.`/`value.` prefix removed (`json.fail-on-missing-field`). */
  readonly options: FormatOptions;
  /** Positions in the physical row. */
  readonly columns: readonly number[];
  /** Column names as the format sees them (`key.fields-prefix` removed). */
  readonly names: readonly string[];
}

/** A record's bytes as formats read them. */
export interface RawRecord {
  readonly key: Uint8Array | null;
  readonly value: Uint8Array | null;
}

/** How a table's physical columns map onto record keys and values. */
export interface RecordLayout {
  readonly key: FormatSide | undefined;
  readonly value: FormatSide;
}

/** Positions, in table order, of the physical columns: a physical row holds them in this order. */
export function physicalColumns(table: TableSchema): number[] {
  return table.columns.flatMap((c, i) => (c.origin === "physical" ? [i] : []));
}

/** A format name the formats layer knows, or an error naming the option and the closest name. */
export function checkFormatName(options: TableOptions, key: string, name: string): string {
  if (formatFor(name) !== undefined) return name.trim().toLowerCase();
  const near = closestMatch(name, formatNames());
  throw options.error(
    `option '${key}' = '${name}' names an unknown format${near ? `; did you mean '${near}'?` : ""} (known: ${formatNames().join(", ")})`,
  );
}

/**
 * The options of format `format` given under `prefix` (`value.` → `value.json.x` becomes `json.x`;
 * an empty prefix takes `json.x` as it is).
 */
export function formatOptions(options: TableOptions, prefix: string, format: string): FormatOptions {
  const out: Record<string, string> = {};
  const lead = `${prefix}${format}.`;
  for (const [key, value] of Object.entries(options.values))
    if (key.startsWith(lead)) out[key.slice(prefix.length)] = value;
  return out;
}

/** A physical row's key, for partitioning and upsert state: the values of the key columns. */
export function keyValues(row: Row, columns: readonly number[]): SqlValue[] {
  const key = new Array<SqlValue>(columns.length);
  for (let i = 0; i < columns.length; i++) key[i] = row[columns[i]!] ?? null;
  return key;
}

/**
 * Turns records into physical rows and back, through a table's key and value formats. The value's
 * columns win over the key's where both hold a column (`'value.fields-include' = 'all'`), as in
 * Flink; a format that writes nothing for a row kind (a null value) gives a null value.
 */
export class RecordFormat {
  readonly layout: RecordLayout;
  private readonly width: number;
  private readonly keyReader: Deserializer | undefined;
  private readonly valueReader: Deserializer;
  private readonly keyWriter: Serializer | undefined;
  private readonly valueWriter: Serializer;
  /** Key columns the value does not hold: they come from the record key. */
  private readonly keyOnly: readonly number[];
  private readonly preparedValueIds = new Set<number>();
  private readonly preparedKeyIds = new Set<number>();

  constructor(options: TableOptions, layout: RecordLayout, context: { topic?: string }) {
    this.layout = layout;
    const table = options.table;
    const physical = physicalColumns(table);
    this.width = physical.length;
    const schemaOf = (side: FormatSide) => ({
      columns: side.columns.map((c, i) => ({
        name: side.names[i]!,
        type: table.columns[physical[c]!]!.type,
      })),
    });
    const create = <T>(side: FormatSide, isKey: boolean, make: () => T): T => {
      try {
        return make();
      } catch (error) {
        if (error instanceof FormatConfigError)
          throw options.error(`${isKey ? "key" : "value"} format '${side.format}': ${error.message}`);
        throw error;
      }
    };
    const value = layout.value;
    const valueFormat = formatFor(value.format)!;
    const valueContext = { ...context, isKey: false };
    this.valueReader = create(value, false, () =>
      valueFormat.createDeserializer(schemaOf(value), value.options, valueContext),
    );
    this.valueWriter = create(value, false, () =>
      valueFormat.createSerializer(schemaOf(value), value.options, valueContext),
    );
    const key = layout.key;
    if (key) {
      const keyFormat = formatFor(key.format)!;
      const keyContext = { ...context, isKey: true };
      this.keyReader = create(key, true, () =>
        keyFormat.createDeserializer(schemaOf(key), key.options, keyContext),
      );
      this.keyWriter = create(key, true, () =>
        keyFormat.createSerializer(schemaOf(key), key.options, keyContext),
      );
    }
    this.keyOnly = key ? key.columns.filter((c) => !value.columns.includes(c)) : [];
  }

  /** Key columns (positions in the physical row); empty without a key format. */
  get keyColumns(): readonly number[] {
    return this.layout.key?.columns ?? [];
  }

  /** True when decoding may need an async `prepare` first (registry formats). */
  get needsPrepare(): boolean {
    return this.valueReader.prepare !== undefined || this.keyReader?.prepare !== undefined;
  }

  /** Fetches what registry formats need to decode these records synchronously. */
  async prepareRead(records: readonly RawRecord[]): Promise<void> {
    await Promise.all([
      this.valueReader.prepare?.(records.map((r) => r.value)),
      this.keyReader?.prepare?.(records.map((r) => r.key)),
    ]);
    // Registry formats keep what they fetched: these schema ids decode synchronously from now on.
    for (const r of records) {
      if (this.valueReader.prepare) remember(this.preparedValueIds, r.value);
      if (this.keyReader?.prepare) remember(this.preparedKeyIds, r.key);
    }
  }

  /** True when some record carries a registry schema id not fetched yet (see prepareRead). */
  needsPrepareFor(records: readonly RawRecord[]): boolean {
    if (!this.needsPrepare) return false;
    return records.some(
      (r) =>
        (this.valueReader.prepare !== undefined && unknownId(this.preparedValueIds, r.value)) ||
        (this.keyReader?.prepare !== undefined && unknownId(this.preparedKeyIds, r.key)),
    );
  }

  /** Registers writer schemas of registry formats. */
  async prepareWrite(): Promise<void> {
    await Promise.all([this.valueWriter.prepare?.(), this.keyWriter?.prepare?.()]);
  }

  /**
   * The rows of one record, or an error. A null value decodes to no rows; callers that give tombstones
   * a meaning (upsert) read the key with `decodeKey`.
   */
  decode(key: Uint8Array | null, value: Uint8Array | null, meta: DecodeMeta): DecodeResult {
    const decoded = this.valueReader(value, meta);
    if (decoded.kind === "error" || decoded.rows.length === 0) return decoded;
    const layout = this.layout.value;
    let keyRow: Row | undefined;
    if (this.keyOnly.length > 0) {
      const keyResult = this.decodeKey(key, meta);
      if (keyResult.kind === "error") return keyResult;
      keyRow = keyResult.row;
    }
    const rows = decoded.rows.map((change) => {
      const row = new Array<SqlValue>(this.width).fill(null);
      for (let i = 0; i < layout.columns.length; i++) row[layout.columns[i]!] = change.row[i] ?? null;
      if (keyRow) {
        const keyColumns = this.layout.key!.columns;
        for (let i = 0; i < keyColumns.length; i++)
          if (this.keyOnly.includes(keyColumns[i]!)) row[keyColumns[i]!] = keyRow[i] ?? null;
      }
      return { kind: change.kind, row };
    });
    return { kind: "rows", rows };
  }

  /** The key columns of a record as a physical row (other columns null). */
  decodeKey(
    key: Uint8Array | null,
    meta: DecodeMeta,
  ):
    | { readonly kind: "key"; readonly row: Row; readonly physical: Row }
    | Extract<DecodeResult, { kind: "error" }> {
    const side = this.layout.key;
    if (!side || !this.keyReader) return { kind: "error", message: "the table has no key format" };
    if (key === null) return { kind: "error", message: "the record has no key" };
    const decoded = this.keyReader(key, meta);
    if (decoded.kind === "error") return { ...decoded, message: `key: ${decoded.message}` };
    const row = decoded.rows[0]?.row;
    if (!row) return { kind: "error", message: "key: the key format gave no row" };
    const physical = new Array<SqlValue>(this.width).fill(null);
    for (let i = 0; i < side.columns.length; i++) physical[side.columns[i]!] = row[i] ?? null;
    return { kind: "key", row, physical };
  }

  /** Record key and value for one change of a physical row; `tombstone` writes a null value. */
  encode(kind: RowKind, row: Row, tombstone = false): { key: Uint8Array | null; value: Uint8Array | null } {
    const keySide = this.layout.key;
    const key = keySide && this.keyWriter ? this.keyWriter(kind, keyValues(row, keySide.columns)) : null;
    const value = tombstone ? null : this.valueWriter(kind, keyValues(row, this.layout.value.columns));
    return { key, value };
  }
}

/** CDC formats decode records into every row kind (Debezium, Canal, Maxwell); others into inserts. */
export function isChangelogFormat(name: string): boolean {
  return /^(debezium|canal|maxwell)-/.test(name);
}

/** The schema id of a record in Confluent's wire format (magic byte 0), or undefined. */
function schemaId(bytes: Uint8Array | null): number | undefined {
  if (bytes === null || bytes.length < 5 || bytes[0] !== 0) return undefined;
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getInt32(1, false);
}

function remember(ids: Set<number>, bytes: Uint8Array | null): void {
  const id = schemaId(bytes);
  if (id !== undefined) ids.add(id);
}

/** A framed record whose id is not known yet (unframed bytes fail to decode with their own error). */
function unknownId(ids: ReadonlySet<number>, bytes: Uint8Array | null): boolean {
  const id = schemaId(bytes);
  return id !== undefined && !ids.has(id);
}
