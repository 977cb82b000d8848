import { closestMatch } from "../../common/diagnostic.ts";
import { parseDuration, parseMemorySize } from "../framework/option-values.ts";

/**
 * The `'connector' = 'nexmark'` WITH options, spelled and defaulted exactly as Flink's nexmark
 * connector (`NexmarkSourceOptions`), plus two of ours for reproducible runs: `base-time` and `seed`.
 *
 * Like Flink's generator, event timestamps follow `first-event.rate` only; `next-event.rate`,
 * `rate.shape`, `rate.period` and `rate.limited` are accepted and validated so Flink DDL runs
 * unchanged, but they do not shape the stream (Flink's `GeneratorConfig` ignores them too).
 */
export interface NexmarkOptions {
  /** Events per second of event time (sets the gap between consecutive timestamps). */
  readonly firstEventRate: number;
  readonly nextEventRate: number;
  readonly rateShape: "SQUARE" | "SINE";
  readonly ratePeriodMs: number;
  readonly rateLimited: boolean;
  /** Events in the stream; 0 means unbounded. */
  readonly eventsNum: number;
  readonly personProportion: number;
  readonly auctionProportion: number;
  readonly bidProportion: number;
  /** A bid goes to the current hot auction with probability 1 - 1/ratio. */
  readonly hotAuctionRatio: number;
  /** A bid comes from the current hot bidder with probability 1 - 1/ratio. */
  readonly hotBiddersRatio: number;
  /** An auction is opened by the current hot seller with probability 1 - 1/ratio. */
  readonly hotSellersRatio: number;
  /** Average event size in bytes (Flink's accounting: 8 per number plus string lengths), reached by padding `extra`. */
  readonly personAvgSize: number;
  readonly auctionAvgSize: number;
  readonly bidAvgSize: number;
  /** When the stream ends (events.num or stop-at), stay open and idle instead of finishing. */
  readonly keepAlive: boolean;
  /** Stop after this many events (−1: no stop); with keep-alive the source then idles. */
  readonly stopAt: number;
  /** true: emit as fast as possible; false: emit event N at start + (its timestamp − base-time). */
  readonly maxEmitSpeed: boolean;
  /**
   * Ours. Event time of the stream's start, epoch milliseconds. Flink uses the wall clock at plan
   * time; a fixed default (2015-07-15T00:00:00Z, the date Beam's and RisingWave's Nexmark test data
   * start at) makes two runs produce identical rows.
   */
  readonly baseTime: number;
  /** Ours. Seeds every random field; the same seed gives the same stream. */
  readonly seed: number;
}

export const DEFAULT_BASE_TIME = Date.UTC(2015, 6, 15);

export const DEFAULT_NEXMARK_OPTIONS: NexmarkOptions = {
  firstEventRate: 10_000,
  nextEventRate: 10_000,
  rateShape: "SQUARE",
  ratePeriodMs: 600_000,
  rateLimited: false,
  eventsNum: 0,
  personProportion: 1,
  auctionProportion: 3,
  bidProportion: 46,
  hotAuctionRatio: 2,
  hotBiddersRatio: 4,
  hotSellersRatio: 4,
  personAvgSize: 200,
  auctionAvgSize: 500,
  bidAvgSize: 100,
  keepAlive: false,
  stopAt: -1,
  maxEmitSpeed: true,
  baseTime: DEFAULT_BASE_TIME,
  seed: 0,
};

/** A WITH option that is unknown or whose value does not parse or is out of range. */
export class NexmarkOptionError extends Error {
  readonly option: string;
  readonly value: string;

  constructor(option: string, value: string, problem: string) {
    super(`nexmark option '${option}' = '${value}': ${problem}`);
    this.name = "NexmarkOptionError";
    this.option = option;
    this.value = value;
  }
}

type Parser = (value: string, key: string) => Partial<NexmarkOptions>;

const INT_MAX = 2147483647;

const OPTION_PARSERS: Readonly<Record<string, Parser>> = {
  "first-event.rate": (v, k) => ({ firstEventRate: parseInteger(v, k, 1, INT_MAX) }),
  "next-event.rate": (v, k) => ({ nextEventRate: parseInteger(v, k, 1, INT_MAX) }),
  "rate.shape": (v, k) => ({ rateShape: parseRateShape(v, k) }),
  "rate.period": (v, k) => ({ ratePeriodMs: parseDurationMs(v, k) }),
  "rate.limited": (v, k) => ({ rateLimited: parseBoolean(v, k) }),
  "events.num": (v, k) => ({ eventsNum: parseInteger(v, k, 0, Number.MAX_SAFE_INTEGER) }),
  "person.proportion": (v, k) => ({ personProportion: parseInteger(v, k, 0, INT_MAX) }),
  "auction.proportion": (v, k) => ({ auctionProportion: parseInteger(v, k, 0, INT_MAX) }),
  "bid.proportion": (v, k) => ({ bidProportion: parseInteger(v, k, 0, INT_MAX) }),
  "bid.hot-ratio.auctions": (v, k) => ({ hotAuctionRatio: parseInteger(v, k, 1, INT_MAX) }),
  "bid.hot-ratio.bidders": (v, k) => ({ hotBiddersRatio: parseInteger(v, k, 1, INT_MAX) }),
  "auction.hot-ratio.sellers": (v, k) => ({ hotSellersRatio: parseInteger(v, k, 1, INT_MAX) }),
  "person.avg-size": (v, k) => ({ personAvgSize: parseSizeBytes(v, k) }),
  "auction.avg-size": (v, k) => ({ auctionAvgSize: parseSizeBytes(v, k) }),
  "bid.avg-size": (v, k) => ({ bidAvgSize: parseSizeBytes(v, k) }),
  "keep-alive": (v, k) => ({ keepAlive: parseBoolean(v, k) }),
  "stop-at": (v, k) => ({ stopAt: parseInteger(v, k, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER) }),
  "max-emit-speed": (v, k) => ({ maxEmitSpeed: parseBoolean(v, k) }),
  "base-time": (v, k) => ({ baseTime: parseBaseTime(v, k) }),
  seed: (v, k) => ({ seed: parseInteger(v, k, 0, Number.MAX_SAFE_INTEGER) }),
};

/** Every option key this connector accepts besides `connector` itself. */
export const NEXMARK_OPTION_KEYS: readonly string[] = Object.keys(OPTION_PARSERS);

/**
 * Reads a table's WITH options. Unknown keys are errors (as Flink's factory validation makes them),
 * with a "did you mean" for near misses.
 */
export function parseNexmarkOptions(withOptions: Readonly<Record<string, string>>): NexmarkOptions {
  let options: NexmarkOptions = DEFAULT_NEXMARK_OPTIONS;
  for (const [key, value] of Object.entries(withOptions)) {
    if (key === "connector") continue;
    const parse = OPTION_PARSERS[key];
    if (parse === undefined) {
      const near = closestMatch(key, NEXMARK_OPTION_KEYS);
      const hint =
        near === undefined ? `supported: ${NEXMARK_OPTION_KEYS.join(", ")}` : `did you mean '${near}'?`;
      throw new NexmarkOptionError(key, value, `unsupported option; ${hint}`);
    }
    options = { ...options, ...parse(value, key) };
  }
  if (options.personProportion + options.auctionProportion + options.bidProportion === 0) {
    const key = "bid.proportion";
    throw new NexmarkOptionError(key, String(options.bidProportion), "the three proportions sum to 0");
  }
  return options;
}

function parseInteger(value: string, key: string, min: number, max: number): number {
  const text = value.trim();
  if (!/^[+-]?\d+$/.test(text)) throw new NexmarkOptionError(key, value, "expected an integer");
  const n = Number(text);
  if (n < min || n > max) throw new NexmarkOptionError(key, value, `expected an integer in [${min}, ${max}]`);
  return n;
}

function parseBoolean(value: string, key: string): boolean {
  const text = value.trim().toLowerCase();
  if (text === "true") return true;
  if (text === "false") return false;
  throw new NexmarkOptionError(key, value, "expected 'true' or 'false'");
}

function parseRateShape(value: string, key: string): "SQUARE" | "SINE" {
  const text = value.trim().toUpperCase();
  if (text === "SQUARE" || text === "SINE") return text;
  throw new NexmarkOptionError(key, value, "expected SQUARE or SINE");
}

function parseDurationMs(value: string, key: string): number {
  const ms = parseDuration(value);
  if (ms === undefined) {
    throw new NexmarkOptionError(key, value, "expected a duration such as '600 s', '10 min' or '500 ms'");
  }
  return ms;
}

function parseSizeBytes(value: string, key: string): number {
  const bytes = parseMemorySize(value);
  if (bytes === undefined) {
    throw new NexmarkOptionError(key, value, "expected a size such as '100b', '2kb' or '1 mb'");
  }
  // Flink narrows the size to an int; sizes beyond that would overflow its generator.
  if (bytes > INT_MAX) throw new NexmarkOptionError(key, value, `expected at most ${INT_MAX} bytes`);
  return bytes;
}

/** Epoch milliseconds, or an ISO-8601 date-time; without a zone it is read as UTC. */
function parseBaseTime(value: string, key: string): number {
  const text = value.trim();
  if (/^-?\d+$/.test(text)) return parseInteger(text, key, -8.64e15, 8.64e15);
  const iso = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/i.exec(
    text,
  );
  if (iso !== null) {
    const dateOnly = text.length === 10;
    const normalized = dateOnly
      ? `${text}T00:00:00Z`
      : text.replace(" ", "T") + (iso[1] === undefined ? "Z" : "");
    const millis = Date.parse(normalized);
    if (!Number.isNaN(millis)) return millis;
  }
  throw new NexmarkOptionError(key, value, "expected epoch milliseconds or an ISO-8601 date-time");
}
