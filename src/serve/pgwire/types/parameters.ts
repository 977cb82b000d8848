import {
  BIGINT,
  BLOB,
  BOOLEAN,
  DATE,
  DOUBLE,
  DuckDBBlobValue,
  DuckDBDateValue,
  DuckDBIntervalValue,
  DuckDBListValue,
  DuckDBTimestampTZValue,
  DuckDBTimestampValue,
  DuckDBTimeValue,
  type DuckDBType,
  DuckDBTypeId,
  type DuckDBValue,
  FLOAT,
  INTEGER,
  INTERVAL,
  LIST,
  SMALLINT,
  TIME,
  TIMESTAMP,
  TIMESTAMPTZ,
  VARCHAR,
} from "@duckdb/node-api";
import { PgError, SQLSTATE } from "../errors.ts";
import type { FormatCode } from "../protocol/frontend.ts";
import { decodeNumeric, PG_EPOCH_DAYS, PG_EPOCH_MICROS } from "./binary-format.ts";
import { type ArrayElement, parseArray } from "./pg-array.ts";
import { ELEMENT_OF, PG } from "./pg-type.ts";

/** A parameter value ready to bind, with the DuckDB type it is bound as. */
export interface BoundParameter {
  readonly value: DuckDBValue;
  readonly type: DuckDBType;
}

/**
 * Turns one Bind parameter into a DuckDB value. `expected` is the type DuckDB inferred for the
 * parameter (undefined when it could not, as in `SELECT $1`); `declaredOid` the type the client gave
 * in Parse (0 when none).
 *
 * Text parameters are bound as VARCHAR and DuckDB casts them to the expected type, so its own input
 * rules apply (`12.50` for DECIMAL, `2024-03-01 10:00:00+01` for TIMESTAMP). Three kinds of text
 * DuckDB's casts do not read are converted here: PostgreSQL array literals (`{1,2,3}`), bytea
 * (`\x0102`) and PostgreSQL's boolean spellings (`yes`, `on`). Binary parameters are decoded by their
 * declared type.
 */
export function decodeParameter(
  bytes: Buffer | null,
  format: FormatCode,
  declaredOid: number,
  expected: DuckDBType | undefined,
  index: number,
): BoundParameter {
  const type = expected ?? duckTypeForOid(declaredOid) ?? VARCHAR;
  if (bytes === null) return { value: null, type };
  if (format === 1) return decodeBinary(bytes, declaredOid || oidHint(type), index);
  return decodeText(bytes.toString("utf8"), type, index);
}

function decodeText(text: string, type: DuckDBType, index: number): BoundParameter {
  switch (type.typeId) {
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY: {
      // DuckDB reads its own `[1, 2]` form; PostgreSQL clients send `{1,2}` (maybe after `[1:2]=`).
      if (!/^\s*(\{|\[[^\]]*\]\s*=)/.test(text)) break;
      const elements = parseArray(text);
      return { value: arrayValue(elements), type: varcharListType(depth(elements)) };
    }
    case DuckDBTypeId.BLOB:
      return { value: new DuckDBBlobValue(parseBytea(text, index)), type: BLOB };
    case DuckDBTypeId.BOOLEAN:
      return { value: parseBoolean(text, index), type: BOOLEAN };
    default:
      break;
  }
  return { value: text, type: VARCHAR };
}

function arrayValue(elements: readonly ArrayElement[]): DuckDBListValue {
  return new DuckDBListValue(elements.map((e) => (Array.isArray(e) ? arrayValue(e) : e)));
}

function depth(elements: readonly ArrayElement[]): number {
  const nested = elements.find((e) => Array.isArray(e));
  return 1 + (nested ? depth(nested as ArrayElement[]) : 0);
}

function varcharListType(levels: number): DuckDBType {
  return levels <= 1 ? LIST(VARCHAR) : LIST(varcharListType(levels - 1));
}

function parseBoolean(text: string, index: number): boolean {
  const t = text.trim().toLowerCase();
  if (["t", "true", "y", "yes", "on", "1"].includes(t)) return true;
  if (["f", "false", "n", "no", "off", "0"].includes(t)) return false;
  throw new PgError(SQLSTATE.invalidTextRepresentation, `invalid input syntax for type boolean: "${text}"`, {
    detail: `parameter $${index + 1}`,
  });
}

/** bytea input: `\x` followed by hex digits, or the escape format (`\\` and `\ooo` octal). */
function parseBytea(text: string, index: number): Uint8Array {
  const bad = (): never => {
    throw new PgError(SQLSTATE.invalidTextRepresentation, `invalid input syntax for type bytea`, {
      detail: `parameter $${index + 1}`,
    });
  };
  if (text.startsWith("\\x")) {
    const hex = text.slice(2).replace(/\s/g, "");
    if (hex.length % 2 !== 0 || /[^0-9a-fA-F]/.test(hex)) bad();
    return Buffer.from(hex, "hex");
  }
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== "\\") {
      out.push(...Buffer.from(text[i]!, "utf8"));
    } else if (text[i + 1] === "\\") {
      out.push(0x5c);
      i++;
    } else if (/^[0-3][0-7]{2}$/.test(text.slice(i + 1, i + 4))) {
      out.push(Number.parseInt(text.slice(i + 1, i + 4), 8));
      i += 3;
    } else bad();
  }
  return Uint8Array.from(out);
}

function decodeBinary(bytes: Buffer, oid: number, index: number): BoundParameter {
  const need = (n: number): void => {
    if (bytes.length !== n)
      throw new PgError(
        SQLSTATE.invalidBinaryRepresentation,
        `incorrect binary data format in bind parameter ${index + 1}`,
      );
  };
  switch (oid) {
    case PG.bool.oid:
      need(1);
      return { value: bytes[0] !== 0, type: BOOLEAN };
    case PG.int2.oid:
      need(2);
      return { value: bytes.readInt16BE(0), type: SMALLINT };
    case PG.int4.oid:
    case PG.oid.oid:
      need(4);
      return {
        value: oid === PG.oid.oid ? bytes.readUInt32BE(0) : bytes.readInt32BE(0),
        type: oid === PG.oid.oid ? BIGINT : INTEGER,
      };
    case PG.int8.oid:
      need(8);
      return { value: bytes.readBigInt64BE(0), type: BIGINT };
    case PG.float4.oid:
      need(4);
      return { value: bytes.readFloatBE(0), type: FLOAT };
    case PG.float8.oid:
      need(8);
      return { value: bytes.readDoubleBE(0), type: DOUBLE };
    case PG.numeric.oid:
      if (bytes.length < 8) need(8);
      return { value: decodeNumeric(bytes), type: VARCHAR };
    case PG.bytea.oid:
      return { value: new DuckDBBlobValue(Uint8Array.from(bytes)), type: BLOB };
    case PG.date.oid:
      need(4);
      return { value: new DuckDBDateValue(bytes.readInt32BE(0) + PG_EPOCH_DAYS), type: DATE };
    case PG.time.oid:
      need(8);
      return { value: new DuckDBTimeValue(bytes.readBigInt64BE(0)), type: TIME };
    case PG.timestamp.oid:
      need(8);
      return { value: new DuckDBTimestampValue(bytes.readBigInt64BE(0) + PG_EPOCH_MICROS), type: TIMESTAMP };
    case PG.timestamptz.oid:
      need(8);
      return {
        value: new DuckDBTimestampTZValue(bytes.readBigInt64BE(0) + PG_EPOCH_MICROS),
        type: TIMESTAMPTZ,
      };
    case PG.interval.oid:
      need(16);
      return {
        value: new DuckDBIntervalValue(bytes.readInt32BE(12), bytes.readInt32BE(8), bytes.readBigInt64BE(0)),
        type: INTERVAL,
      };
    case PG.uuid.oid: {
      need(16);
      const h = bytes.toString("hex");
      return {
        value: `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`,
        type: VARCHAR,
      };
    }
    case 0:
    case PG.text.oid:
    case PG.varchar.oid:
    case PG.json.oid:
    case 18: // "char"
    case 19: // name
    case 705: // unknown
    case 1042: // bpchar
      return { value: bytes.toString("utf8"), type: VARCHAR };
    default:
      throw new PgError(
        SQLSTATE.featureNotSupported,
        `binary format is not supported for parameter $${index + 1} of type OID ${oid}${ELEMENT_OF[oid] ? " (an array)" : ""}`,
        { hint: "Send the parameter in text format." },
      );
  }
}

/** The DuckDB type for a parameter type a client declared, when DuckDB itself could not infer one. */
function duckTypeForOid(oid: number): DuckDBType | undefined {
  switch (oid) {
    case PG.bool.oid:
      return BOOLEAN;
    case PG.bytea.oid:
      return BLOB;
    case PG.int2.oid:
      return SMALLINT;
    case PG.int4.oid:
      return INTEGER;
    case PG.int8.oid:
      return BIGINT;
    case PG.float4.oid:
      return FLOAT;
    case PG.float8.oid:
      return DOUBLE;
    case PG.date.oid:
      return DATE;
    case PG.timestamp.oid:
      return TIMESTAMP;
    case PG.timestamptz.oid:
      return TIMESTAMPTZ;
    default: {
      const element = ELEMENT_OF[oid];
      const elementType = element === undefined ? undefined : duckTypeForOid(element);
      return element === undefined ? undefined : LIST(elementType ?? VARCHAR);
    }
  }
}

/** The PostgreSQL type a binary parameter is read as when the client declared none. */
function oidHint(type: DuckDBType): number {
  switch (type.typeId) {
    case DuckDBTypeId.BOOLEAN:
      return PG.bool.oid;
    case DuckDBTypeId.SMALLINT:
      return PG.int2.oid;
    case DuckDBTypeId.INTEGER:
      return PG.int4.oid;
    case DuckDBTypeId.BIGINT:
      return PG.int8.oid;
    case DuckDBTypeId.FLOAT:
      return PG.float4.oid;
    case DuckDBTypeId.DOUBLE:
      return PG.float8.oid;
    case DuckDBTypeId.BLOB:
      return PG.bytea.oid;
    case DuckDBTypeId.DATE:
      return PG.date.oid;
    case DuckDBTypeId.TIMESTAMP:
      return PG.timestamp.oid;
    case DuckDBTypeId.TIMESTAMP_TZ:
      return PG.timestamptz.oid;
    default:
      return PG.text.oid;
  }
}
