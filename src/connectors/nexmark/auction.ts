import type { Row } from "../../common/value.ts";
import type { EventContext } from "./event-context.ts";
import { FIRST_AUCTION_ID, FIRST_CATEGORY_ID, FIRST_PERSON_ID } from "./layout.ts";
import { randomPrice } from "./price.ts";
import { randomExtra, randomWords } from "./text.ts";

const CATEGORIES = 5;
/** Hot sellers are the first person of each block of this many. */
const HOT_SELLER_BLOCK = 100;

/**
 * A new auction, as the `auction` ROW: id, itemName, description, initialBid, reserve, dateTime,
 * expires, seller, category, extra. Fields are drawn in Flink's order (`AuctionGenerator.nextAuction`).
 */
export function buildAuction(context: EventContext, index: number, eventId: number, timestamp: number): Row {
  const { layout, random, pools, options } = context;
  const id = layout.lastAuctionId(eventId) + FIRST_AUCTION_ID;
  const seller =
    random.below(options.hotSellersRatio) > 0
      ? Math.trunc(layout.lastPersonId(eventId) / HOT_SELLER_BLOCK) * HOT_SELLER_BLOCK
      : layout.randomPersonId(eventId, random);
  const category = FIRST_CATEGORY_ID + random.below(CATEGORIES);
  const initialBid = randomPrice(random);
  // Lengths average one horizon: the time until 100 more auctions have opened.
  const expires = timestamp + 1 + random.below(Math.max(layout.auctionHorizonMs(index) * 2, 1));
  const itemName = randomWords(random, pools, 20);
  const description = randomWords(random, pools, 100);
  const reserve = initialBid + randomPrice(random);
  const size = 8 + itemName.length + description.length + 40;
  const extra = randomExtra(random, pools, size, options.auctionAvgSize);
  return [
    id,
    itemName,
    description,
    initialBid,
    reserve,
    timestamp,
    expires,
    seller + FIRST_PERSON_ID,
    category,
    extra,
  ];
}
