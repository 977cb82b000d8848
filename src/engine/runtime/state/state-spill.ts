import * as fs from "node:fs";
import * as path from "node:path";
import { SpillFile } from "../../../store/spill/spill-file.ts";

/**
 * Where one statement's operators spill keyed state beyond their memory budget
 * (`'state.memory-budget'`): a folder of spill files, one per state that outgrew its budget,
 * removed when the statement ends.
 */
export class StateSpill {
  /** Bytes of keyed state each operator state keeps in memory (estimated). */
  readonly budgetBytes: number;
  private readonly dir: string;
  private readonly files: SpillFile[] = [];

  constructor(dir: string, budgetBytes: number) {
    this.dir = dir;
    this.budgetBytes = budgetBytes;
  }

  /** A new spill file. */
  file(): SpillFile {
    fs.mkdirSync(this.dir, { recursive: true });
    const file = SpillFile.create(path.join(this.dir, `state-${this.files.length + 1}.db`));
    this.files.push(file);
    return file;
  }

  /** Entries on disk now, over every file (tests and benches check that state really spilled). */
  get spilledEntries(): number {
    let entries = 0;
    for (const file of this.files) entries += file.size;
    return entries;
  }

  /** Closes and deletes every spill file and the folder. */
  close(): void {
    for (const file of this.files.splice(0)) file.close();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
