/**
 * Options → a resolved plan: sizes of every data set, the time window and the dirt rates.
 * Ratios default to the seed's (15 customers, 20 transactions, 25 items, 17 tickets, 20 app sessions,
 * 25 products, 10 suppliers, 40 product–supplier links, 5 warehouses + 10 stores), so
 * `customers: 15` reproduces the seed's row counts for the independently sized data sets.
 */
import { MS_PER_DAY, parseInstant } from "./time.ts";

export interface RetailRatios {
  /** Seed: 20 transactions / 15 customers. */
  readonly transactionsPerCustomer: number;
  /** Seed: 25 items / 20 transactions (expected value; 1 item, sometimes more). */
  readonly itemsPerTransaction: number;
  /** Seed: 17 tickets / 15 customers. */
  readonly ticketsPerCustomer: number;
  /** Seed: 20 sessions / 15 customers. */
  readonly sessionsPerCustomer: number;
  /** Seed: 15 of 25 products have a second supplier. */
  readonly secondarySupplierShare: number;
  /**
   * Share of in-store purchases delivered home. The seed ships every transaction (store ones from the
   * store); shipping every till receipt is unrealistic at scale, so only this share of store sales ships.
   */
  readonly storeShipmentShare: number;
}

export const SEED_RATIOS: RetailRatios = {
  transactionsPerCustomer: 20 / 15,
  itemsPerTransaction: 25 / 20,
  ticketsPerCustomer: 17 / 15,
  sessionsPerCustomer: 20 / 15,
  secondarySupplierShare: 15 / 25,
  storeShipmentShare: 0.3,
};

export interface RetailDirtOptions {
  /** Share of events emitted twice, byte for byte (a producer retry). */
  readonly duplicateRate: number;
  /** Later re-sends of a customer with changed contact fields, per customer. */
  readonly lateUpdateRate: number;
  /** Share of rows with one nullable column blanked. */
  readonly nullRate: number;
  /** Share of rows that CSV/JSON writers render unparseable (bad number, bad date, truncated line). */
  readonly malformedRate: number;
}

export const DEFAULT_DIRT: RetailDirtOptions = {
  duplicateRate: 0.01,
  lateUpdateRate: 0.02,
  nullRate: 0.01,
  malformedRate: 0.005,
};

export const NO_DIRT: RetailDirtOptions = {
  duplicateRate: 0,
  lateUpdateRate: 0,
  nullRate: 0,
  malformedRate: 0,
};

export interface RetailOptions {
  /** Any 32-bit integer; the same seed and options give byte-identical output. */
  readonly seed?: number;
  /** Default 15, the seed's size. */
  readonly customers?: number;
  /** End of the generated history (exclusive), floored to midnight UTC. Default 2024-06-16. */
  readonly asOf?: string | number;
  /** Days of sales, app and support activity before `asOf`. Default 730. */
  readonly activityDays?: number;
  /** Days over which customers registered before `asOf`. Default 2190 (6 years; the seed's span). */
  readonly registrationDays?: number;
  readonly ratios?: Partial<RetailRatios>;
  /** Dirt rates; `false` for clean data. */
  readonly dirt?: Partial<RetailDirtOptions> | false;
}

export interface RetailPlan {
  readonly seed: number;
  readonly customers: number;
  readonly transactions: number;
  readonly tickets: number;
  readonly sessions: number;
  readonly products: number;
  readonly suppliers: number;
  readonly warehouses: number;
  readonly stores: number;
  readonly lateUpdates: number;
  /** Millis, midnight UTC; the history ends just before. */
  readonly asOf: number;
  /** First millisecond of sales, app and support activity. */
  readonly activityStart: number;
  /** First millisecond of the history: the first customer registers then. */
  readonly historyStart: number;
  /** When loyalty balances and inventory levels are exported: 09:30 on the last day (the seed's time). */
  readonly snapshotTime: number;
  readonly ratios: RetailRatios;
  readonly dirt: RetailDirtOptions;
}

export const DEFAULT_AS_OF = "2024-06-16";

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0)
    throw new RangeError(`retail option ${name} must be ≥ 0, got ${value}`);
  return value;
}

export function planRetail(options: RetailOptions = {}): RetailPlan {
  const customers = Math.floor(positive("customers", options.customers ?? 15));
  if (customers < 1) throw new RangeError("retail option customers must be ≥ 1");
  const ratios = { ...SEED_RATIOS, ...options.ratios };
  for (const [name, value] of Object.entries(ratios)) positive(name, value);
  const dirt = options.dirt === false ? NO_DIRT : { ...DEFAULT_DIRT, ...options.dirt };
  for (const [name, value] of Object.entries(dirt)) positive(name, value);
  const asOf = Math.floor(parseInstant(options.asOf ?? DEFAULT_AS_OF) / MS_PER_DAY) * MS_PER_DAY;
  const activityDays = Math.max(1, Math.floor(positive("activityDays", options.activityDays ?? 730)));
  const registrationDays = Math.max(
    activityDays,
    Math.floor(positive("registrationDays", options.registrationDays ?? 2190)),
  );
  // Reference data grows with the square root of the population: a retailer with a million
  // customers has thousands of products and stores, not a million.
  const catalogScale = Math.sqrt(customers / 15);
  return {
    seed: (options.seed ?? 1) | 0,
    customers,
    transactions: Math.round(customers * ratios.transactionsPerCustomer),
    tickets: Math.round(customers * ratios.ticketsPerCustomer),
    sessions: Math.round(customers * ratios.sessionsPerCustomer),
    products: Math.max(1, Math.round(25 * catalogScale)),
    suppliers: Math.max(1, Math.round(10 * catalogScale)),
    warehouses: Math.max(1, Math.round(5 * catalogScale)),
    stores: Math.max(1, Math.round(10 * catalogScale)),
    lateUpdates: Math.round(customers * dirt.lateUpdateRate),
    asOf,
    activityStart: asOf - activityDays * MS_PER_DAY,
    historyStart: asOf - registrationDays * MS_PER_DAY,
    snapshotTime: asOf - MS_PER_DAY + 9.5 * 3_600_000,
    ratios,
    dirt,
  };
}
