import { crc32 } from "node:zlib";

/**
 * CRC-32 (IEEE) of `bytes[start, end)`. Node's zlib implementation is native and several times faster
 * than a JavaScript table loop, which matters because every record is checksummed on write and on read.
 */
export function checksum(bytes: Uint8Array, start: number, end: number): number {
  return crc32(bytes.subarray(start, end));
}
