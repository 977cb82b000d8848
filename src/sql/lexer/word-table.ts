/**
 * Interns words: a word seen before is found by hash and compared in place, so no substring is
 * allocated for it. Scripts repeat keywords and column names constantly, and so do the files of a
 * project, so one table serves every lexer (see {@link SHARED_WORDS}).
 *
 * The table is open-addressed over typed arrays, and keeps a copy of every word's characters in one
 * flat pool: a lookup reads two or three contiguous arrays instead of chasing an entry object and its
 * string (measured: the lexer spent a third of its time in those cache misses while the parser and
 * binder churned the cache between two words).
 */
export class WordTable {
  private hashes: Int32Array;
  /** Per slot: the word's length, 0 for an empty slot. */
  private lengths: Int32Array;
  /** Per slot: where the word's characters start in {@link chars}. */
  private offsets: Int32Array;
  private chars: Uint16Array;
  private charsUsed = 0;
  /** Per slot: the word as written, and its upper-case form (what the parser compares keywords against). */
  texts: string[];
  uppers: string[];
  private size = 0;
  private readonly capacity: number;

  /** `capacity` bounds the entries kept: a table that reaches it starts over empty. */
  constructor(capacity: number) {
    this.capacity = capacity;
    this.hashes = new Int32Array(INITIAL_SLOTS);
    this.lengths = new Int32Array(INITIAL_SLOTS);
    this.offsets = new Int32Array(INITIAL_SLOTS);
    this.chars = new Uint16Array(INITIAL_SLOTS * 8);
    this.texts = new Array<string>(INITIAL_SLOTS).fill("");
    this.uppers = new Array<string>(INITIAL_SLOTS).fill("");
  }

  /**
   * The slot of `text.slice(start, end)`, whose hash (see the lexer) is `hash` and whose code units
   * `codes` holds at the same offsets: read its forms from {@link texts} and {@link uppers} at once,
   * since adding a word may move the others.
   */
  intern(text: string, codes: Uint16Array, start: number, end: number, hash: number): number {
    const length = end - start;
    const mask = this.hashes.length - 1;
    let slot = hash & mask;
    while (true) {
      const slotLength = this.lengths[slot]!;
      if (slotLength === 0) break;
      if (this.hashes[slot] === hash && slotLength === length && this.sameChars(slot, codes, start, length))
        return slot;
      slot = (slot + 1) & mask;
    }
    return this.add(text, codes, start, end, hash);
  }

  private sameChars(slot: number, codes: Uint16Array, start: number, length: number): boolean {
    const chars = this.chars;
    const offset = this.offsets[slot]!;
    for (let i = 0; i < length; i++) if (chars[offset + i] !== codes[start + i]) return false;
    return true;
  }

  private add(text: string, codes: Uint16Array, start: number, end: number, hash: number): number {
    if (this.size >= this.capacity) this.reset(INITIAL_SLOTS);
    // At most half full, so that probe runs stay short.
    if (++this.size * 2 > this.hashes.length) this.rehash(this.hashes.length * 2);
    const length = end - start;
    if (this.charsUsed + length > this.chars.length) {
      const chars = new Uint16Array(Math.max(this.chars.length * 2, this.charsUsed + length));
      chars.set(this.chars.subarray(0, this.charsUsed));
      this.chars = chars;
    }
    const offset = this.charsUsed;
    this.chars.set(codes.subarray(start, end), offset);
    this.charsUsed += length;
    const word = internalized(text.slice(start, end));
    return this.place(hash, length, offset, word, internalized(word.toUpperCase()));
  }

  private place(hash: number, length: number, offset: number, word: string, upper: string): number {
    const mask = this.hashes.length - 1;
    let slot = hash & mask;
    while (this.lengths[slot] !== 0) slot = (slot + 1) & mask;
    this.hashes[slot] = hash;
    this.lengths[slot] = length;
    this.offsets[slot] = offset;
    this.texts[slot] = word;
    this.uppers[slot] = upper;
    return slot;
  }

  private reset(slots: number): void {
    this.hashes = new Int32Array(slots);
    this.lengths = new Int32Array(slots);
    this.offsets = new Int32Array(slots);
    this.texts = new Array<string>(slots).fill("");
    this.uppers = new Array<string>(slots).fill("");
    this.size = 0;
    this.charsUsed = 0;
  }

  /** Moves every word into a table of `slots` slots (their characters stay where they are). */
  private rehash(slots: number): void {
    const { hashes, lengths, offsets, texts, uppers } = this;
    const charsUsed = this.charsUsed;
    const size = this.size;
    this.reset(slots);
    this.size = size;
    this.charsUsed = charsUsed;
    for (let slot = 0; slot < hashes.length; slot++) {
      if (lengths[slot] !== 0)
        this.place(hashes[slot]!, lengths[slot]!, offsets[slot]!, texts[slot]!, uppers[slot]!);
    }
  }
}

const INITIAL_SLOTS = 4096;

/**
 * The words of every text lexed in this process. Bounded, so that a long-running server lexing
 * ever new identifiers does not grow it without end.
 */
export const SHARED_WORDS = new WordTable(65_536);

/**
 * `word` as V8's internalized (unique) string. The parser compares every word against keyword
 * literals, and the binder compares names with names: two internalized strings are equal only if
 * they are the same object, so a mismatch of equal length is decided without comparing characters.
 * A property key is internalized; words start with a letter, `_` or `$`, so none is an array index.
 * The copy is also independent of the text it was cut from, which the shared table outlives.
 */
function internalized(word: string): string {
  return Object.keys({ [word]: 0 })[0]!;
}
