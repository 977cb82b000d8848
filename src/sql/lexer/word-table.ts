export interface WordEntry {
  /** The word as written. */
  readonly text: string;
  /** Its upper-case form, which the parser compares keywords against. */
  readonly upper: string;
  readonly hash: number;
}

/**
 * Interns words: a word seen before is found by hash and compared in place, so no substring is
 * allocated for it. Scripts repeat keywords and column names constantly, and so do the files of a
 * project, so one table serves every lexer (see {@link SHARED_WORDS}).
 */
export class WordTable {
  private buckets: (WordEntry[] | undefined)[];
  private size = 0;
  private readonly capacity: number;

  /** `capacity` bounds the entries kept: a table that reaches it starts over empty. */
  constructor(capacity: number) {
    this.capacity = capacity;
    this.buckets = new Array(INITIAL_BUCKETS);
  }

  /** The entry for `text.slice(start, end)`, whose hash (see the lexer) is `hash`. */
  intern(text: string, start: number, end: number, hash: number): WordEntry {
    const length = end - start;
    const bucket = this.buckets[hash & (this.buckets.length - 1)];
    if (bucket !== undefined) {
      for (let i = 0; i < bucket.length; i++) {
        const entry = bucket[i]!;
        if (entry.hash === hash && entry.text.length === length && sameChars(entry.text, text, start))
          return entry;
      }
    }
    const word = detached(text.slice(start, end));
    const entry: WordEntry = { text: word, upper: word.toUpperCase(), hash };
    this.add(entry);
    return entry;
  }

  private add(entry: WordEntry): void {
    if (this.size >= this.capacity) {
      this.buckets = new Array(INITIAL_BUCKETS);
      this.size = 0;
    }
    if (++this.size > this.buckets.length * 2) this.grow();
    const index = entry.hash & (this.buckets.length - 1);
    const bucket = this.buckets[index];
    if (bucket === undefined) this.buckets[index] = [entry];
    else bucket.push(entry);
  }

  private grow(): void {
    const old = this.buckets;
    this.buckets = new Array(old.length * 2);
    for (const bucket of old) {
      for (const entry of bucket ?? []) {
        const index = entry.hash & (this.buckets.length - 1);
        const target = this.buckets[index];
        if (target === undefined) this.buckets[index] = [entry];
        else target.push(entry);
      }
    }
  }
}

const INITIAL_BUCKETS = 1024;

/**
 * The words of every text lexed in this process. Bounded, so that a long-running server lexing
 * ever new identifiers does not grow it without end.
 */
export const SHARED_WORDS = new WordTable(65_536);

/**
 * A copy of `word` that does not keep the text it was cut from alive: V8 represents longer
 * substrings as views into their parent, and the shared table outlives every source text.
 */
function detached(word: string): string {
  return word.length < 13 ? word : word.split("").join("");
}

/** Whether `text` holds `word` at `start`; words are short, and a loop beats `startsWith` on a long text. */
function sameChars(word: string, text: string, start: number): boolean {
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
  return true;
}
