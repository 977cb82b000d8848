/**
 * The customer population. Customer i's traits and row are pure functions of (seed, i), so millions of
 * customers never sit in memory: only their sampling weights do (typed arrays in the population).
 * Customers are numbered in registration order, like a sequence-backed id.
 */
import type { Row } from "../../common/value.ts";
import { CUSTOMER_PREFIX, retailId } from "./ids.ts";
import { EMAIL_DOMAIN, FEMALE_FIRST_NAMES, LAST_NAMES, MALE_FIRST_NAMES } from "./people.ts";
import { CITIES, CUSTOMER_CITY_WEIGHTS, RESIDENTIAL_STREETS } from "./places.ts";
import type { RetailPlan } from "./plan.ts";
import { AliasTable, cumulative, Rng } from "./random.ts";
import { STREAM } from "./streams.ts";
import { dayOf, MS_PER_DAY, MS_PER_SECOND } from "./time.ts";
import { CHANNELS, COUNTRY, CUSTOMER_SEGMENTS, PREFERRED_CHANNEL_WEIGHTS } from "./vocabulary.ts";

export interface CustomerTraits {
  readonly registeredAt: number;
  /** Spend propensity, Pareto(α = 1.6): a few customers buy a lot. */
  readonly weight: number;
  /** Millis after which the customer buys nothing more; Infinity when still active. */
  readonly churnAt: number;
  readonly city: number;
  /** Index into CHANNELS. */
  readonly channel: number;
  /** Index into CUSTOMER_SEGMENTS. */
  readonly segment: number;
  /** Index into DEVICE_TYPES: the device the customer uses the app on. */
  readonly device: number;
}

const SPEND_ALPHA = 1.6;
const MAX_WEIGHT = 60;
/** Registrations grow over time: density ∝ e^(GROWTH·x) across the registration span. */
const GROWTH = 0.6;
const CHURN_SHARE = 0.4;
const YEAR_MS = 365.25 * MS_PER_DAY;
const CITY_CUMULATIVE = cumulative(CUSTOMER_CITY_WEIGHTS);
const CHANNEL_CUMULATIVE = cumulative(PREFERRED_CHANNEL_WEIGHTS);
/** Pareto quantiles that split the population like the seed's segments (Premium 6, Standard 5, Basic 4). */
const PREMIUM_WEIGHT = 0.4 ** (-1 / SPEND_ALPHA);
const STANDARD_WEIGHT = (11 / 15) ** (-1 / SPEND_ALPHA);

export function customerId(index: number): string {
  return retailId(CUSTOMER_PREFIX, index + 1);
}

function registrationTime(plan: RetailPlan, index: number, u: number): number {
  // Stratified: customer i registers in the i-th slice of the CDF, so times rise with the index.
  const x = index === 0 ? 0 : (index + u) / plan.customers;
  const shaped = Math.log1p(x * Math.expm1(GROWTH)) / GROWTH;
  const at = plan.historyStart + shaped * (plan.asOf - plan.historyStart);
  return Math.floor(at / MS_PER_SECOND) * MS_PER_SECOND;
}

function drawTraits(plan: RetailPlan, index: number, rng: Rng): CustomerTraits {
  const registeredAt = registrationTime(plan, index, rng.next());
  const weight = Math.min(MAX_WEIGHT, rng.pareto(SPEND_ALPHA));
  const churns = rng.chance(CHURN_SHARE);
  const churnAt = churns ? registeredAt + (0.1 + 2.9 * rng.next()) * YEAR_MS : Number.POSITIVE_INFINITY;
  const city = rng.weighted(CITY_CUMULATIVE);
  const preferred = rng.weighted(CHANNEL_CUMULATIVE);
  const channel = rng.chance(0.85) ? preferred : rng.int(CHANNELS.length);
  const bySpend = weight >= PREMIUM_WEIGHT ? 0 : weight >= STANDARD_WEIGHT ? 1 : 2;
  const segment = rng.chance(0.85) ? bySpend : rng.int(CUSTOMER_SEGMENTS.length);
  // Mobile-first customers use a phone; others mostly the web app.
  const onPhone = CHANNELS[channel] === "mobile" ? 0.9 : 0.45;
  const device = rng.chance(onPhone) ? (rng.chance(0.5) ? 0 : 1) : 2;
  return { registeredAt, weight, churnAt, city, channel, segment, device };
}

export function customerTraits(plan: RetailPlan, index: number): CustomerTraits {
  return drawTraits(plan, index, Rng.of(plan.seed, STREAM.customer, index));
}

function emailFor(first: string, last: string, number: number): string {
  return `${first.toLowerCase()}.${last.toLowerCase()}${number}@${EMAIL_DOMAIN}`;
}

function phone(rng: Rng): string {
  return `+1-555-${String(rng.between(100, 9999)).padStart(4, "0")}`;
}

/** The customer as registered. */
export function customerRow(plan: RetailPlan, index: number): Row {
  const rng = Rng.of(plan.seed, STREAM.customer, index);
  const t = drawTraits(plan, index, rng);
  const female = rng.chance(0.5);
  const first = female ? rng.pick(FEMALE_FIRST_NAMES) : rng.pick(MALE_FIRST_NAMES);
  const last = rng.pick(LAST_NAMES);
  const ageYears = Math.min(85, Math.max(18, rng.normal(40, 11)));
  const birthDay = dayOf(plan.asOf) - Math.floor(ageYears * 365.25);
  const city = CITIES[t.city]!;
  return [
    customerId(index),
    first,
    last,
    emailFor(first, last, index + 1),
    phone(rng),
    birthDay,
    female ? "F" : "M",
    t.registeredAt,
    CUSTOMER_SEGMENTS[t.segment]!,
    CHANNELS[t.channel]!,
    `${rng.between(100, 9999)} ${rng.pick(RESIDENTIAL_STREETS)}`,
    city.name,
    city.state,
    String(city.zip + rng.int(99)).padStart(5, "0"),
    COUNTRY,
  ];
}

/**
 * A later re-send of customer `index` with changed contact details or segment: the kind of late update
 * a pipeline must resolve by keeping the last record per customer_id. `update` numbers the updates.
 */
export function customerUpdateRow(plan: RetailPlan, index: number, update: number): Row {
  const row = customerRow(plan, index);
  const rng = Rng.of(plan.seed, STREAM.customerUpdate, update);
  const changes = 1 + rng.int(3);
  for (let c = 0; c < changes; c++) {
    switch (rng.int(4)) {
      case 0:
        row[3] = `${String(row[1]).toLowerCase()}${String(row[2]).toLowerCase()}${index + 1}@${EMAIL_DOMAIN}`;
        break;
      case 1:
        row[4] = phone(rng);
        break;
      case 2:
        row[8] = CUSTOMER_SEGMENTS[rng.int(CUSTOMER_SEGMENTS.length)]!;
        break;
      default:
        row[9] = CHANNELS[rng.int(CHANNELS.length)]!;
    }
  }
  return row;
}

/** Spend before the activity window, from the customer's propensity: the seed's lifetime values span $950–$18,750. */
export function historicSpendCents(plan: RetailPlan, traits: CustomerTraits): number {
  const years = Math.max(0, plan.activityStart - traits.registeredAt) / YEAR_MS;
  return Math.round(traits.weight * 90_000 * years);
}

/** Who buys, uses the app or calls support at a given time: weighted draws among registered, not-churned customers. */
export class Population {
  private readonly plan: RetailPlan;
  private readonly buyers: AliasTable;
  private readonly engaged: AliasTable;

  constructor(plan: RetailPlan) {
    this.plan = plan;
    const spend = new Float64Array(plan.customers);
    const engagement = new Float64Array(plan.customers);
    for (let i = 0; i < plan.customers; i++) {
      const t = customerTraits(plan, i);
      spend[i] = t.weight;
      // Engagement follows spend, damped: big spenders do not file proportionally more tickets.
      engagement[i] = Math.sqrt(t.weight) * (CHANNELS[t.channel] === "mobile" ? 2 : 1);
    }
    this.buyers = new AliasTable(spend);
    this.engaged = new AliasTable(engagement);
  }

  buyer(rng: Rng, at: number): number {
    return this.draw(this.buyers, rng, at);
  }

  engagedCustomer(rng: Rng, at: number): number {
    return this.draw(this.engaged, rng, at);
  }

  private draw(table: AliasTable, rng: Rng, at: number): number {
    for (let attempt = 0; attempt < 32; attempt++) {
      const i = table.draw(rng);
      const t = customerTraits(this.plan, i);
      if (t.registeredAt < at && at < t.churnAt) return i;
    }
    // Customer 0 registers first, when the history starts, so it is always a valid fallback.
    return 0;
  }
}
