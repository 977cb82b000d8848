import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type { SqlValue } from "../../../common/value.ts";
import {
  BASE_FILE,
  baseFileName,
  CHECKPOINT_FILE,
  checkpointFileName,
  parentFile,
  restorableFile,
} from "./snapshot-chain.ts";
import {
  readSnapshotHeader,
  type SnapshotHeader,
  snapshotChain,
  type WrittenSnapshot,
  writeSnapshotFile,
  writeSnapshotFileInBackground,
} from "./snapshot-file.ts";

/**
 * Where snapshot files live: `<checkpoints>/<statement>/chk-<id>.snapshot` (and `base-<id>.snapshot`,
 * compaction's self-contained copy of an incremental checkpoint: snapshot-chain.ts) and
 * `<savepoints>/<statement>/savepoint-<id>.snapshot`. A statement's folder name is its identity with
 * every character outside `[A-Za-z0-9_.-]` percent-encoded (so two identities never share a folder),
 * shortened with a hash past file-name limits.
 */
export class CheckpointStorage {
  readonly checkpointsDir: string;
  readonly savepointsDir: string;
  /**
   * Per checkpoint file, its parent and size: retention and compaction follow a statement's chain
   * after every checkpoint, and a file never changes once written, so its header is read once (a
   * path written again after a restart, or removed, is forgotten here first).
   */
  private readonly links = new Map<string, ChainLink>();

  constructor(checkpointsDir: string, savepointsDir: string) {
    this.checkpointsDir = checkpointsDir;
    this.savepointsDir = savepointsDir;
  }

  /** The file a checkpoint is written to. */
  checkpointFile(statement: string, id: number): string {
    return path.join(this.statementDir(statement), checkpointFileName(id));
  }

  /** The file compaction writes checkpoint `id`'s whole state to. */
  baseFile(statement: string, id: number): string {
    return path.join(this.statementDir(statement), baseFileName(id));
  }

  /** The file that restores checkpoint `id`: its base when compaction wrote one. */
  restoreFile(statement: string, id: number): string {
    return restorableFile(this.statementDir(statement), id);
  }

  savepointFile(statement: string, id: number): string {
    return path.join(this.savepointsDir, folderName(statement), `savepoint-${id}.snapshot`);
  }

  /** Writes a snapshot file atomically, creating its folder; returns its size. */
  write(file: string, header: SnapshotHeader, state: SqlValue): WrittenSnapshot {
    this.links.delete(file);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    return writeSnapshotFile(file, header, state);
  }

  /** As `write`, the file durable in the background (`durable` settles then). */
  writeInBackground(
    file: string,
    header: SnapshotHeader,
    state: SqlValue,
  ): WrittenSnapshot & { readonly durable: Promise<void> } {
    this.links.delete(file);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    return writeSnapshotFileInBackground(file, header, state);
  }

  /**
   * Ids of the statement's checkpoints that have a file (written, or compacted to a base), ascending;
   * complete or not: the store's marker decides.
   */
  checkpointIds(statement: string): number[] {
    const dir = this.statementDir(statement);
    if (!fs.existsSync(dir)) return [];
    return idsIn(fs.readdirSync(dir));
  }

  /**
   * After a restart: removes what never completed — files of checkpoints after the last completed
   * one (written, but the crash came before their commit) and temporary files of interrupted writes.
   */
  discardIncomplete(statement: string, completed: number | undefined): void {
    const dir = this.statementDir(statement);
    if (!fs.existsSync(dir)) return;
    for (const name of fs.readdirSync(dir)) {
      const id = (CHECKPOINT_FILE.exec(name) ?? BASE_FILE.exec(name))?.[1];
      if (name.endsWith(".tmp") || (id !== undefined && (completed === undefined || Number(id) > completed)))
        this.remove(path.join(dir, name));
    }
  }

  /**
   * Keeps the newest `retained` checkpoints up to `completed` and every file restoring them reads
   * (the chain of an incremental one, or its base); other files of completed checkpoints go — on
   * libuv's thread pool: after a compaction that is fifty unlinks, up to 160 ms on the event loop of
   * a busy disk. Nothing waits for them: no later checkpoint writes a path of a completed one (ids
   * only grow, a base is written once per id), and a file left by a crash goes at the next retention.
   *
   * One listing of the folder, taken before the chains are followed, decides what may go: the
   * compaction thread renames a base into place at any moment, and a base that appeared after the
   * chains were followed would otherwise look unneeded — and go, while the next retention, finding
   * it still there until its unlink ran, removed the chain it replaced.
   */
  retain(statement: string, completed: number, retained: number): void {
    const dir = this.statementDir(statement);
    const names = fs.readdirSync(dir);
    const kept = idsIn(names).filter((id) => id <= completed);
    const needed = new Set<string>();
    for (const id of kept.slice(Math.max(0, kept.length - retained)))
      for (const { file } of this.chain(this.restoreFile(statement, id))) needed.add(path.basename(file));
    for (const name of names) {
      const id = (CHECKPOINT_FILE.exec(name) ?? BASE_FILE.exec(name))?.[1];
      if (id !== undefined && Number(id) <= completed && !needed.has(name))
        this.removeInBackground(path.join(dir, name));
    }
  }

  /**
   * The files restoring checkpoint `id` reads, oldest first, with their sizes: what compaction
   * merges, and how it decides whether to.
   */
  chainOf(statement: string, id: number): ChainLink[] {
    return this.chain(this.restoreFile(statement, id));
  }

  /** Every checkpoint of the statement (its savepoints stay: they are the user's). */
  removeCheckpoints(statement: string): void {
    const dir = this.statementDir(statement);
    for (const file of this.links.keys()) if (path.dirname(file) === dir) this.links.delete(file);
    fs.rmSync(dir, { recursive: true, force: true });
  }

  /** The files restoring `file` reads, oldest first (as snapshotChain, from the headers read before). */
  private chain(file: string): ChainLink[] {
    const chain = [this.link(file)];
    for (let parent = chain[0]!.parent; parent !== undefined; parent = chain[0]!.parent) {
      const parentPath = parentFile(file, parent);
      if (!fs.existsSync(parentPath)) return snapshotChain(file).map((f) => this.link(f)); // its error
      chain.unshift(this.link(parentPath));
      if (chain.length > 100_000) return snapshotChain(file).map((f) => this.link(f));
    }
    return chain;
  }

  private link(file: string): ChainLink {
    let link = this.links.get(file);
    if (link === undefined) {
      const parent = readSnapshotHeader(file).parent;
      link = { file, bytes: fs.statSync(file).size, ...(parent !== undefined ? { parent } : {}) };
      this.links.set(file, link);
    }
    return link;
  }

  private remove(file: string): void {
    this.links.delete(file);
    fs.rmSync(file, { force: true });
  }

  private removeInBackground(file: string): void {
    this.links.delete(file);
    fs.rm(file, { force: true }, () => {});
  }

  private statementDir(statement: string): string {
    return path.join(this.checkpointsDir, folderName(statement));
  }
}

/** A file of a checkpoint chain: its size, and the checkpoint it is a delta of. */
export interface ChainLink {
  readonly file: string;
  readonly bytes: number;
  readonly parent?: number;
}

/** Ids of the checkpoint and base files among a folder's names, ascending. */
function idsIn(names: readonly string[]): number[] {
  const ids = new Set<number>();
  for (const name of names) {
    const id = (CHECKPOINT_FILE.exec(name) ?? BASE_FILE.exec(name))?.[1];
    if (id !== undefined) ids.add(Number(id));
  }
  return [...ids].sort((a, b) => a - b);
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
