import * as fs from "node:fs";
import * as path from "node:path";
import { SpillFile } from "../../../store/spill/spill-file.ts";
import type { EncodedTierBudget, EncodedTierMember } from "./encoded-tier-budget.ts";

/**
 * Where one statement's operators (or an engine's in-memory tables) keep keyed state beyond their
 * live memory budget (`'state.memory-budget'`): the encoded tier in memory, whose budget the engine's
 * states share (see SpillableMap), then a folder of spill files, one per state that outgrew both,
 * removed when the statement ends.
 */
export class StateSpill {
  /** Bytes of keyed state each operator state keeps live, as objects (estimated from encoded sizes). */
  readonly budgetBytes: number;
  /** The encoded tier's shared budget; undefined: none, entries go from the live tier to disk. */
  readonly encodedTier: EncodedTierBudget | undefined;
  /** Bytes this spill's states count in the encoded tier now: given back when it closes. */
  private encodedBytes = 0;
  /** Its states with entries in the encoded tier: they leave it when this spill closes. */
  private readonly members = new Set<EncodedTierMember>();
  private readonly dir: string;
  private readonly files: SpillFile[] = [];

  constructor(dir: string, budgetBytes: number, encodedTier?: EncodedTierBudget) {
    this.dir = dir;
    this.budgetBytes = budgetBytes;
    this.encodedTier = encodedTier;
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

  /** A state of this spill encoded (positive) or released (negative) that many bytes of the shared tier. */
  countEncoded(bytes: number): void {
    this.encodedBytes += bytes;
    this.encodedTier!.usedBytes += bytes;
  }

  /** A state of this spill has entries in the encoded tier (true) or none any more (false). */
  inEncodedTier(member: EncodedTierMember, present: boolean): void {
    if (present) {
      this.members.add(member);
      this.encodedTier!.join(member);
    } else {
      this.members.delete(member);
      this.encodedTier!.leave(member);
    }
  }

  /** Closes and deletes every spill file and the folder; its states' encoded bytes leave the shared tier. */
  close(): void {
    if (this.encodedBytes !== 0) this.countEncoded(-this.encodedBytes);
    for (const member of this.members) this.encodedTier!.leave(member);
    this.members.clear();
    for (const file of this.files.splice(0)) file.close();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
