/** One purchase: the transaction row and its line items, with amounts that add up to the cent. */
import type { Row } from "../../common/value.ts";
import type { Catalog, Location } from "./catalog.ts";
import { type CustomerTraits, customerId } from "./customers.ts";
import { ITEM_PREFIX, retailId, TRANSACTION_PREFIX } from "./ids.ts";
import type { Rng } from "./random.ts";
import { MS_PER_DAY, MS_PER_HOUR } from "./time.ts";
import {
  CHANNELS,
  CURRENCY,
  DISCOUNT_PERCENT,
  DISCOUNT_SHARE,
  PAYMENT_METHODS,
  TAX_PERCENT,
  TRANSACTION_STATUS,
} from "./vocabulary.ts";

export interface Sale {
  readonly transaction: Row;
  readonly items: readonly Row[];
  readonly channel: (typeof CHANNELS)[number];
  readonly store: Location | null;
  readonly totalCents: number;
  readonly weightGrams: number;
}

/** Customers buy through their preferred channel most of the time. */
const PREFERRED_CHANNEL_SHARE = 0.75;
const MAX_ITEMS = 12;
const STORE_OPENS_HOUR = 9;
const STORE_CLOSES_HOUR = 21;

function percentOf(cents: number, percent: number): number {
  return Math.floor((cents * percent + 50) / 100);
}

export function buildSale(
  rng: Rng,
  catalog: Catalog,
  itemsPerTransaction: number,
  transactionNumber: number,
  firstItemNumber: number,
  at: number,
  customer: number,
  traits: CustomerTraits,
): Sale {
  let channel = rng.chance(PREFERRED_CHANNEL_SHARE) ? CHANNELS[traits.channel]! : rng.pick(CHANNELS);
  const hour = Math.floor((at % MS_PER_DAY) / MS_PER_HOUR);
  // Stores are closed at night; a night-time purchase happens online.
  if (channel === "store" && (hour < STORE_OPENS_HOUR || hour >= STORE_CLOSES_HOUR)) channel = "online";
  const store = channel === "store" ? rng.pick(catalog.storesNear[traits.city]!) : null;
  const payment = rng.pick(PAYMENT_METHODS[channel]);
  // Geometric item count with the requested mean: P(another item) = 1 − 1/mean.
  const another = itemsPerTransaction > 1 ? 1 - 1 / itemsPerTransaction : 0;
  let count = 1;
  while (count < MAX_ITEMS && rng.chance(another)) count++;
  const discounted = rng.chance(DISCOUNT_SHARE);
  const transactionId = retailId(TRANSACTION_PREFIX, transactionNumber);
  const items: Row[] = [];
  let subtotal = 0;
  let discount = 0;
  let weightGrams = 0;
  for (let i = 0; i < count; i++) {
    const product = catalog.products[catalog.popularity.draw(rng)]!;
    const quantity = rng.chance(0.92) ? 1 : rng.between(2, 3);
    const line = product.priceCents * quantity;
    const lineDiscount = discounted ? percentOf(line, DISCOUNT_PERCENT) : 0;
    subtotal += line;
    discount += lineDiscount;
    weightGrams += product.weightGrams * quantity;
    items.push([
      retailId(ITEM_PREFIX, firstItemNumber + i),
      transactionId,
      product.id,
      quantity,
      BigInt(product.priceCents),
      BigInt(line),
      BigInt(lineDiscount),
    ]);
  }
  const tax = percentOf(subtotal, TAX_PERCENT);
  const total = subtotal + tax - discount;
  const transaction: Row = [
    transactionId,
    customerId(customer),
    at,
    channel,
    store ? store.id : null,
    payment,
    BigInt(subtotal),
    BigInt(tax),
    BigInt(discount),
    BigInt(total),
    CURRENCY,
    TRANSACTION_STATUS,
  ];
  return { transaction, items, channel, store, totalCents: total, weightGrams };
}
