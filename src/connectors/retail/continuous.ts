/**
 * Continuous mode: after the history, the shop keeps trading. New transactions (with their items), app
 * sessions, support tickets, customer updates and sign-ups arrive at a fixed rate in events per second,
 * paced by an injectable clock. Event k is due at `start + k·1000/rate` and is never emitted before
 * the clock reaches it; the mix follows the plan's daily volumes.
 */
import type { Row } from "../../common/value.ts";
import { buildCatalog } from "./catalog.ts";
import { type Clock, systemClock } from "./clock.ts";
import { customerRow, customerTraits, customerUpdateRow, Population } from "./customers.ts";
import { buildSession, buildTicket } from "./engagement.ts";
import type { RetailEvent } from "./events.ts";
import { planRetail, type RetailOptions } from "./plan.ts";
import { cumulative, Rng } from "./random.ts";
import type { RetailCursor } from "./report.ts";
import { buildSale } from "./sales.ts";
import type { RetailDataSetName } from "./schemas.ts";
import { STREAM } from "./streams.ts";

/** Without a cursor, continuous ids start above any history of up to a billion rows per kind. */
const DETACHED_START = 1_000_000_000;

export interface ContinuousOptions extends RetailOptions {
  readonly ratePerSecond: number;
  readonly clock?: Clock;
  /** Time of event 0; default the clock's now. */
  readonly start?: number;
  /** Stop before the first event due at or after this time. */
  readonly until?: number;
  readonly maxEvents?: number;
  /** Continue the numbering of a finished history (`RetailGeneration.cursor`). */
  readonly after?: RetailCursor;
}

type Kind = "transaction" | "session" | "ticket" | "update" | "signup";
const KINDS: readonly Kind[] = ["transaction", "session", "ticket", "update", "signup"];

interface Pending {
  readonly dataSet: RetailDataSetName;
  readonly row: Row;
}

export async function* continuousRetailEvents(options: ContinuousOptions): AsyncGenerator<RetailEvent> {
  const rate = options.ratePerSecond;
  if (!(rate > 0) || !Number.isFinite(rate)) throw new RangeError(`ratePerSecond must be > 0, got ${rate}`);
  const plan = planRetail(options);
  const clock = options.clock ?? systemClock;
  const start = options.start ?? clock.now();
  const catalog = buildCatalog(plan);
  const population = new Population(plan);
  const rng = Rng.of(plan.seed, STREAM.continuous, 0);
  const next = options.after ?? {
    customers: DETACHED_START,
    transactions: DETACHED_START,
    items: DETACHED_START,
    sessions: DETACHED_START,
    tickets: DETACHED_START,
    updates: DETACHED_START,
  };
  let { customers, transactions, items, sessions, tickets, updates } = next;
  // Daily volumes of the history set the mix: purchases and app use dominate, sign-ups and updates are rare.
  const activityDays = (plan.asOf - plan.activityStart) / 86_400_000;
  const historyDays = (plan.asOf - plan.historyStart) / 86_400_000;
  const mix = cumulative([
    plan.transactions / activityDays,
    plan.sessions / activityDays,
    plan.tickets / activityDays,
    Math.max(plan.lateUpdates, plan.customers * 0.02) / historyDays,
    plan.customers / historyDays,
  ]);
  const queue: Pending[] = [];

  const fill = (at: number) => {
    switch (KINDS[rng.weighted(mix)]!) {
      case "transaction": {
        const customer = population.buyer(rng, at);
        const sale = buildSale(
          rng,
          catalog,
          plan.ratios.itemsPerTransaction,
          ++transactions,
          items + 1,
          at,
          customer,
          customerTraits(plan, customer),
        );
        items += sale.items.length;
        queue.push({ dataSet: "transactions", row: sale.transaction });
        for (const item of sale.items) queue.push({ dataSet: "transaction_items", row: item });
        return;
      }
      case "session": {
        const customer = population.engagedCustomer(rng, at);
        queue.push({
          dataSet: "app_usage",
          row: buildSession(rng, ++sessions, at, customer, customerTraits(plan, customer)),
        });
        return;
      }
      case "ticket":
        // Filed just now, so still open.
        queue.push({
          dataSet: "support_tickets",
          row: buildTicket(rng, at, ++tickets, at, population.engagedCustomer(rng, at)),
        });
        return;
      case "update":
        queue.push({
          dataSet: "customers",
          row: customerUpdateRow(plan, rng.int(plan.customers), updates++),
        });
        return;
      case "signup": {
        const row = customerRow(plan, customers++);
        row[7] = at;
        queue.push({ dataSet: "customers", row });
      }
    }
  };

  for (let k = 0; options.maxEvents === undefined || k < options.maxEvents; k++) {
    const at = start + Math.floor((k * 1000) / rate);
    if (options.until !== undefined && at >= options.until) return;
    const wait = at - clock.now();
    if (wait > 0) await clock.sleep(wait);
    if (queue.length === 0) fill(at);
    const { dataSet, row } = queue.shift()!;
    yield { dataSet, row, eventTime: at, malformed: null };
  }
}
