import * as fs from "node:fs";
import * as path from "node:path";

/**
 * Names of a statement's checkpoint files: `chk-<id>.snapshot`, written when checkpoint <id> is
 * taken (self-contained, or a delta of its parent), and `base-<id>.snapshot`, the same state written
 * self-contained later by compaction. Restoring a checkpoint reads its base when there is one.
 */
export const CHECKPOINT_FILE = /^chk-(\d+)\.snapshot$/;
export const BASE_FILE = /^base-(\d+)\.snapshot$/;

export const checkpointFileName = (id: number): string => `chk-${id}.snapshot`;
export const baseFileName = (id: number): string => `base-${id}.snapshot`;

/** The file that restores checkpoint `id` in `dir`: its compacted base when it has one. */
export function restorableFile(dir: string, id: number): string {
  const base = path.join(dir, baseFileName(id));
  return fs.existsSync(base) ? base : path.join(dir, checkpointFileName(id));
}

/** The file of a snapshot's parent checkpoint: beside it. */
export function parentFile(file: string, parent: number): string {
  return restorableFile(path.dirname(file), parent);
}
