import type { TableView } from "../../engine/index.ts";
import { freshnessSlo } from "../../product/index.ts";
import type { ServedProduct } from "./served-product.ts";
import type { JsonSchema } from "./values/json-schema.ts";

/** When the table last changed (epoch ms), or undefined if it never has. */
export function lastChangeAt(table: TableView): number | undefined {
  if (table.endOffset === 0) return undefined;
  return table.changes(table.endOffset - 1, 1)[0]?.timestamp;
}

/**
 * A product's live numbers: its row count, the offset its changelog has reached, and its freshness
 * (time since the last change) against the contract's freshness SLO. An idle source looks stale by
 * this measure; that is the point of publishing it next to the SLO.
 */
export function productStats(product: ServedProduct, now: number) {
  const last = lastChangeAt(product.table);
  const slo = freshnessSlo(product.descriptor.contract);
  const age = last === undefined ? null : Math.max(0, now - last);
  return {
    rows: product.table.rows().length,
    changelog_offset: product.table.changelog.endOffset,
    freshness: {
      last_change_at: last === undefined ? null : new Date(last).toISOString(),
      age_ms: age,
      slo: slo
        ? {
            property: slo.property,
            max_age_ms: slo.maxAgeMs,
            stated: slo.text,
            met: age !== null && age <= slo.maxAgeMs,
          }
        : null,
    },
  };
}

export const STATS_SCHEMA: JsonSchema = {
  type: "object",
  properties: {
    rows: { type: "integer", description: "Rows in the product's table now." },
    changelog_offset: {
      type: "integer",
      description:
        "The offset the next change will get: GET …/changes?from= this value follows only new changes.",
    },
    freshness: {
      type: "object",
      properties: {
        last_change_at: { type: ["string", "null"], format: "date-time" },
        age_ms: { type: ["integer", "null"], description: "Milliseconds since the last change." },
        slo: {
          type: ["object", "null"],
          description: "The contract's latency/freshness SLO and whether the age is within it.",
          properties: {
            property: { type: "string" },
            max_age_ms: { type: "number" },
            stated: { type: "string" },
            met: { type: "boolean" },
          },
        },
      },
    },
  },
  required: ["rows", "changelog_offset", "freshness"],
};
