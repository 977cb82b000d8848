import * as fs from "node:fs";
import * as path from "node:path";
import { SpillFile } from "../../../store/spill/spill-file.ts";

/**
 * The encoded tier's budget when `'state.encoded-memory-budget'` is not set: this many times the live
 * budget. The live budget counts an entry at its encoded size, while its live objects take 5–8× that
 * (C360's per-operator state report), so at 4× the encoded tier takes at most about as much memory
 * as the live tier really does.
 */
export const ENCODED_BUDGET_FACTOR = 4;

/**
 * Where one statement's operators keep keyed state beyond their live memory budget
 * (`'state.memory-budget'`): the budgets of the two tiers below the live one (see SpillableMap) —
 * encoded in memory, then on disk — and a folder of spill files, one per state that outgrew both,
 * removed when the statement ends.
 */
export class StateSpill {
  /** Bytes of keyed state each operator state keeps live, as objects (estimated from encoded sizes). */
  readonly budgetBytes: number;
  /** Bytes of encoded entries each operator state keeps in memory beyond the live ones (0: none, straight to disk). */
  readonly encodedBudgetBytes: number;
  private readonly dir: string;
  private readonly files: SpillFile[] = [];

  constructor(dir: string, budgetBytes: number, encodedBudgetBytes = budgetBytes * ENCODED_BUDGET_FACTOR) {
    this.dir = dir;
    this.budgetBytes = budgetBytes;
    this.encodedBudgetBytes = encodedBudgetBytes;
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
