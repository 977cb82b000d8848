import type { Row } from "../../common/value.ts";
import type { EventContext } from "./event-context.ts";
import { FIRST_AUCTION_ID, FIRST_PERSON_ID } from "./layout.ts";
import { randomPrice } from "./price.ts";
import { CHANNEL_COUNT, HOT_CHANNELS, randomExtra } from "./text.ts";

/** Hot auctions are the first of each block of this many; hot bidders the second person of a block. */
const HOT_BLOCK = 100;
/** Flink counts four 8-byte numbers toward a bid's size (channel and url are not counted). */
const BID_COUNTED_SIZE = 32;

/**
 * Flink's `BidGenerator.nextBid` adds FIRST_PERSON_ID to the bidder twice, so bidder ids are person
 * ids + 1000 (Beam and nexmark-rs add it once). Flink is our reference for results, so we do the same;
 * it decides which bids join people in q23 (`P.id = B.bidder`).
 */
const BIDDER_ID_OFFSET = 2 * FIRST_PERSON_ID;

/**
 * A new bid, as the `bid` ROW: auction, bidder, price, channel, url, dateTime, extra.
 * Fields are drawn in Flink's order.
 */
export function buildBid(context: EventContext, eventId: number, timestamp: number): Row {
  const { layout, random, pools, options } = context;
  const auction =
    random.below(options.hotAuctionRatio) > 0
      ? Math.trunc(layout.lastAuctionId(eventId) / HOT_BLOCK) * HOT_BLOCK
      : layout.randomAuctionId(eventId, random);
  const bidder =
    random.below(options.hotBiddersRatio) > 0
      ? Math.trunc(layout.lastPersonId(eventId) / HOT_BLOCK) * HOT_BLOCK + 1
      : layout.randomPersonId(eventId, random);
  const price = randomPrice(random);
  let channel: string;
  let url: string;
  if (random.below(2) > 0) {
    const hot = random.below(HOT_CHANNELS.length);
    channel = HOT_CHANNELS[hot]!;
    url = pools.hotUrls[hot]!;
  } else {
    const ordinary = random.below(CHANNEL_COUNT);
    channel = pools.channelNames[ordinary]!;
    url = pools.channelUrls[ordinary]!;
  }
  const extra = randomExtra(random, pools, BID_COUNTED_SIZE, options.bidAvgSize);
  return [auction + FIRST_AUCTION_ID, bidder + BIDDER_ID_OFFSET, price, channel, url, timestamp, extra];
}
