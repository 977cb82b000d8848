// Avro `long` for the engine's BIGINT. avsc's own long computes zig-zag varints in doubles, which is
// exact only within ±2^52 on writes and reports a bare "potential precision loss" on reads beyond
// 2^53. This long type goes through avsc's 8-byte two's-complement hook instead: every BIGINT the
// engine holds (±(2^53 − 1), see common/value.ts) is written and read exactly, and a long beyond
// that range is refused with its exact value, never rounded.
import avro from "avsc";

const TWO_32 = 2 ** 32;
/** High 32-bit words whose longs a double holds exactly: |n| < 2^53. */
const HIGH_LIMIT = 2 ** 21;

function fromBuffer(buffer: Buffer): number {
  const low = buffer.readUInt32LE(0);
  const high = buffer.readInt32LE(4);
  if (high >= -HIGH_LIMIT && high < HIGH_LIMIT) {
    const value = high * TWO_32 + low;
    if (Number.isSafeInteger(value)) return value;
  }
  throw new Error(
    `long ${buffer.readBigInt64LE(0)} is outside ±(2^53 − 1), the BIGINT range Headwater runs with`,
  );
}

/** One scratch buffer: avsc packs it into the output at once (and inverts it in place). */
const scratch = Buffer.alloc(8);

function toBuffer(value: number): Buffer {
  const high = Math.floor(value / TWO_32);
  scratch.writeUInt32LE(value - high * TWO_32, 0);
  scratch.writeInt32LE(high, 4);
  return scratch;
}

const isValid = (value: unknown): boolean => typeof value === "number" && Number.isSafeInteger(value);

/** The long type every Avro schema of the formats layer is built with (avsc `registry` hook). */
export const EXACT_LONG: avro.Type = avro.types.LongType.__with({
  fromBuffer,
  toBuffer,
  fromJSON: Number,
  toJSON: (value: number) => value,
  isValid,
  compare: (a: number, b: number) => (a === b ? 0 : a < b ? -1 : 1),
});
