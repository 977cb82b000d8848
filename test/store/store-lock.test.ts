// One process owns a store directory: another process's open fails while the owner runs (two
// writers would hand out the same offsets), and succeeds once it is gone, even killed with SIGKILL.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { Store, StoreLockedError } from "../../src/store/index.ts";
import { tempDir } from "./temp-dir.ts";

/** Starts the transactional writer fixture on `dir` and resolves once it has the store open. */
function startWriter(dir: string) {
  const script = path.join(import.meta.dirname, "fixtures", "transactional-writer.ts");
  const child = spawn(process.execPath, ["--experimental-strip-types", "--no-warnings", script, dir], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const ready = new Promise<void>((resolve) => {
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.startsWith("ready\n")) resolve();
    });
  });
  return { child, ready, exited };
}

describe("store lock", () => {
  it("refuses a second process while the owner runs, and takes over after it was killed", async () => {
    const dir = tempDir();
    const writer = startWriter(dir);
    await writer.ready;
    try {
      expect(() => Store.open(dir)).toThrow(StoreLockedError);
      expect(() => Store.open(dir)).toThrow(`is in use by process ${writer.child.pid}`);
    } finally {
      writer.child.kill("SIGKILL");
      await writer.exited;
    }
    expect(fs.existsSync(path.join(dir, "LOCK"))).toBe(true); // left behind by the killed owner
    const store = Store.open(dir);
    expect(store.topic("out").partitions).toHaveLength(3);
    store.close();
    expect(fs.existsSync(path.join(dir, "LOCK"))).toBe(false);
  }, 60_000);

  it("lets one process open a store several times, and releases it with the last close", () => {
    const dir = tempDir();
    const a = Store.open(dir);
    const b = Store.open(dir);
    a.close();
    expect(fs.existsSync(path.join(dir, "LOCK"))).toBe(true);
    b.close();
    b.close();
    expect(fs.existsSync(path.join(dir, "LOCK"))).toBe(false);
    // A lock naming a process that no longer exists is stale.
    fs.writeFileSync(path.join(dir, "LOCK"), "999999999 1");
    Store.open(dir).close();
  });
});
