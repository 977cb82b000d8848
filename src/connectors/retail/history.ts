/**
 * The retail history as one stream of events in event-time order across all 14 data sets, produced
 * lazily one day at a time: memory holds one day's events plus the next few days' scheduled parcels,
 * the per-customer sampling tables (typed arrays) and the catalog, never whole data sets.
 */
import type { Row } from "../../common/value.ts";
import { DailyAllocation, shoppingWeight, supportWeight } from "./calendar.ts";
import { buildCatalog, type Catalog, inventoryRows } from "./catalog.ts";
import { customerRow, customerTraits, customerUpdateRow, Population } from "./customers.ts";
import { Dirt, type DraftEvent } from "./dirt.ts";
import {
  APP_HOURS,
  buildSession,
  buildTicket,
  SHOPPING_HOURS,
  SUPPORT_HOURS,
  timeInDay,
} from "./engagement.ts";
import type { RetailEvent } from "./events.ts";
import { buildShipment } from "./logistics.ts";
import { loyaltyRow, SpendLedger } from "./loyalty.ts";
import { planRetail, type RetailOptions, type RetailPlan } from "./plan.ts";
import { cumulative, Rng } from "./random.ts";
import { RegionalDay } from "./regional.ts";
import { emptyReport, type RetailCursor, type RetailReport } from "./report.ts";
import { buildSale } from "./sales.ts";
import type { RetailDataSetName } from "./schemas.ts";
import { STREAM } from "./streams.ts";
import { dayOf, MS_PER_DAY, MS_PER_SECOND } from "./time.ts";

const SHOPPING_CUMULATIVE = cumulative(SHOPPING_HOURS);
const APP_CUMULATIVE = cumulative(APP_HOURS);
const SUPPORT_CUMULATIVE = cumulative(SUPPORT_HOURS);

function draft(dataSet: RetailDataSetName, row: Row, eventTime: number): DraftEvent {
  return { dataSet, row, eventTime, malformed: null };
}

/** `count` random times in `day` following an hour profile, ascending, so ids rise with time. */
function sortedTimes(rng: Rng, day: number, count: number, hours: readonly number[]): Float64Array {
  const times = new Float64Array(count);
  for (let i = 0; i < count; i++) times[i] = timeInDay(rng, day, hours);
  return times.sort();
}

/**
 * One run of the generator. Iterate it (once per run; a new iteration starts over and resets the
 * report); `report` is complete when the iteration ends.
 */
export class RetailGeneration implements Iterable<RetailEvent> {
  readonly plan: RetailPlan;
  private current: RetailReport = emptyReport();
  private finished: RetailCursor | null = null;

  constructor(options: RetailOptions = {}) {
    this.plan = planRetail(options);
  }

  get report(): RetailReport {
    return this.current;
  }

  /** The ids the history used, once an iteration has run to the end; null before. */
  get cursor(): RetailCursor | null {
    return this.finished;
  }

  [Symbol.iterator](): Iterator<RetailEvent> {
    return this.events();
  }

  private *events(): Generator<RetailEvent> {
    const plan = this.plan;
    const report = emptyReport();
    this.current = report;
    this.finished = null;
    const dirt = new Dirt(plan.seed, plan.dirt, report);
    const catalog = buildCatalog(plan);
    const population = new Population(plan);
    const ledger = new SpendLedger(plan);
    const regional = new RegionalDay();
    const firstDay = dayOf(plan.historyStart);
    const lastDay = dayOf(plan.asOf) - 1;
    const activityFirstDay = dayOf(plan.activityStart);
    const activityDays = lastDay - activityFirstDay + 1;
    const progress = (d: number) => d / activityDays;
    const transactions = new DailyAllocation(plan.transactions, activityDays, (d) =>
      shoppingWeight(activityFirstDay + d, progress(d), 0.3),
    );
    const sessions = new DailyAllocation(plan.sessions, activityDays, (d) =>
      shoppingWeight(activityFirstDay + d, progress(d), 1),
    );
    const tickets = new DailyAllocation(plan.tickets, activityDays, (d) =>
      supportWeight(activityFirstDay + d, progress(d), 0.3),
    );
    // Updates start the day after the first registration, so there is always someone to update.
    const updates = new DailyAllocation(plan.lateUpdates, lastDay - firstDay + 1, (d) => (d === 0 ? 0 : 1));
    const pending = new Map<number, DraftEvent[]>();
    const schedule = (event: DraftEvent) => {
      const day = dayOf(event.eventTime);
      const list = pending.get(day);
      if (list) list.push(event);
      else pending.set(day, [event]);
    };
    let nextCustomer = 0;
    let nextProduct = 0;
    let transactionNumber = 0;
    let itemNumber = 0;
    let sessionNumber = 0;
    let ticketNumber = 0;
    let shipmentNumber = 0;
    let trackingNumber = 0;
    let updateNumber = 0;

    for (let day = firstDay; day <= lastDay; day++) {
      const dayEnd = (day + 1) * MS_PER_DAY;
      const bucket = pending.get(day) ?? [];
      pending.delete(day);
      if (day === firstDay) {
        for (const l of [...catalog.warehouses, ...catalog.stores])
          bucket.push(draft("warehouse_locations", l.row, plan.historyStart));
        for (const s of catalog.suppliers) bucket.push(draft("suppliers", s, plan.historyStart));
      }
      while (
        nextProduct < catalog.productsByCreation.length &&
        catalog.productsByCreation[nextProduct]!.createdAt < dayEnd
      ) {
        const product = catalog.productsByCreation[nextProduct++]!;
        bucket.push(draft("products", product.row, product.createdAt));
        for (const link of product.suppliers)
          bucket.push(draft("product_suppliers", link, product.createdAt));
      }
      const registeredBefore = nextCustomer;
      while (nextCustomer < plan.customers) {
        const registeredAt = customerTraits(plan, nextCustomer).registeredAt;
        if (registeredAt >= dayEnd) break;
        bucket.push(draft("customers", customerRow(plan, nextCustomer++), registeredAt));
      }
      const updateCount = registeredBefore > 0 ? updates.count(day - firstDay) : 0;
      if (updateCount > 0) {
        const rng = Rng.of(plan.seed, STREAM.dayUpdates, day);
        for (let k = 0; k < updateCount; k++) {
          const customer = rng.int(registeredBefore);
          const at = day * MS_PER_DAY + rng.int(86_400) * MS_PER_SECOND;
          bucket.push(draft("customers", customerUpdateRow(plan, customer, updateNumber++), at));
          report.lateUpdates.customers++;
        }
      }

      const activityDay = day - activityFirstDay;
      if (activityDay >= 0) {
        let rng = Rng.of(plan.seed, STREAM.dayTransactions, day);
        for (const at of sortedTimes(rng, day, transactions.count(activityDay), SHOPPING_CUMULATIVE)) {
          const customer = population.buyer(rng, at);
          const traits = customerTraits(plan, customer);
          const sale = buildSale(
            rng,
            catalog,
            plan.ratios.itemsPerTransaction,
            ++transactionNumber,
            itemNumber + 1,
            at,
            customer,
            traits,
          );
          itemNumber += sale.items.length;
          bucket.push(draft("transactions", sale.transaction, at));
          for (const item of sale.items) bucket.push(draft("transaction_items", item, at));
          ledger.record(customer, at, sale.totalCents);
          regional.record(traits.city, sale.totalCents);
          if (sale.channel === "store" && !rng.chance(plan.ratios.storeShipmentShare)) continue;
          const home = customerRow(plan, customer);
          const shipment = buildShipment(rng, catalog, plan.asOf, shipmentNumber + 1, trackingNumber + 1, {
            transactionId: sale.transaction[0] as string,
            soldAt: at,
            weightGrams: sale.weightGrams,
            store: sale.store,
            customerCity: traits.city,
            destination: `${home[10]} ${home[11]} ${home[12]}`,
          });
          if (!shipment) continue;
          shipmentNumber++;
          trackingNumber += shipment.tracking.length;
          schedule(draft("shipments", shipment.row, shipment.at));
          for (const step of shipment.tracking) schedule(draft("tracking_events", step.row, step.at));
        }
        rng = Rng.of(plan.seed, STREAM.daySessions, day);
        for (const at of sortedTimes(rng, day, sessions.count(activityDay), APP_CUMULATIVE)) {
          const customer = population.engagedCustomer(rng, at);
          bucket.push(
            draft(
              "app_usage",
              buildSession(rng, ++sessionNumber, at, customer, customerTraits(plan, customer)),
              at,
            ),
          );
        }
        rng = Rng.of(plan.seed, STREAM.dayTickets, day);
        for (const at of sortedTimes(rng, day, tickets.count(activityDay), SUPPORT_CUMULATIVE)) {
          const customer = population.engagedCustomer(rng, at);
          bucket.push(
            draft("support_tickets", buildTicket(rng, plan.asOf, ++ticketNumber, at, customer), at),
          );
        }
        // The day's regional summary closes the day.
        for (const row of regional.close(day)) bucket.push(draft("regional_sales", row, dayEnd - 1));
      }

      bucket.sort((a, b) => a.eventTime - b.eventTime);
      const ordered = day === lastDay ? this.withSnapshot(bucket, catalog, ledger) : bucket;
      for (const event of ordered) {
        const duplicate = dirt.apply(event);
        yield event;
        if (duplicate) yield { ...event, row: event.row.slice() };
      }
    }
    this.finished = {
      customers: plan.customers,
      transactions: transactionNumber,
      items: itemNumber,
      sessions: sessionNumber,
      tickets: ticketNumber,
      updates: updateNumber,
    };
  }

  /**
   * The last day's events with the snapshot spliced in at its time: loyalty balances and stock levels
   * as exported then, generated one customer at a time.
   */
  private *withSnapshot(
    bucket: readonly DraftEvent[],
    catalog: Catalog,
    ledger: SpendLedger,
  ): Generator<DraftEvent> {
    const plan = this.plan;
    let i = 0;
    while (i < bucket.length && bucket[i]!.eventTime < plan.snapshotTime) yield bucket[i++]!;
    for (let c = 0; c < plan.customers; c++) {
      const traits = customerTraits(plan, c);
      if (traits.registeredAt >= plan.snapshotTime) break;
      yield draft("loyalty_program", loyaltyRow(plan, c, traits, ledger), plan.snapshotTime);
    }
    for (const row of inventoryRows(plan, catalog)) yield draft("inventory", row, plan.snapshotTime);
    while (i < bucket.length) yield bucket[i++]!;
  }
}

/** The retail history for the options: iterate it for events in event-time order. */
export function generateRetail(options: RetailOptions = {}): RetailGeneration {
  return new RetailGeneration(options);
}
