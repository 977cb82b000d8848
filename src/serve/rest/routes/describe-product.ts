import type { QualityRule, SlaProperty } from "../../../product/index.ts";
import { formatDataType } from "../../../sql/types/format-type.ts";
import type { ServedProduct } from "../served-product.ts";
import type { JsonSchema } from "../values/json-schema.ts";
import { productPath } from "./route-context.ts";

/** Where each port type is served by this server; other ports are served elsewhere (SQL endpoint, exports). */
function portHref(product: ServedProduct, type: string): string | null {
  if (type === "api") return productPath(product.id, "/records");
  if (type === "stream") return productPath(product.id, "/changes");
  return null;
}

/** The short form the catalog lists. */
export function productSummary(product: ServedProduct) {
  const p = product.descriptor.product;
  return {
    id: p.id,
    name: p.name,
    domain: p.domain,
    owner: p.owner,
    status: p.status,
    purpose: p.purpose,
    href: productPath(p.id),
    ports: p.outputPorts.map((port) => ({
      name: port.name,
      type: port.type,
      version: port.version ?? null,
      contract_id: port.contractId,
      href: portHref(product, port.type),
    })),
  };
}

/** The full descriptor: the product, its contract as served (names, Flink types, tags, rules, SLAs). */
export function productDescription(product: ServedProduct) {
  const { product: p, contract } = product.descriptor;
  return {
    ...productSummary(product),
    version: p.version ?? null,
    limitations: p.limitations ?? null,
    usage: p.usage ?? null,
    tags: p.tags,
    team: p.members.map((m) => ({ username: m.username, role: m.role ?? null })),
    contract: {
      id: contract.id,
      version: contract.version,
      status: contract.status,
      table: contract.object.table,
      description: contract.object.description ?? null,
      primary_key: product.key.map((c) => c.name),
      columns: product.columns.map((c) => ({
        name: c.name,
        flink_type: formatDataType(c.type),
        logical_type: c.contract.logicalType,
        description: c.contract.description ?? null,
        required: c.contract.required,
        classification: c.contract.classification ?? null,
        tags: c.contract.tags,
        quality: c.contract.quality.map(qualityJson),
      })),
      quality: contract.object.quality.map(qualityJson),
      sla: contract.sla.map(slaJson),
    },
  };
}

function qualityJson(rule: QualityRule) {
  const base = { kind: rule.kind, name: rule.name ?? null, description: rule.description ?? null };
  switch (rule.kind) {
    case "text":
      return base;
    case "sql":
      return { ...base, query: rule.query, operator: rule.threshold.operator, value: rule.threshold.value };
    case "library":
      return {
        ...base,
        metric: rule.metric,
        operator: rule.threshold.operator,
        value: rule.threshold.value,
        unit: rule.unit,
        ...(rule.validValues ? { valid_values: rule.validValues } : {}),
        ...(rule.pattern !== undefined ? { pattern: rule.pattern } : {}),
      };
    default:
      return rule satisfies never;
  }
}

function slaJson(sla: SlaProperty) {
  return sla.kind === "freshness"
    ? { property: sla.property, value: sla.text, max_age_ms: sla.maxAgeMs, element: sla.element ?? null }
    : { property: sla.property, value: String(sla.value), unit: sla.unit ?? null };
}

const nullableString = { type: ["string", "null"] };

const PORT_SCHEMA: JsonSchema = {
  type: "object",
  properties: {
    name: { type: "string" },
    type: { type: "string", enum: ["tables", "api", "files", "stream"] },
    version: nullableString,
    contract_id: { type: "string" },
    href: {
      ...nullableString,
      description: "Where this server serves the port; null when it is served elsewhere.",
    },
  },
  required: ["name", "type", "contract_id", "href"],
};

export const PRODUCT_SUMMARY_SCHEMA: JsonSchema = {
  $id: "ProductSummary",
  type: "object",
  properties: {
    id: { type: "string" },
    name: { type: "string" },
    domain: { type: "string" },
    owner: { type: "string", description: "The owning team." },
    status: { type: "string" },
    purpose: { type: "string" },
    href: { type: "string" },
    ports: { type: "array", items: PORT_SCHEMA },
  },
  required: ["id", "name", "domain", "owner", "status", "purpose", "href", "ports"],
};

const QUALITY_SCHEMA: JsonSchema = {
  type: "object",
  description:
    "An ODCS quality rule: a library metric, a SQL query or a text expectation, with its threshold.",
  properties: {
    kind: { type: "string", enum: ["library", "sql", "text"] },
    metric: { type: "string" },
    operator: { type: "string" },
    value: { anyOf: [{ type: "number" }, { type: "array", items: { type: "number" } }] },
    unit: { type: "string" },
  },
  required: ["kind"],
};

export const PRODUCT_DESCRIPTION_SCHEMA: JsonSchema = {
  $id: "ProductDescription",
  type: "object",
  properties: {
    ...(PRODUCT_SUMMARY_SCHEMA.properties as object),
    version: nullableString,
    limitations: nullableString,
    usage: nullableString,
    tags: { type: "array", items: { type: "string" } },
    team: { type: "array", items: { type: "object" } },
    contract: {
      type: "object",
      properties: {
        id: { type: "string" },
        version: { type: "string" },
        status: { type: "string" },
        table: { type: "string" },
        primary_key: { type: "array", items: { type: "string" } },
        columns: {
          type: "array",
          items: {
            type: "object",
            properties: {
              name: { type: "string" },
              flink_type: { type: "string" },
              logical_type: { type: "string" },
              description: nullableString,
              required: { type: "boolean" },
              classification: nullableString,
              tags: { type: "array", items: { type: "string" } },
              quality: { type: "array", items: QUALITY_SCHEMA },
            },
            required: ["name", "flink_type", "logical_type", "tags"],
          },
        },
        quality: { type: "array", items: QUALITY_SCHEMA },
        sla: { type: "array", items: { type: "object" } },
      },
      required: ["id", "version", "status", "table", "primary_key", "columns"],
    },
  },
  required: [...(PRODUCT_SUMMARY_SCHEMA.required as string[]), "contract"],
};
