import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseMemorySize } from "../../../connectors/framework/option-values.ts";
import { defaultEncodedBudget, EncodedTierBudget } from "./encoded-tier-budget.ts";
import { StateSpill } from "./state-spill.ts";

/** The session setting of the memory budget of each operator's keyed state. */
export const MEMORY_BUDGET_SETTING = "state.memory-budget";

/** Keyed state beyond the live budgets: the encoded tier's bytes (as counted against its budget), entries on disk. */
export interface StateTierUsage {
  readonly encodedBytes: number;
  readonly spilledEntries: number;
}

/** A spill folder in a shared folder (the system's temporary one) is named by its process: `<prefix><pid>-<time>`. */
const FOLDER_PREFIX = "headwater-spill-";
const FOLDER_NAME = new RegExp(`^${FOLDER_PREFIX}(\\d+)-`);

/**
 * Removes the spill folders that processes which no longer run left in `parent` (a process killed
 * before its jobs ended never removed its own): they can hold gigabytes, and nothing in them is
 * durable. A folder whose process may still run — any process with that id, even another user's —
 * is left alone.
 */
function removeLeftovers(parent: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(parent);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = FOLDER_NAME.exec(name)?.[1];
    if (pid === undefined || processMayRun(Number(pid))) continue;
    fs.rmSync(path.join(parent, name), { recursive: true, force: true });
  }
}

function processMayRun(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== "ESRCH";
  }
}

/**
 * The engine's spill folders, one per job whose statement runs with a memory budget, removed when
 * the job ends. Spill files hold no durable state (checkpoints do): what a crashed process left in
 * `<storeDir>/spill` is removed when the next engine opens the store.
 */
export class SpillFolders<J> {
  private readonly root: string;
  private next = 0;
  private readonly byJob = new Map<J, StateSpill>();
  private readonly encodedTier: EncodedTierBudget | undefined;
  private tables: StateSpill | undefined;
  /** A shared parent folder whose dead processes' spill folders the first spill removes (not start-up work). */
  private leftoversIn: string | undefined;

  /**
   * `root`: a folder the engine owns (`<storeDir>/spill`: emptied now) or is given (left as found).
   * `encodedBudget`: bytes of the encoded tier every spill shares (0: none); by default half the heap.
   */
  constructor(
    root: { readonly owned: string } | { readonly given: string } | undefined,
    encodedBudget?: number,
  ) {
    const encodedBytes = encodedBudget ?? defaultEncodedBudget();
    this.encodedTier = encodedBytes > 0 ? new EncodedTierBudget(encodedBytes) : undefined;
    const folder = `${FOLDER_PREFIX}${process.pid}-${Date.now().toString(36)}`;
    if (root === undefined || "given" in root) {
      const parent = root?.given ?? os.tmpdir();
      this.leftoversIn = parent;
      this.root = path.join(parent, folder);
    } else {
      this.root = root.owned;
      fs.rmSync(this.root, { recursive: true, force: true });
    }
  }

  /** A spill for one job's operators, when the budget (`'state.memory-budget'`, or bytes) is set. */
  create(budget: string | number | undefined): StateSpill | undefined {
    if (budget === undefined) return undefined;
    const bytes = typeof budget === "number" ? budget : parseMemorySize(budget);
    if (bytes === undefined || bytes <= 0)
      throw new Error(`'${MEMORY_BUDGET_SETTING}' = '${budget}': expected a size such as '64 mb'`);
    return this.spillIn(String(++this.next), bytes);
  }

  /**
   * The spill of the engine's in-memory tables (each keyed table's live rows), when the engine has a
   * budget (bytes): one for the engine's life, as its tables.
   */
  forTables(budget: number | undefined): StateSpill | undefined {
    if (budget === undefined) return undefined;
    this.tables ??= this.spillIn("tables", budget);
    return this.tables;
  }

  private spillIn(folder: string, bytes: number): StateSpill {
    if (this.leftoversIn !== undefined) {
      removeLeftovers(this.leftoversIn);
      this.leftoversIn = undefined;
    }
    return new StateSpill(path.join(this.root, folder), bytes, this.encodedTier);
  }

  /** Where keyed state beyond the live budgets is now: bytes of the shared encoded tier, entries on disk. */
  usage(): StateTierUsage {
    let spilledEntries = this.tables?.spilledEntries ?? 0;
    for (const spill of this.byJob.values()) spilledEntries += spill.spilledEntries;
    return { encodedBytes: this.encodedTier?.usedBytes ?? 0, spilledEntries };
  }

  attach(job: J, spill: StateSpill | undefined): void {
    if (spill) this.byJob.set(job, spill);
  }

  /** The job ended: its spill files go. */
  release(job: J): void {
    this.byJob.get(job)?.close();
    this.byJob.delete(job);
  }

  close(): void {
    for (const spill of this.byJob.values()) spill.close();
    this.byJob.clear();
    this.tables?.close();
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}
