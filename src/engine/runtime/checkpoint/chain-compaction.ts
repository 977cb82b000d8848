import type { SqlValue } from "../../../common/value.ts";
import { SnapshotFileReader, SnapshotFileWriter } from "./snapshot-file.ts";
import { DELTA_TABLE, FULL_TABLE } from "./snapshot-tables.ts";

/** Entries read or written between two looks at the clock. */
const ENTRIES_PER_STEP = 512;
/** Bytes written between two syncs of the base (SnapshotFileWriter.syncSoFar). */
const SYNC_EVERY_BYTES = 8 << 20;
/** A key a delta deleted (a value of the merge's overrides). */
const DELETED = Symbol("deleted");

/**
 * Merges the chain of an incremental checkpoint — a self-contained file and the deltas after it —
 * into one self-contained base file of the same checkpoint, off the jobs' critical path: the files
 * are immutable, so the merge runs in slices of a few milliseconds between the engine's rounds
 * (`run`), and no step of it is proportional to the whole state.
 *
 * Per table it reads the deltas' entries into memory (later ones win; a delta's full table replaces
 * everything before it), then streams the base's entries, writing those no delta touched, then the
 * deltas' upserts. Memory: the deltas' entries, never the base. Every input's checksum is checked
 * before the base is renamed into place; a crash leaves a temporary file the next start removes.
 */
export class ChainCompaction {
  /** The checkpoint whose base this writes. */
  readonly checkpointId: number;
  readonly target: string;
  private readonly steps: Generator<void, number>;
  private result: { readonly bytes: number } | { readonly error: Error } | undefined;

  /** `entriesPerStep`: entries between two looks at the clock (tests make it small to stop halfway). */
  constructor(
    chain: readonly string[],
    checkpointId: number,
    target: string,
    entriesPerStep = ENTRIES_PER_STEP,
  ) {
    this.checkpointId = checkpointId;
    this.target = target;
    this.steps = merge(chain, target, entriesPerStep);
  }

  /** Finished (the base in place) or failed. */
  get outcome(): { readonly bytes: number } | { readonly error: Error } | undefined {
    return this.result;
  }

  /** Works for about `budgetMs`; returns the time spent (ms). */
  run(budgetMs: number): number {
    const started = performance.now();
    while (this.result === undefined) {
      try {
        const step = this.steps.next();
        if (step.done) this.result = { bytes: step.value };
      } catch (error) {
        this.result = { error: error instanceof Error ? error : new Error(String(error)) };
      }
      if (performance.now() - started >= budgetMs) break;
    }
    return performance.now() - started;
  }

  /** Stops: the inputs close and the half-written base goes. */
  abandon(): void {
    if (this.result !== undefined) return;
    this.steps.return(0);
    this.result = { error: new Error("compaction abandoned") };
  }
}

function* merge(chain: readonly string[], target: string, perStep: number): Generator<void, number> {
  const readers: SnapshotFileReader[] = [];
  let out: SnapshotFileWriter | undefined;
  let committed = false;
  try {
    for (const file of chain) readers.push(new SnapshotFileReader(file));
    const [base, ...deltas] = readers;
    if (readers.some((r) => r.version < 3))
      throw new Error("only files of format version 3 or later have tables to merge");
    let tree: SqlValue = null;
    const counts: number[] = [];
    for (const r of readers) {
      tree = r.reader.readValue();
      counts.push(r.reader.readValue() as number);
    }
    const tables = counts[counts.length - 1]!;
    if (counts.some((n) => n !== tables)) throw new Error("the chain's files hold different tables");
    const { parent: _parent, ...header } = readers[readers.length - 1]!.header;
    const file = new SnapshotFileWriter(target, header);
    out = file;
    const writer = file.writer;
    let synced = 0;
    /** Between steps: syncs what was written since the last sync once it is large. */
    const pause = (): void => {
      if (writer.written - synced < SYNC_EVERY_BYTES) return;
      file.syncSoFar();
      synced = writer.written;
    };
    // The newest tree, its table markers as they were read: the base's tables keep their places.
    writer.writeValue(tree);
    writer.writeValue(tables);
    yield;
    for (let t = 0; t < tables; t++) {
      const overrides = new Map<SqlValue, SqlValue | typeof DELETED>();
      let replaced = false;
      for (const delta of deltas) {
        const mode = delta.reader.readValue();
        if (mode === FULL_TABLE) {
          overrides.clear();
          replaced = true;
        } else if (mode !== DELTA_TABLE) throw new Error(`${delta.file}: table ${t} is not a table`);
        let n = 0;
        for (let tag = delta.reader.readValue(); tag !== null; tag = delta.reader.readValue()) {
          const key = delta.reader.readValue();
          overrides.set(key, tag === true ? delta.reader.readValue() : DELETED);
          if (++n % perStep === 0) yield;
        }
      }
      if (base!.reader.readValue() !== FULL_TABLE) throw new Error(`${base!.file}: table ${t} is not whole`);
      writer.writeValue(FULL_TABLE);
      const writeEntry = (key: SqlValue, value: SqlValue) => {
        writer.writeValue(true);
        writer.writeValue(key);
        writer.writeValue(value);
      };
      let n = 0;
      for (let tag = base!.reader.readValue(); tag !== null; tag = base!.reader.readValue()) {
        const key = base!.reader.readValue();
        const value = base!.reader.readValue();
        if (!replaced && !overrides.has(key)) writeEntry(key, value);
        if (++n % perStep === 0) {
          pause();
          yield;
        }
      }
      for (const [key, value] of overrides) {
        if (value !== DELETED) writeEntry(key, value);
        if (++n % perStep === 0) {
          pause();
          yield;
        }
      }
      writer.writeValue(null);
    }
    for (const r of readers) r.verify();
    const bytes = out.commit();
    committed = true;
    return bytes;
  } finally {
    for (const r of readers) r.close();
    if (out !== undefined && !committed) out.abandon();
  }
}
