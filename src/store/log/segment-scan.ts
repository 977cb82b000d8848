import { readAt } from "../fs-util.ts";
import {
  checkFrame,
  FRAME_CORRUPT,
  FRAME_HEADER_BYTES,
  FRAME_INCOMPLETE,
  frameLength,
  viewOf,
} from "./record-codec.ts";

const SCAN_CHUNK_BYTES = 4 * 1024 * 1024;

/** Called per frame; return false to stop before this frame (it is then treated as invalid). */
export type FrameVisitor = (bytes: Buffer, view: DataView, pos: number, filePosition: number) => boolean;

/**
 * Walks the frames of a segment file from `from` to `end` with large sequential reads, checking
 * lengths (and checksums when `verify`). Returns the file position just after the last accepted frame:
 * equal to `end` when everything is intact, smaller when a frame is torn, corrupt or rejected.
 */
export function scanFrames(
  fd: number,
  from: number,
  end: number,
  verify: boolean,
  visit: FrameVisitor,
): number {
  let chunkStart = from;
  let limit = end;
  let want = SCAN_CHUNK_BYTES;
  while (chunkStart < limit) {
    const asked = Math.min(want, limit - chunkStart);
    const bytes = readAt(fd, chunkStart, asked);
    if (bytes.length < asked) limit = chunkStart + bytes.length; // the file is shorter than believed
    const view = viewOf(bytes);
    let pos = 0;
    for (;;) {
      const next = checkFrame(bytes, view, pos, bytes.length, verify);
      if (next === FRAME_CORRUPT) return chunkStart + pos;
      if (next === FRAME_INCOMPLETE) break;
      if (!visit(bytes, view, pos, chunkStart + pos)) return chunkStart + pos;
      pos = next;
    }
    if (pos === 0) {
      // One frame larger than the chunk: read it whole, unless the file ends inside it (a torn write).
      if (bytes.length < FRAME_HEADER_BYTES) return chunkStart;
      const needed = frameLength(view, 0);
      if (chunkStart + needed > limit) return chunkStart;
      want = needed;
      continue;
    }
    want = SCAN_CHUNK_BYTES;
    chunkStart += pos;
  }
  return chunkStart;
}
