import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type { SqlValue } from "../../../common/value.ts";
import { type SnapshotHeader, writeSnapshotFile } from "./snapshot-file.ts";

const CHECKPOINT_FILE = /^chk-(\d+)\.snapshot$/;

/**
 * Where snapshot files live: `<checkpoints>/<statement>/chk-<id>.snapshot` and
 * `<savepoints>/<statement>/savepoint-<id>.snapshot`. A statement's folder name is its identity with
 * every character outside `[A-Za-z0-9_.-]` percent-encoded (so two identities never share a folder),
 * shortened with a hash past file-name limits.
 */
export class CheckpointStorage {
  readonly checkpointsDir: string;
  readonly savepointsDir: string;

  constructor(checkpointsDir: string, savepointsDir: string) {
    this.checkpointsDir = checkpointsDir;
    this.savepointsDir = savepointsDir;
  }

  checkpointFile(statement: string, id: number): string {
    return path.join(this.checkpointsDir, folderName(statement), `chk-${id}.snapshot`);
  }

  savepointFile(statement: string, id: number): string {
    return path.join(this.savepointsDir, folderName(statement), `savepoint-${id}.snapshot`);
  }

  /** Writes a snapshot file atomically, creating its folder; returns its size. */
  write(file: string, header: SnapshotHeader, state: SqlValue): number {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    return writeSnapshotFile(file, header, state);
  }

  /** Ids of the statement's checkpoint files, ascending (complete or not: the store's marker decides). */
  checkpointIds(statement: string): number[] {
    const dir = path.join(this.checkpointsDir, folderName(statement));
    if (!fs.existsSync(dir)) return [];
    return fs
      .readdirSync(dir)
      .map((name) => CHECKPOINT_FILE.exec(name)?.[1])
      .filter((id): id is string => id !== undefined)
      .map(Number)
      .sort((a, b) => a - b);
  }

  /**
   * After a restart: removes what never completed — files of checkpoints after the last completed
   * one (written, but the crash came before their commit) and temporary files of interrupted writes.
   */
  discardIncomplete(statement: string, completed: number | undefined): void {
    const dir = path.join(this.checkpointsDir, folderName(statement));
    if (!fs.existsSync(dir)) return;
    for (const name of fs.readdirSync(dir)) {
      const id = CHECKPOINT_FILE.exec(name)?.[1];
      if (name.endsWith(".tmp") || (id !== undefined && (completed === undefined || Number(id) > completed)))
        fs.rmSync(path.join(dir, name), { force: true });
    }
  }

  /** Keeps the newest `retained` checkpoints up to `completed`; older files go. */
  retain(statement: string, completed: number, retained: number): void {
    const kept = this.checkpointIds(statement).filter((id) => id <= completed);
    for (const id of kept.slice(0, Math.max(0, kept.length - retained)))
      fs.rmSync(this.checkpointFile(statement, id), { force: true });
  }

  /** Every checkpoint of the statement (its savepoints stay: they are the user's). */
  removeCheckpoints(statement: string): void {
    fs.rmSync(path.join(this.checkpointsDir, folderName(statement)), { recursive: true, force: true });
  }
}

function folderName(statement: string): string {
  const safe = statement.replace(/[^A-Za-z0-9_.-]/g, (c) =>
    [...Buffer.from(c, "utf8")].map((b) => `%${b.toString(16).toUpperCase().padStart(2, "0")}`).join(""),
  );
  // "." and ".." are not folders of their own.
  const named = safe.startsWith(".") ? `%2E${safe.slice(1)}` : safe;
  if (named.length <= 200) return named;
  return `${named.slice(0, 180)}~${createHash("sha256").update(statement).digest("hex").slice(0, 16)}`;
}
