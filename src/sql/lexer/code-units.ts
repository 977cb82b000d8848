/**
 * A text's UTF-16 code units in a typed array, which the lexer reads instead of `charCodeAt`: an
 * element of a typed array is a plain load, while a string's character is not when the string is a
 * slice of a larger one (as `split` makes): measured, a quarter of the lexer's time.
 */
export interface CodeUnits {
  /** The text's code units, then {@link PADDING} zeros; longer than that when reused. */
  readonly codes: Uint16Array;
  /** The same memory, for Node to copy a string into. */
  readonly bytes: Buffer;
}

/**
 * Zeros after the text: the lexer looks up to two characters ahead, and runs its loops over spaces,
 * words and digits, without a bounds check (a zero, like the NaN of `charCodeAt` past the end,
 * matches no character class).
 */
const PADDING = 4;

/** The largest buffer kept for reuse (in code units): one huge text should not pin its copy. */
const MAX_SPARE = 1 << 16;

/**
 * A buffer returned by a lexer that reached its end, for the next one: lexing script after script
 * then allocates nothing (an ArrayBuffer per script cost more than the copy, in allocation and GC).
 */
let spare: CodeUnits | undefined;

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** `text`'s code units, in a buffer the caller owns until it passes it to {@link giveBack}. */
export function codeUnitsOf(text: string): CodeUnits {
  const needed = text.length + PADDING;
  let units = spare;
  if (units !== undefined && units.codes.length >= needed) spare = undefined;
  else units = allocate(needed);
  const codes = units.codes;
  // Node copies the string in native code, a slice included; UTF-16LE is the typed array's layout on little-endian machines.
  if (LITTLE_ENDIAN) units.bytes.write(text, "utf16le");
  else for (let i = 0; i < text.length; i++) codes[i] = text.charCodeAt(i);
  codes.fill(0, text.length, needed);
  return units;
}

/** Offers `units` for reuse; the caller must not read them afterwards. */
export function giveBack(units: CodeUnits): void {
  const length = units.codes.length;
  if (length <= MAX_SPARE && (spare === undefined || spare.codes.length < length)) spare = units;
}

function allocate(needed: number): CodeUnits {
  // Powers of two up to MAX_SPARE, so that a spare fits most of the texts after it.
  let length = needed;
  if (needed <= MAX_SPARE) {
    length = 1024;
    while (length < needed) length *= 2;
  }
  const codes = new Uint16Array(length);
  return { codes, bytes: Buffer.from(codes.buffer, codes.byteOffset, codes.byteLength) };
}
