import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { SpillFolders } from "../../../src/engine/runtime/state/spill-folders.ts";

describe("SpillFolders in a shared folder", () => {
  it("removes the folders of processes that no longer run and keeps those that may", () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), "headwater-spill-folders-"));
    // A process that ran and ended: its id is free (a reused id would only keep the folder).
    const ended = spawnSync(process.execPath, ["-e", ""]).pid!;
    const leftover = path.join(parent, `headwater-spill-${ended}-abc`);
    const running = path.join(parent, `headwater-spill-${process.pid}-abc`);
    const unrelated = path.join(parent, "headwater-spill-notes");
    for (const dir of [leftover, running, unrelated]) {
      fs.mkdirSync(path.join(dir, "1"), { recursive: true });
      fs.writeFileSync(path.join(dir, "1", "state-1.db"), "x");
    }
    const folders = new SpillFolders<string>({ given: parent }, 0);
    // An engine that never spills does not look (it starts without reading the shared folder).
    expect(fs.existsSync(leftover)).toBe(true);
    const spill = folders.create(1024);
    expect(fs.existsSync(leftover)).toBe(false);
    expect(fs.existsSync(running)).toBe(true);
    expect(fs.existsSync(unrelated)).toBe(true);
    spill?.close();
    fs.rmSync(parent, { recursive: true, force: true });
  });
});
