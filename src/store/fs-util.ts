import * as fs from "node:fs";

/** Makes a directory's entries (created, renamed, deleted files) durable. */
export function syncDirectory(path: string): void {
  const fd = fs.openSync(path, "r");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Replaces `path` with `bytes` atomically: write a temporary file, fsync it, rename it over. */
export function writeFileAtomic(path: string, bytes: Uint8Array, sync: boolean): void {
  const temporary = `${path}.tmp`;
  const fd = fs.openSync(temporary, "w");
  try {
    fs.writeSync(fd, bytes);
    if (sync) fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temporary, path);
}

/** Reads exactly `length` bytes at `position` into a fresh buffer (fewer only at end of file). */
export function readAt(fd: number, position: number, length: number): Buffer {
  const buf = Buffer.allocUnsafe(length);
  let filled = 0;
  while (filled < length) {
    const n = fs.readSync(fd, buf, filled, length - filled, position + filled);
    if (n === 0) return buf.subarray(0, filled);
    filled += n;
  }
  return buf;
}
