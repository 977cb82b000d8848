import * as fs from "node:fs";
import { syncDirectory } from "../fs-util.ts";
import type { PartitionLog } from "./partition-log.ts";
import { frameIsTombstone, frameKey, frameLength, frameOffset, frameTimestamp } from "./record-codec.ts";
import { Segment } from "./segment.ts";

export interface CompactionResult {
  readonly segmentsRewritten: number;
  readonly recordsRemoved: number;
}

function keyString(key: Uint8Array): string {
  return Buffer.from(key.buffer, key.byteOffset, key.byteLength).toString("latin1");
}

/**
 * Log compaction: in sealed segments, keeps only the last record of each key (the active segment is
 * never rewritten, but its records count as "later"). A tombstone that is the last record of its key
 * is kept for `deleteRetentionMs` after its timestamp, then dropped. Records keep their offsets, so a
 * compacted log has gaps. Records without a key are kept.
 *
 * Each segment is rewritten to `<segment>.cleaned`, synced, then renamed over the original: a crash
 * leaves either the old or the new file, and a leftover `.cleaned` is deleted at open.
 */
export function compactLog(log: PartitionLog, now: number): CompactionResult {
  const sealed = log.segments.slice(0, -1);
  if (sealed.length === 0) return { segmentsRewritten: 0, recordsRemoved: 0 };
  const lastOffsetOfKey = new Map<string, number>();
  for (const segment of log.segments) {
    segment.forEachFrame((bytes, view, pos) => {
      const key = frameKey(bytes, view, pos);
      if (key !== null) lastOffsetOfKey.set(keyString(key), frameOffset(view, pos));
    });
  }
  const tombstoneHorizon = now - log.config.deleteRetentionMs;
  let segmentsRewritten = 0;
  let recordsRemoved = 0;
  for (const segment of sealed) {
    const kept: Buffer[] = [];
    let removed = 0;
    segment.forEachFrame((bytes, view, pos) => {
      const key = frameKey(bytes, view, pos);
      const keep =
        key === null ||
        (lastOffsetOfKey.get(keyString(key)) === frameOffset(view, pos) &&
          !(frameIsTombstone(bytes, pos) && frameTimestamp(view, pos) < tombstoneHorizon));
      if (keep) kept.push(bytes.subarray(pos, pos + frameLength(view, pos)));
      else removed++;
    });
    if (removed === 0) continue;
    recordsRemoved += removed;
    segmentsRewritten++;
    if (kept.length === 0) {
      log.replaceSegment(segment, undefined);
      continue;
    }
    const cleanedPath = `${segment.logPath}.cleaned`;
    const fd = fs.openSync(cleanedPath, "w");
    try {
      fs.writeSync(fd, Buffer.concat(kept));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(cleanedPath, segment.logPath);
    syncDirectory(log.dir);
    fs.rmSync(segment.indexPath, { force: true });
    const replacement = Segment.open(log.dir, segment.baseOffset, log.config.indexIntervalBytes, true);
    log.replaceSegment(segment, replacement);
  }
  return { segmentsRewritten, recordsRemoved };
}
