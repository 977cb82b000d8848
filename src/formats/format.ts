import type { RowKind } from "../common/changelog.ts";
import type { Row } from "../common/value.ts";
import type { DataType } from "../sql/types/data-type.ts";

/** The physical columns a format reads and writes, in table order. */
export interface FormatSchema {
  readonly columns: readonly { readonly name: string; readonly type: DataType }[];
}

/** `'key.format'`/`'value.format'` options with the format's prefix kept (`json.fail-on-missing-field`). */
export type FormatOptions = Readonly<Record<string, string>>;

/** Where a format is used: registry formats derive subjects from it (TopicNameStrategy). */
export interface FormatContext {
  readonly topic?: string;
  readonly isKey?: boolean;
}

/** Position of the bytes being decoded, when the caller knows it (a file line, a topic offset). */
export interface DecodeMeta {
  /** 1-based line of the first line of these bytes in their file. */
  readonly line?: number;
  readonly topic?: string;
  readonly partition?: number;
  readonly offset?: number;
}

export interface ChangeRow {
  readonly kind: RowKind;
  readonly row: Row;
}

/**
 * What decoding one record gives: zero or more changelog rows (a Debezium update gives two, a tombstone
 * none, a JSON array several), or an error saying where and what. Decoders never throw for bad input.
 */
export type DecodeResult =
  | { readonly kind: "rows"; readonly rows: readonly ChangeRow[] }
  | {
      readonly kind: "error";
      readonly message: string;
      /** Path of the field at fault: `amount`, `address.city`, `tags[2]`. */
      readonly field?: string;
      /** Byte (binary formats) or character (text formats) offset in the record. */
      readonly offset?: number;
      /** 1-based line, for line-oriented text. */
      readonly line?: number;
    };

export type Deserializer = ((bytes: Uint8Array | null, meta?: DecodeMeta) => DecodeResult) & {
  /**
   * Registry formats: fetch the writer schemas these records need, so that decoding them stays
   * synchronous. Formats without a registry do not have it.
   */
  readonly prepare?: (records: Iterable<Uint8Array | null>) => Promise<void>;
};

/**
 * Encodes one changelog row. Returns null when the format writes nothing for it (a tombstone, or a
 * row kind the format drops). Throws only for rows the schema cannot hold (a programming error) and
 * for registry formats used before `prepare()`.
 */
export type Serializer = ((kind: RowKind, row: Row) => Uint8Array | null) & {
  /** Registry formats: register or look up the writer schema id before the first encode. */
  readonly prepare?: () => Promise<void>;
};

export interface Format {
  readonly name: string;
  createDeserializer(schema: FormatSchema, options: FormatOptions, context?: FormatContext): Deserializer;
  createSerializer(schema: FormatSchema, options: FormatOptions, context?: FormatContext): Serializer;
}
