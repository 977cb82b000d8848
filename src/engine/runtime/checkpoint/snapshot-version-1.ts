import { crc32 } from "node:zlib";
import { RowReader } from "../../../store/index.ts";
import { parseHeader, SNAPSHOT_MAGIC, type SnapshotFile, tornSnapshot } from "./snapshot-file.ts";

/**
 * Reads a snapshot file of format version 1, written by Headwater before snapshots were streamed,
 * so checkpoints and savepoints taken then still resume. It was one buffer:
 *
 *   "HWSNAPSH", u16 1, u32 header length, header JSON, u32 body length, body, u32 CRC-32
 */
export function decodeSnapshotVersion1(bytes: Buffer, file: string): SnapshotFile {
  let pos = SNAPSHOT_MAGIC.length + 2;
  const headerLength = bytes.readUInt32LE(pos);
  pos += 4;
  if (pos + headerLength + 4 > bytes.length) throw tornSnapshot(file, "cut short in the header");
  const headerEnd = pos + headerLength;
  const bodyStart = headerEnd + 4;
  const end = bodyStart + bytes.readUInt32LE(headerEnd);
  if (end + 4 > bytes.length) throw tornSnapshot(file, "cut short in the state");
  if (end + 4 < bytes.length) throw tornSnapshot(file, "bytes after the checksum");
  if (crc32(bytes.subarray(0, end)) !== bytes.readUInt32LE(end))
    throw tornSnapshot(file, "checksum mismatch");
  const header = parseHeader(bytes.subarray(pos, headerEnd), file);
  const reader = new RowReader(bytes, bodyStart, end);
  const state = reader.readValue();
  if (!reader.done) throw tornSnapshot(file, "trailing bytes in the state");
  return { header, state, version: 1, tables: 0 };
}
