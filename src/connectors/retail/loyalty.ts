/**
 * The loyalty program's export at the snapshot: lifetime value = spend before the activity window
 * (from the customer's propensity) + every completed purchase generated before the snapshot; tier from
 * lifetime value; points earned this year = 2 per dollar spent this year, as the seed's ratios suggest.
 */
import type { Row } from "../../common/value.ts";
import { type CustomerTraits, customerId, historicSpendCents } from "./customers.ts";
import type { RetailPlan } from "./plan.ts";
import { Rng } from "./random.ts";
import { STREAM } from "./streams.ts";
import { dayOf, MS_PER_DAY, startOfYear } from "./time.ts";
import { LOYALTY_TIERS, POINTS_PER_DOLLAR, REDEMPTION_SHARE, TIER_THRESHOLDS } from "./vocabulary.ts";

/** Per-customer spend in cents, fed by every generated sale before the snapshot. */
export class SpendLedger {
  readonly lifetime: Float64Array;
  readonly yearToDate: Float64Array;
  private readonly yearStart: number;
  private readonly snapshot: number;

  constructor(plan: RetailPlan) {
    this.lifetime = new Float64Array(plan.customers);
    this.yearToDate = new Float64Array(plan.customers);
    this.yearStart = startOfYear(dayOf(plan.snapshotTime)) * MS_PER_DAY;
    this.snapshot = plan.snapshotTime;
  }

  record(customer: number, at: number, cents: number): void {
    if (at >= this.snapshot) return;
    this.lifetime[customer]! += cents;
    if (at >= this.yearStart) this.yearToDate[customer]! += cents;
  }
}

function tierOf(lifetimeCents: number): number {
  let tier = 0;
  while (tier + 1 < TIER_THRESHOLDS.length && lifetimeCents >= TIER_THRESHOLDS[tier + 1]! * 100) tier++;
  return tier;
}

export function loyaltyRow(
  plan: RetailPlan,
  index: number,
  traits: CustomerTraits,
  ledger: SpendLedger,
): Row {
  const rng = Rng.of(plan.seed, STREAM.loyalty, index);
  const lifetime = historicSpendCents(plan, traits) + ledger.lifetime[index]!;
  const tier = tierOf(lifetime);
  const earned = Math.floor((ledger.yearToDate[index]! * POINTS_PER_DOLLAR) / 100);
  const [low, high] = REDEMPTION_SHARE;
  const redeemed = Math.floor(earned * (low + (high - low) * rng.next()));
  const registeredDay = dayOf(traits.registeredAt);
  const snapshotDay = dayOf(plan.snapshotTime);
  // Members start in Bronze; higher tiers were reached at some point in the last three years.
  const earliest = Math.max(registeredDay, snapshotDay - 3 * 365);
  const tierStart =
    tier === 0 || earliest >= snapshotDay ? registeredDay : earliest + rng.int(snapshotDay - earliest);
  return [
    customerId(index),
    LOYALTY_TIERS[tier]!,
    earned - redeemed,
    earned,
    redeemed,
    tierStart,
    BigInt(Math.round(lifetime)),
  ];
}
