// Confluent's wire format for registry-backed records: magic byte 0, the schema id as a 4-byte
// big-endian integer, then the payload (Avro binary, or JSON text for JSON Schema).
import { FieldError } from "../errors.ts";

export const MAGIC_BYTE = 0;
export const HEADER_SIZE = 5;

export function frame(schemaId: number, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(HEADER_SIZE + payload.length);
  out[0] = MAGIC_BYTE;
  new DataView(out.buffer).setInt32(1, schemaId, false);
  out.set(payload, HEADER_SIZE);
  return out;
}

/** The schema id of a framed record; throws a FieldError at offset 0 for unframed bytes. */
export function schemaIdOf(bytes: Uint8Array): number {
  if (bytes.length < HEADER_SIZE) {
    throw new FieldError(
      `a registry record needs at least ${HEADER_SIZE} bytes (magic byte + schema id), got ${bytes.length}`,
      undefined,
      0,
    );
  }
  if (bytes[0] !== MAGIC_BYTE)
    throw new FieldError(
      `unknown magic byte ${bytes[0]} (expected 0, the Confluent wire format)`,
      undefined,
      0,
    );
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getInt32(1, false);
}
