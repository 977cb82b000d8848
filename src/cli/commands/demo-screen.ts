import type { Row } from "../../common/value.ts";
import { freshnessSlo, type ProductDescriptor } from "../../product/index.ts";
import { CUSTOMER_SHAPE, CUSTOMER_VIEW, type Customer } from "../../serve/c360/customers.ts";
import {
  avg,
  type BoundQuery,
  bindQuery,
  count,
  countWhere,
  type NoParams,
  percentWhere,
  type Query,
  recordEncoder,
  sum,
  tableRelation,
} from "../../serve/endpoints/index.ts";
import type { LiveShop, ShopStart } from "./demo-shop.ts";

/** The one-screen summary's numbers, over the view's current rows. */
const KPIS: Query<Customer> = {
  groupBy: [],
  select: {
    customers: count(),
    active: countWhere((c) => c.customer_status === "Active"),
    at_risk: countWhere((c) => c.customer_status === "At Risk"),
    churned: countWhere((c) => c.customer_status === "Churned"),
    never_purchased: countWhere((c) => c.customer_status === "Never Purchased"),
    revenue: sum("total_spent"),
    avg_health_score: avg("customer_health_score"),
    churn_risk_pct: percentWhere((c) => c.churn_risk_flag === 1),
    app_adoption_pct: percentWhere((c) => c.is_app_user === 1),
  },
};

export interface DemoSummary {
  /** Shop time, ISO-8601 UTC. */
  readonly shop_time: string;
  readonly running_seconds: number;
  /** How this run got its first view: built from scratch, or resumed from checkpoints (and at what cost). */
  readonly start: ShopStart;
  readonly kpis: Record<string, unknown>;
  readonly events: {
    readonly history: number;
    readonly live: number;
    /** Live events per second over the last 10 seconds. */
    readonly per_second: number;
  };
  readonly view: {
    readonly changes: number;
    /** Milliseconds since the view last changed, on the shop clock; null before its first change. */
    readonly freshness_ms: number | null;
    readonly slo_ms: number | null;
    readonly slo_met: boolean | null;
  };
}

/** Samples the shop once a second and measures its live event rate over a sliding window. */
export class DemoMeter {
  private readonly shop: LiveShop;
  private readonly sloMs: number | null;
  private readonly kpis: BoundQuery<NoParams>;
  private readonly encode: (row: Row) => Record<string, unknown>;
  private readonly started = performance.now();
  private readonly samples: { at: number; events: number }[] = [];

  constructor(shop: LiveShop, descriptor: ProductDescriptor) {
    this.shop = shop;
    this.sloMs = freshnessSlo(descriptor.contract)?.maxAgeMs ?? null;
    this.kpis = bindQuery(
      KPIS,
      tableRelation(shop.engine.table(CUSTOMER_VIEW), CUSTOMER_SHAPE),
      "demo summary",
    );
    this.encode = recordEncoder(this.kpis.fields);
  }

  sample(): DemoSummary {
    const now = performance.now();
    this.samples.push({ at: now, events: this.shop.liveEvents });
    while (this.samples.length > 1 && now - this.samples[0]!.at > 10_000) this.samples.shift();
    const first = this.samples[0]!;
    const seconds = (now - first.at) / 1000;
    const view = this.shop.engine.table(CUSTOMER_VIEW);
    const last = view.endOffset === 0 ? undefined : view.changes(view.endOffset - 1, 1)[0]?.timestamp;
    const shopNow = this.shop.now();
    const age = last === undefined ? null : Math.max(0, shopNow - last);
    return {
      shop_time: new Date(shopNow).toISOString(),
      running_seconds: Math.round((now - this.started) / 100) / 10,
      start: this.shop.startup!,
      kpis: this.encode(this.kpis.run({})[0]!),
      events: {
        history: this.shop.historyEvents,
        live: this.shop.liveEvents,
        per_second: seconds > 0 ? Math.round(((this.shop.liveEvents - first.events) / seconds) * 10) / 10 : 0,
      },
      view: {
        changes: view.endOffset,
        freshness_ms: age,
        slo_ms: this.sloMs,
        slo_met: this.sloMs === null || age === null ? null : age <= this.sloMs,
      },
    };
  }
}

const number = (n: unknown): string => (typeof n === "number" ? n.toLocaleString("en-US") : String(n ?? "–"));

/** The live block of the screen: a few lines, redrawn in place on a terminal. */
export function renderSummary(s: DemoSummary): string[] {
  const k = s.kpis;
  const freshness =
    s.view.freshness_ms === null
      ? "no change yet"
      : `last change ${(s.view.freshness_ms / 1000).toFixed(2)} s ago`;
  const slo =
    s.view.slo_ms === null ? "" : `   SLO ≤ ${s.view.slo_ms / 1000} s: ${s.view.slo_met ? "met" : "NOT met"}`;
  return [
    `shop time  ${s.shop_time.replace("T", " ").slice(0, 19)} UTC   running ${s.running_seconds.toFixed(0)} s`,
    `customers  ${number(k.customers)}   Active ${number(k.active)} · At Risk ${number(k.at_risk)} · Churned ${number(k.churned)} · Never Purchased ${number(k.never_purchased)}`,
    `events     ${number(s.events.live)} live (${s.events.per_second.toFixed(1)}/s) after ${number(s.events.history)} history   view changes ${number(s.view.changes)}`,
    `freshness  ${freshness}${slo}`,
    `state      ${renderStart(s.start)}`,
    `KPIs       revenue ${k.revenue ?? "0"} · avg health ${k.avg_health_score ?? "–"} · churn risk ${k.churn_risk_pct ?? "–"}% · app adoption ${k.app_adoption_pct ?? "–"}%`,
  ];
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;

/** How the run started, in one line: what a resume restored and re-read, against building from scratch. */
export function renderStart(start: ShopStart): string {
  if (start.kind === "built")
    return `built from scratch in ${seconds(start.ms)} (${start.statements} statements, checkpointed from now on)`;
  const faster = start.ms > 0 ? ` (${(start.buildMs / start.ms).toFixed(1)}× faster)` : "";
  const rebuilt = start.rebuilt.length > 0 ? `, REBUILT ${start.rebuilt.join(", ")}` : "";
  return (
    `resumed in ${seconds(start.ms)} vs ${seconds(start.buildMs)} to build the history from scratch${faster}: ` +
    `${start.restored.length} statements from checkpoints${rebuilt}; ${number(start.rawRestored)} raw events restored, ` +
    `${number(start.rawReread)} re-read`
  );
}

/** One line for logs when the output is not a terminal. */
export function renderSummaryLine(s: DemoSummary): string {
  const k = s.kpis;
  return `[${s.shop_time.slice(11, 19)}] customers ${k.customers}, live events ${s.events.live} (${s.events.per_second}/s), view changes ${s.view.changes}, freshness ${s.view.freshness_ms ?? "–"} ms, churn risk ${k.churn_risk_pct ?? "–"}%`;
}
