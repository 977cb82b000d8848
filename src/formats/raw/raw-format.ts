// Flink's 'raw' format (docs/connectors/table/formats/raw.md): the whole record is the one column.
// Text in 'raw.charset' (UTF-8 by default); BYTES as they are; BOOLEAN one byte (0/1); TINYINT one
// signed byte; SMALLINT/INT/BIGINT/FLOAT/DOUBLE fixed-width in 'raw.endianness' (big-endian by
// default). A NULL value is a null record (a tombstone to upsert-kafka) and back.
import type { SqlValue } from "../../common/value.ts";
import type { DataType } from "../../sql/types/data-type.ts";
import { formatDataType } from "../../sql/types/format-type.ts";
import { FormatConfigError } from "../errors.ts";
import type {
  DecodeResult,
  Deserializer,
  Format,
  FormatOptions,
  FormatSchema,
  Serializer,
} from "../format.ts";
import { OptionReader } from "../options.ts";
import { charsetFor } from "./raw-charset.ts";

interface RawCodec {
  /** Returns the value or an error message. */
  decode(bytes: Uint8Array): SqlValue | { error: string };
  encode(value: SqlValue): Uint8Array;
}

const WIDTH: Partial<Record<DataType["kind"], number>> = {
  BOOLEAN: 1,
  TINYINT: 1,
  SMALLINT: 2,
  INT: 4,
  BIGINT: 8,
  FLOAT: 4,
  DOUBLE: 8,
};

function onlyColumn(schema: FormatSchema): { name: string; type: DataType } {
  const [column, ...rest] = schema.columns;
  if (column === undefined || rest.length > 0) {
    throw new FormatConfigError(
      `the raw format needs exactly one physical column, got ${schema.columns.length} (${schema.columns.map((c) => c.name).join(", ")})`,
    );
  }
  return column;
}

function codecFor(type: DataType, options: FormatOptions): RawCodec {
  const reader = new OptionReader("raw", options);
  const littleEndian =
    reader.choice("endianness", ["big-endian", "little-endian"], "big-endian") === "little-endian";
  switch (type.kind) {
    case "CHAR":
    case "VARCHAR": {
      const charset = charsetFor(reader.string("charset") ?? "UTF-8");
      return { decode: (bytes) => charset.decode(bytes), encode: (v) => charset.encode(v as string) };
    }
    case "BINARY":
    case "VARBINARY":
      return { decode: (bytes) => bytes, encode: (v) => v as Uint8Array };
    default:
      return numericCodec(type, littleEndian);
  }
}

function numericCodec(type: DataType, littleEndian: boolean): RawCodec {
  const width = WIDTH[type.kind];
  if (width === undefined)
    throw new FormatConfigError(`the raw format does not support ${formatDataType(type)}`);
  const get = (view: DataView): SqlValue | { error: string } => {
    switch (type.kind) {
      case "BOOLEAN":
        return view.getUint8(0) !== 0;
      case "TINYINT":
        return view.getInt8(0);
      case "SMALLINT":
        return view.getInt16(0, littleEndian);
      case "INT":
        return view.getInt32(0, littleEndian);
      case "BIGINT": {
        const value = view.getBigInt64(0, littleEndian);
        if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
          return { error: `BIGINT ${value} is beyond ±2^53, the run-time range of BIGINT` };
        }
        return Number(value);
      }
      case "FLOAT":
        return view.getFloat32(0, littleEndian);
      default:
        return view.getFloat64(0, littleEndian);
    }
  };
  const set = (view: DataView, v: SqlValue): void => {
    switch (type.kind) {
      case "BOOLEAN":
        view.setUint8(0, v ? 1 : 0);
        break;
      case "TINYINT":
        view.setInt8(0, v as number);
        break;
      case "SMALLINT":
        view.setInt16(0, v as number, littleEndian);
        break;
      case "INT":
        view.setInt32(0, v as number, littleEndian);
        break;
      case "BIGINT":
        view.setBigInt64(0, BigInt(v as number), littleEndian);
        break;
      case "FLOAT":
        view.setFloat32(0, v as number, littleEndian);
        break;
      default:
        view.setFloat64(0, v as number, littleEndian);
    }
  };
  return {
    decode: (bytes) => {
      if (bytes.length !== width) {
        return {
          error: `${formatDataType({ ...type, nullable: true })} needs ${width} bytes, the record has ${bytes.length}`,
        };
      }
      return get(new DataView(bytes.buffer, bytes.byteOffset, width));
    },
    encode: (v) => {
      const out = new Uint8Array(width);
      set(new DataView(out.buffer), v);
      return out;
    },
  };
}

function isError(value: SqlValue | { error: string }): value is { error: string } {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Uint8Array) &&
    !(value instanceof Map)
  );
}

export const rawFormat: Format = {
  name: "raw",
  createDeserializer(schema: FormatSchema, options: FormatOptions): Deserializer {
    const column = onlyColumn(schema);
    const codec = codecFor(column.type, options);
    return (bytes): DecodeResult => {
      if (bytes === null) return { kind: "rows", rows: [{ kind: "+I", row: [null] }] };
      const value = codec.decode(bytes);
      if (isError(value))
        return {
          kind: "error",
          message: `raw: column '${column.name}': ${value.error}`,
          field: column.name,
          offset: 0,
        };
      return { kind: "rows", rows: [{ kind: "+I", row: [value] }] };
    };
  },
  createSerializer(schema: FormatSchema, options: FormatOptions): Serializer {
    const codec = codecFor(onlyColumn(schema).type, options);
    return (_kind, row) => {
      const value = row[0] ?? null;
      return value === null ? null : codec.encode(value);
    };
  },
};
