import type { NexmarkOptions } from "./options.ts";
import type { SeededRandom } from "./random.ts";

/**
 * Where every event sits in the stream, computed from its position alone: its type, the ids it
 * creates, the newest ids it may refer to, and its timestamp. No state is carried between events,
 * which is what lets any reader start anywhere.
 *
 * Positions are 0-based indexes into the whole (parallelism 1) stream. Flink's source numbers the
 * same event twice: `eventId = index + 2` (firstEventId 1 + firstEventNumber 1 + events so far)
 * decides the type and ids, and `eventNumber = index + 1` decides the timestamp. We keep both so
 * types, ids and timestamps equal Flink's at parallelism 1: the first event is auction 1001, and the
 * first person, 1001, is index 48. Ids 1000 (event id 0 or 1) are never created, yet early bids and
 * auctions refer to them as the hot auction and seller, just as in Flink.
 *
 * All divisions truncate toward zero as Java's `long` division does; with a zero proportion the
 * "last id" goes negative and must round the way Flink's does.
 */

/** Ids start here so small streams still join (Flink's FIRST_PERSON_ID / FIRST_AUCTION_ID). */
export const FIRST_PERSON_ID = 1000;
export const FIRST_AUCTION_ID = 1000;
export const FIRST_CATEGORY_ID = 10;

export const PERSON = 0;
export const AUCTION = 1;
export const BID = 2;

/** Random person ids come from the newest this-many people (Flink's numActivePeople). */
const ACTIVE_PEOPLE = 1000;
/** Random auction ids come from the newest this-many auctions (Flink's numInFlightAuctions). */
const IN_FLIGHT_AUCTIONS = 100;
/** Random ids may run this far ahead of the newest created id (Flink's PERSON_ID_LEAD, AUCTION_ID_LEAD). */
const ID_LEAD = 10;

export class EventLayout {
  readonly personProportion: number;
  readonly auctionProportion: number;
  readonly totalProportion: number;
  readonly baseTime: number;
  /** Microseconds of event time between consecutive events. */
  readonly interEventDelayUs: number;
  /** Events until IN_FLIGHT_AUCTIONS more auctions exist; auctions last about that long. */
  private readonly auctionHorizonEvents: number;

  constructor(options: NexmarkOptions) {
    this.personProportion = options.personProportion;
    this.auctionProportion = options.auctionProportion;
    this.totalProportion = options.personProportion + options.auctionProportion + options.bidProportion;
    this.baseTime = options.baseTime;
    // One generator over the whole stream, so Flink's `× numEventGenerators` factor is 1 here.
    this.interEventDelayUs = 1_000_000 / options.firstEventRate;
    this.auctionHorizonEvents =
      options.auctionProportion === 0
        ? 0
        : Math.trunc((IN_FLIGHT_AUCTIONS * this.totalProportion) / options.auctionProportion);
  }

  eventId(index: number): number {
    return index + 2;
  }

  /** PERSON, AUCTION or BID: a fixed cycle of `totalProportion` events (1 P, 3 A, 46 B by default). */
  eventType(index: number): number {
    const rem = this.eventId(index) % this.totalProportion;
    if (rem < this.personProportion) return PERSON;
    return rem < this.personProportion + this.auctionProportion ? AUCTION : BID;
  }

  /** Event time in epoch ms: Flink's `baseTime + (long)(eventNumber × interEventDelayUs) / 1000`. */
  timestamp(index: number): number {
    return this.timestampOfEventNumber(index + 1);
  }

  /** How long an auction opened at `index` would take to see IN_FLIGHT_AUCTIONS successors. */
  auctionHorizonMs(index: number): number {
    return this.timestampOfEventNumber(index + 1 + this.auctionHorizonEvents) - this.timestamp(index);
  }

  /** The newest person id (base 0) at this event; the event's own id if it is a person. */
  lastPersonId(eventId: number): number {
    const epoch = Math.trunc(eventId / this.totalProportion);
    let offset = eventId % this.totalProportion;
    if (offset >= this.personProportion) offset = this.personProportion - 1;
    return epoch * this.personProportion + offset;
  }

  /** The newest auction id (base 0) at this event; the event's own id if it is an auction. */
  lastAuctionId(eventId: number): number {
    let epoch = Math.trunc(eventId / this.totalProportion);
    let offset = eventId % this.totalProportion;
    if (offset < this.personProportion) {
      epoch--;
      offset = this.auctionProportion - 1;
    } else if (offset >= this.personProportion + this.auctionProportion) {
      offset = this.auctionProportion - 1;
    } else {
      offset -= this.personProportion;
    }
    return epoch * this.auctionProportion + offset;
  }

  /** A random recent person (base 0): one of the newest ACTIVE_PEOPLE, or up to ID_LEAD not yet created. */
  randomPersonId(eventId: number, random: SeededRandom): number {
    const people = this.lastPersonId(eventId) + 1;
    const active = Math.min(people, ACTIVE_PEOPLE);
    return people - active + random.below(active + ID_LEAD);
  }

  /** A random auction (base 0) likely still open: the newest IN_FLIGHT_AUCTIONS, or up to ID_LEAD ahead. */
  randomAuctionId(eventId: number, random: SeededRandom): number {
    const newest = this.lastAuctionId(eventId);
    const oldest = Math.max(newest - IN_FLIGHT_AUCTIONS, 0);
    return oldest + random.below(newest - oldest + 1 + ID_LEAD);
  }

  private timestampOfEventNumber(eventNumber: number): number {
    return this.baseTime + Math.trunc(Math.trunc(eventNumber * this.interEventDelayUs) / 1000);
  }
}
