import type { Changelog, TableView } from "../../engine/index.ts";
import {
  avg,
  bindQuery,
  count,
  countWhere,
  type Query,
  type Relation,
  recordEncoder,
  recordSchema,
} from "../endpoints/index.ts";
import type { ProductEndpoint } from "../rest/product-endpoint.ts";
import { productStats, STATS_SCHEMA } from "../rest/product-stats.ts";
import type { Customer } from "./customers.ts";

/** Admin: whether the product's data is there and fresh, and how the service behind it is doing. */

/** The seed's health-check query over the view. */
const HEALTH_COUNTS: Query<Customer> = {
  groupBy: [],
  select: {
    total_customers: count(),
    customers_with_purchases: countWhere((c) => (c.total_transactions ?? 0) > 0),
    app_engaged_customers: countWhere((c) => c.is_app_user === 1),
    customers_with_support: countWhere((c) => (c.total_support_tickets ?? 0) > 0),
    avg_health_score: avg("customer_health_score"),
  },
};

type HealthStatus = "ok" | "stale" | "empty";

export function healthEndpoint(customers: Relation<Customer>): ProductEndpoint {
  const counts = bindQuery(HEALTH_COUNTS, customers, "admin/health");
  const encode = recordEncoder(counts.fields);
  const countsSchema = recordSchema(counts.fields);
  return {
    path: "admin/health",
    summary: "Whether the product's data is there and fresh",
    description:
      "status is `empty` while the view has no customer, `stale` when its last change is older than " +
      "the contract's freshness SLO (an idle stream looks stale: that is the point), `ok` otherwise. " +
      "Counts are over the view's current rows; freshness is the product's, as GET /products/{id} gives it.",
    response: {
      type: "object",
      properties: {
        status: { type: "string", enum: ["ok", "stale", "empty"] },
        ...(countsSchema.properties as object),
        freshness: (STATS_SCHEMA.properties as Record<string, unknown>).freshness,
      },
      required: ["status", ...(countsSchema.required as string[]), "freshness"],
    },
    handle({ product, server }) {
      const [row] = counts.run({});
      const stats = productStats(product, server.now());
      const status: HealthStatus =
        stats.rows === 0 ? "empty" : stats.freshness.slo && !stats.freshness.slo.met ? "stale" : "ok";
      return { status, ...encode(row!), freshness: stats.freshness };
    },
  };
}

const MINUTE = 60_000;

export function metricsEndpoint(view: TableView): ProductEndpoint {
  return {
    path: "admin/metrics",
    summary: "Requests, errors, latency and the view's change rate, measured",
    description:
      "The REST server's requests since it started (this one not yet counted): how many, the share " +
      "answered with an error status (4xx or 5xx), the mean time to answer; and the view's rows, the " +
      "offset of its changelog and its changes in the last minute. The seed's cache_hit_rate is not " +
      "given: nothing is cached, every answer is computed from the live rows. Prometheus text of the " +
      "same server is at GET /metrics.",
    response: {
      type: "object",
      properties: {
        uptime_seconds: { type: "number" },
        total_requests: { type: "integer" },
        client_errors: { type: "integer", description: "Requests answered 4xx." },
        server_errors: { type: "integer", description: "Requests answered 5xx." },
        error_rate: { type: ["number", "null"], description: "(client + server errors) / requests." },
        avg_response_time_ms: { type: ["number", "null"] },
        rows: { type: "integer" },
        changelog_offset: { type: "integer" },
        changes_last_minute: { type: "integer" },
        timestamp: { type: "string", format: "date-time" },
      },
      required: [
        "uptime_seconds",
        "total_requests",
        "client_errors",
        "server_errors",
        "error_rate",
        "avg_response_time_ms",
        "rows",
        "changelog_offset",
        "changes_last_minute",
        "timestamp",
      ],
    },
    handle({ server }) {
      const now = server.now();
      const requests = server.requests();
      const errors = requests.clientErrors + requests.serverErrors;
      return {
        uptime_seconds: (now - server.startedAt) / 1000,
        total_requests: requests.total,
        client_errors: requests.clientErrors,
        server_errors: requests.serverErrors,
        error_rate: requests.total === 0 ? null : errors / requests.total,
        avg_response_time_ms: requests.meanLatencyMs,
        rows: view.rows().length,
        changelog_offset: view.changelog.endOffset,
        changes_last_minute: view.changelog.endOffset - firstChangeSince(view.changelog, now - MINUTE),
        timestamp: new Date(now).toISOString(),
      };
    },
  };
}

/**
 * The offset of the first change at or after `since` (changes are appended in time order), counting
 * from the oldest retained; a compacted log's missing offsets count as the change after them.
 */
function firstChangeSince(changelog: Changelog, since: number): number {
  let low = changelog.startOffset;
  let high = changelog.endOffset;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const change = changelog.read(middle, 1)[0];
    if (change !== undefined && change.timestamp < since) low = change.offset + 1;
    else high = middle;
  }
  return low;
}
