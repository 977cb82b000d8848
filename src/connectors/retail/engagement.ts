/** App sessions and support tickets: the non-purchase touch points of the Customer 360 view. */
import type { Row } from "../../common/value.ts";
import { type CustomerTraits, customerId } from "./customers.ts";
import { retailId, TICKET_PREFIX, USAGE_PREFIX } from "./ids.ts";
import { cumulative, type Rng } from "./random.ts";
import { dayOf, MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE } from "./time.ts";
import {
  APP_VERSIONS,
  DEVICE_TYPES,
  SATISFACTION_WEIGHTS,
  TICKET_CATEGORIES,
  TICKET_CATEGORY_WEIGHTS,
  TICKET_CHANNELS,
  TICKET_PRIORITIES,
  TICKET_PRIORITY_WEIGHTS,
  TICKET_RESOLUTION_HOURS,
  TICKET_STATUS_IN_PROGRESS,
  TICKET_STATUS_OPEN,
  TICKET_STATUS_RESOLVED,
} from "./vocabulary.ts";

const CATEGORY_CUMULATIVE = cumulative(TICKET_CATEGORY_WEIGHTS);
const PRIORITY_CUMULATIVE = cumulative(TICKET_PRIORITY_WEIGHTS);
const SATISFACTION_CUMULATIVE = cumulative(SATISFACTION_WEIGHTS);

/** Seed: sessions last 12–55 minutes (mean 32), ~0.43 pages per minute, ~0.6 actions per page. */
export function buildSession(
  rng: Rng,
  number: number,
  at: number,
  customer: number,
  traits: CustomerTraits,
): Row {
  const minutes = Math.round(Math.min(120, Math.max(3, rng.normal(32, 11))));
  const pages = Math.max(1, Math.round(minutes * (0.35 + 0.15 * rng.next())));
  const actions = Math.max(0, Math.round(pages * (0.4 + 0.35 * rng.next())));
  const device = DEVICE_TYPES[traits.device]!;
  return [
    retailId(USAGE_PREFIX, number),
    customerId(customer),
    dayOf(at),
    at,
    minutes,
    pages,
    actions,
    device,
    APP_VERSIONS[device],
  ];
}

/**
 * A ticket as the help desk knows it at `asOf`: resolved ones carry their resolution time and score;
 * tickets still unresolved at `asOf` are open (filed in the last day) or in progress, with NULLs.
 */
export function buildTicket(rng: Rng, asOf: number, number: number, at: number, customer: number): Row {
  const category = TICKET_CATEGORIES[rng.weighted(CATEGORY_CUMULATIVE)]!;
  const priority = rng.weighted(PRIORITY_CUMULATIVE);
  const [low, high] = TICKET_RESOLUTION_HOURS[priority]!;
  const resolvedAt = at + Math.round((low + (high - low) * rng.next() ** 1.5) * 60) * MS_PER_MINUTE;
  const channel = rng.pick(TICKET_CHANNELS);
  const score = 1 + rng.weighted(SATISFACTION_CUMULATIVE);
  const resolved = resolvedAt < asOf;
  const status = resolved
    ? TICKET_STATUS_RESOLVED
    : asOf - at < MS_PER_DAY
      ? TICKET_STATUS_OPEN
      : TICKET_STATUS_IN_PROGRESS;
  return [
    retailId(TICKET_PREFIX, number),
    customerId(customer),
    at,
    resolved ? resolvedAt : null,
    category,
    TICKET_PRIORITIES[priority]!,
    status,
    channel,
    resolved ? score : null,
  ];
}

/** Hour-of-day profiles (relative weights, 0–23h) for when each kind of activity happens. */
export const SHOPPING_HOURS = [
  0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.4, 0.7, 1, 1.3, 1.5, 1.6, 1.7, 1.6, 1.6, 1.6, 1.7, 1.8, 1.9, 1.9, 1.7, 1.3,
  0.8, 0.4,
];
export const APP_HOURS = [
  0.3, 0.2, 0.1, 0.1, 0.1, 0.2, 0.5, 1, 1.2, 1, 1, 1.1, 1.3, 1.2, 1.1, 1.1, 1.2, 1.3, 1.4, 1.6, 1.8, 1.7, 1.2,
  0.6,
];
export const SUPPORT_HOURS = [
  0, 0, 0, 0, 0, 0, 0.1, 0.4, 1, 1.4, 1.5, 1.4, 1.2, 1.3, 1.4, 1.3, 1.1, 0.8, 0.4, 0.2, 0.1, 0.1, 0, 0,
];

/** A random second of `day` following an hour profile (cumulative form). */
export function timeInDay(rng: Rng, day: number, hoursCumulative: readonly number[]): number {
  const hour = rng.weighted(hoursCumulative);
  return day * MS_PER_DAY + hour * MS_PER_HOUR + rng.int(3600) * 1000;
}
