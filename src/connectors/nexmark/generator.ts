import type { Row } from "../../common/value.ts";
import { buildAuction } from "./auction.ts";
import { buildBid } from "./bid.ts";
import type { EventContext } from "./event-context.ts";
import { AUCTION, EventLayout, PERSON } from "./layout.ts";
import { DEFAULT_NEXMARK_OPTIONS, type NexmarkOptions, parseNexmarkOptions } from "./options.ts";
import { buildPerson } from "./person.ts";
import { SeededRandom } from "./random.ts";
import { textPoolsFor } from "./text.ts";

/** Separates per-event draws from the per-seed text pools (see SeededRandom's `purpose`). */
const EVENT_STREAM = 0xe7e27;

/**
 * The Nexmark event stream as rows of the nexmark table: `[event_type, person, auction, bid, dateTime]`,
 * where exactly one of person/auction/bid is a nested ROW array and `dateTime` is the computed
 * top-level event time (see schema.ts).
 *
 * Event `index` (0-based) depends only on the options and the index, never on what was generated
 * before, so ranges can be produced in any order and by any number of readers.
 */
export class NexmarkGenerator {
  readonly options: NexmarkOptions;
  readonly layout: EventLayout;
  /** Events in the stream: `events.num`, cut at `stop-at`; Infinity when unbounded. */
  readonly eventCount: number;
  private readonly context: EventContext;

  constructor(options: NexmarkOptions = DEFAULT_NEXMARK_OPTIONS) {
    this.options = options;
    this.layout = new EventLayout(options);
    this.eventCount = streamLength(options);
    this.context = {
      options,
      layout: this.layout,
      random: new SeededRandom(options.seed, EVENT_STREAM),
      pools: textPoolsFor(options.seed),
    };
  }

  /** Builds a generator from a table's WITH options (validated; see options.ts). */
  static fromWithOptions(withOptions: Readonly<Record<string, string>>): NexmarkGenerator {
    return new NexmarkGenerator(parseNexmarkOptions(withOptions));
  }

  /** The event at `index`, 0 ≤ index < eventCount. */
  event(index: number): Row {
    if (!Number.isSafeInteger(index) || index < 0 || index >= this.eventCount) {
      throw new RangeError(`nexmark event index ${index} is outside [0, ${this.eventCount})`);
    }
    return this.build(index);
  }

  /** Events `from`, `from + 1`, … : `count` of them, fewer if the stream ends first. */
  generate(from: number, count: number): Row[] {
    const end = Math.min(from + count, this.eventCount);
    if (!Number.isSafeInteger(from) || from < 0 || !(end <= Number.MAX_SAFE_INTEGER)) {
      throw new RangeError(`nexmark events ${from} … ${from + count - 1} are not a valid range`);
    }
    const rows: Row[] = new Array(Math.max(end - from, 0));
    for (let index = from; index < end; index++) rows[index - from] = this.build(index);
    return rows;
  }

  private build(index: number): Row {
    const layout = this.layout;
    const eventId = layout.eventId(index);
    const timestamp = layout.timestamp(index);
    const type = layout.eventType(index);
    this.context.random.reset(eventId);
    if (type === PERSON) return [type, buildPerson(this.context, eventId, timestamp), null, null, timestamp];
    if (type === AUCTION) {
      return [type, null, buildAuction(this.context, index, eventId, timestamp), null, timestamp];
    }
    return [type, null, null, buildBid(this.context, eventId, timestamp), timestamp];
  }
}

function streamLength(options: NexmarkOptions): number {
  const total = options.eventsNum > 0 ? options.eventsNum : Number.POSITIVE_INFINITY;
  return options.stopAt >= 0 ? Math.min(total, options.stopAt) : total;
}
