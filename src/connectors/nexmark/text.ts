import { Buffer } from "node:buffer";
import { SeededRandom } from "./random.ts";

/**
 * Random text, built once per seed and then sliced per event. Slicing a long precomputed string is
 * far cheaper than drawing characters one by one, and V8 keeps long slices as views (no copy).
 */
export interface TextPools {
  /** Padding for `extra` (Flink reuses one 1 MiB random string the same way). */
  readonly extra: string;
  /** Lower-case letters with one space in 13, like Flink's `nextString`, for names and descriptions. */
  readonly words: string;
  /** The four hot channels' fixed URLs. */
  readonly hotUrls: readonly string[];
  /** `channel-<i>` for the 10,000 ordinary channels, and each one's fixed URL. */
  readonly channelNames: readonly string[];
  readonly channelUrls: readonly string[];
}

export const HOT_CHANNELS: readonly string[] = ["Google", "Facebook", "Baidu", "Apple"];
export const CHANNEL_COUNT = 10_000;

const EXTRA_POOL_LENGTH = 1024 * 1024;
const WORDS_POOL_LENGTH = 256 * 1024;
const MIN_WORD_LENGTH = 3;
/** Separates the once-per-seed stream from per-event streams (see SeededRandom's `purpose`). */
const POOL_STREAM = 0x7e57;

const poolsBySeed = new Map<number, TextPools>();

export function textPoolsFor(seed: number): TextPools {
  let pools = poolsBySeed.get(seed);
  if (pools === undefined) {
    pools = buildPools(seed);
    poolsBySeed.set(seed, pools);
  }
  return pools;
}

/**
 * A word of 3 … maxLength − 1 characters, trimmed, as Flink's `StringsGenerator.nextString`:
 * letters with a space one time in 13, so it can hold several words or shrink when trimmed.
 */
export function randomWords(random: SeededRandom, pools: TextPools, maxLength: number): string {
  const length = MIN_WORD_LENGTH + random.below(maxLength - MIN_WORD_LENGTH);
  const start = random.below(pools.words.length - length);
  const slice = pools.words.substring(start, start + length);
  return slice.charCodeAt(0) === 32 || slice.charCodeAt(length - 1) === 32 ? slice.trim() : slice;
}

/**
 * Padding so that `currentSize + padding` averages `averageSize`, varying ±20 % around it, as
 * Flink's `StringsGenerator.nextExtra`.
 */
export function randomExtra(
  random: SeededRandom,
  pools: TextPools,
  currentSize: number,
  averageSize: number,
): string {
  if (currentSize > averageSize) return "";
  const wanted = averageSize - currentSize;
  const delta = Math.round(wanted * 0.2);
  const length = wanted - delta + (delta === 0 ? 0 : random.below(2 * delta));
  if (length < pools.extra.length / 2) {
    const start = random.below(pools.extra.length - length);
    return pools.extra.substring(start, start + length);
  }
  return extraCharacters(random, length);
}

function buildPools(seed: number): TextPools {
  const random = new SeededRandom(seed, POOL_STREAM);
  random.reset(0);
  const extra = extraCharacters(random, EXTRA_POOL_LENGTH);
  const words = specialSpacedLetters(random, WORDS_POOL_LENGTH, " ");
  const hotUrls = HOT_CHANNELS.map(() => channelBaseUrl(random));
  const channelNames: string[] = [];
  const channelUrls: string[] = [];
  for (let i = 0; i < CHANNEL_COUNT; i++) {
    const base = channelBaseUrl(random);
    // Nine ordinary channels in ten carry their id in the URL; q21 extracts it with a regex.
    channelUrls.push(random.below(10) > 0 ? `${base}&channel_id=${reversedBitsAbs(i)}` : base);
    channelNames.push(`channel-${i}`);
  }
  return { extra, words, hotUrls, channelNames, channelUrls };
}

/** `https://www.nexmark.com/<dir>/<dir>/<dir>/item.htm?query=1`; q22 splits the three dirs out. */
function channelBaseUrl(random: SeededRandom): string {
  const dir = () => specialSpacedLetters(random, MIN_WORD_LENGTH + random.below(5 - MIN_WORD_LENGTH), "_");
  return `https://www.nexmark.com/${dir()}/${dir()}/${dir()}/item.htm?query=1`;
}

/**
 * Flink writes `Math.abs(Integer.reverse(i))`: the 32 bits of i reversed, as a signed int. For
 * i = 1 that is Integer.MIN_VALUE, whose abs stays negative in Java; we keep that quirk.
 */
function reversedBitsAbs(i: number): number {
  let reversed = 0;
  for (let bit = 0; bit < 32; bit++) reversed = (reversed << 1) | ((i >>> bit) & 1);
  return reversed === -2147483648 ? reversed : Math.abs(reversed);
}

/** Letters a–z, with `special` in place of a letter one time in 13. */
function specialSpacedLetters(random: SeededRandom, length: number, special: string): string {
  const codes = new Uint8Array(length);
  const specialCode = special.charCodeAt(0);
  for (let i = 0; i < length; i++) {
    // One draw decides both: 26 of the 338 outcomes (1 in 13) are the special character.
    const pick = random.below(13 * 26);
    codes[i] = pick < 26 ? specialCode : 97 + (pick % 26);
  }
  return latin1(codes);
}

/**
 * Flink's `nextExactString`: six characters per signed 32-bit draw, `'a' + rnd % 26`. Java's `%`
 * keeps the sign, so half the characters land in 'H' … '`' (upper case and `[\]^_`), not a–z.
 * We keep that mix because q14 counts characters in `extra`.
 */
function extraCharacters(random: SeededRandom, length: number): string {
  const codes = new Uint8Array(length);
  let bits = 0;
  let left = 0;
  for (let i = 0; i < length; i++) {
    if (left === 0) {
      bits = random.nextInt32();
      left = 6;
    }
    codes[i] = 97 + (bits % 26);
    bits = (bits / 26) | 0;
    left--;
  }
  return latin1(codes);
}

function latin1(codes: Uint8Array): string {
  return Buffer.from(codes.buffer, codes.byteOffset, codes.length).toString("latin1");
}
