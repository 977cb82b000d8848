import * as fs from "node:fs";
import * as path from "node:path";

/**
 * One process owns a store directory at a time: two writers would hand out the same offsets, and
 * opening a store cuts what looks like a torn tail — another process's append in progress. The
 * owner holds `<dir>/LOCK` (its pid and start time); a lock whose process is gone (a crash, a
 * SIGKILL) is taken over. Opens within the owning process share the lock.
 */
const LOCK_FILE = "LOCK";

/** Directories this process holds, with how many open stores use each. */
const held = new Map<string, number>();

export class StoreLockedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StoreLockedError";
  }
}

export function lockStore(dir: string): () => void {
  const key = fs.realpathSync(dir);
  const count = held.get(key) ?? 0;
  if (count === 0) acquire(key);
  held.set(key, count + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (held.get(key) ?? 1) - 1;
    if (left > 0) held.set(key, left);
    else {
      held.delete(key);
      fs.rmSync(path.join(key, LOCK_FILE), { force: true });
    }
  };
}

function acquire(dir: string): void {
  const file = path.join(dir, LOCK_FILE);
  const me = `${process.pid} ${processStart(process.pid) ?? ""}`.trim();
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, me, { flag: "wx" });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const owner = readOwner(file);
    if (owner !== undefined && isAlive(owner.pid, owner.start)) {
      throw new StoreLockedError(
        `store ${dir} is in use by process ${owner.pid}: one process opens a store at a time (stop it, or use another --store directory)`,
      );
    }
    // The owner is gone: its lock is stale.
    fs.rmSync(file, { force: true });
  }
  throw new StoreLockedError(`store ${dir}: could not take its lock ${file}`);
}

function readOwner(file: string): { pid: number; start: string | undefined } | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  const [pid, start] = text.trim().split(/\s+/);
  return Number.isInteger(Number(pid)) ? { pid: Number(pid), start } : undefined;
}

function isAlive(pid: number, start: string | undefined): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  // Same pid, another process (the pid was reused after the owner died)?
  const now = processStart(pid);
  return start === undefined || now === undefined || now === start;
}

/** A process's start time in clock ticks since boot (/proc/<pid>/stat field 22), where /proc exists. */
function processStart(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  } catch {
    return undefined;
  }
}
