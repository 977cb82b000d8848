import type { YamlField, YamlObject, YamlReader } from "../yaml/yaml-reader.ts";
import {
  QUALITY_METRICS,
  QUALITY_OPERATORS,
  type QualityOperator,
  type QualityRule,
  type QualityThreshold,
} from "./data-contract.ts";
import { optional } from "./read-data-product.ts";

const QUALITY_FIELDS = [
  "id",
  "name",
  "description",
  "type",
  "metric",
  "rule",
  "arguments",
  "unit",
  "query",
  "engine",
  "implementation",
  "dimension",
  "method",
  "severity",
  "businessImpact",
  "scheduler",
  "schedule",
  "tags",
  "customProperties",
  "authoritativeDefinitions",
  ...QUALITY_OPERATORS,
];
const ARGUMENT_FIELDS = ["validValues", "pattern", "missingValues", "properties"];
const DIMENSIONS = [
  "accuracy",
  "completeness",
  "conformity",
  "consistency",
  "coverage",
  "timeliness",
  "uniqueness",
] as const;

/** Where a rule is declared decides which metrics make sense there. */
export type QualityScope = "object" | "column";

/**
 * Reads one ODCS quality rule: a library metric, a SQL query or a text expectation, with exactly one
 * threshold operator for the first two. `custom` rules (vendor engines) are refused: nothing here could
 * run them, and a contract should not promise checks nobody makes.
 */
export function readQualityRule(
  reader: YamlReader,
  item: YamlField,
  scope: QualityScope,
): QualityRule | undefined {
  const rule = reader.object(item, QUALITY_FIELDS);
  if (!rule) return undefined;
  const before = reader.diagnostics.length;
  const metricKey = rule.has("rule") && !rule.has("metric") ? "rule" : "metric";
  const type =
    rule.choice("type", ["library", "sql", "text"]) ?? (rule.has(metricKey) ? "library" : undefined);
  const base = {
    ...optional("name", rule.string("name")),
    ...optional("severity", rule.string("severity")),
    ...optional("dimension", rule.choice("dimension", DIMENSIONS)),
    span: rule.span(),
  };
  const description = rule.string("description");
  switch (type) {
    case undefined:
      if (reader.diagnostics.length === before)
        reader.error(item, "product/missing-field", "needs a metric, or a type (library, sql or text)");
      return undefined;
    case "text": {
      if (description === undefined)
        reader.error(rule.get("description"), "product/missing-field", "is required");
      return description === undefined ? undefined : { kind: "text", ...base, description };
    }
    case "sql": {
      const query = rule.string("query", true);
      const threshold = readThreshold(reader, rule);
      if (query === undefined || !threshold || reader.diagnostics.length > before) return undefined;
      return { kind: "sql", ...base, ...optional("description", description), query, threshold };
    }
    case "library":
      return readLibraryRule(reader, rule, metricKey, scope, {
        ...base,
        ...optional("description", description),
      });
    default:
      return type satisfies never;
  }
}

function readLibraryRule(
  reader: YamlReader,
  rule: YamlObject,
  metricKey: string,
  scope: QualityScope,
  base: Omit<Extract<QualityRule, { kind: "library" }>, "kind" | "metric" | "threshold" | "unit">,
): QualityRule | undefined {
  const before = reader.diagnostics.length;
  const metric = rule.choice(metricKey, QUALITY_METRICS, true);
  const unit = rule.choice("unit", ["rows", "percent"]) ?? "rows";
  const threshold = readThreshold(reader, rule);
  const args = rule.object("arguments", ARGUMENT_FIELDS);
  const validValues = args?.has("validValues") ? scalars(reader, args.get("validValues")) : undefined;
  const pattern = args?.string("pattern");
  const missingValues = args?.has("missingValues") ? scalars(reader, args.get("missingValues")) : undefined;
  if (metric === "rowCount" && scope === "column")
    reader.error(
      rule.get(metricKey),
      "product/invalid-value",
      "rowCount applies to the whole table: declare it on the schema object",
    );
  if (metric !== undefined && metric !== "rowCount" && metric !== "duplicateValues" && scope === "object")
    reader.error(
      rule.get(metricKey),
      "product/invalid-value",
      `${metric} applies to a column: declare it on a property`,
    );
  if (metric === "invalidValues" && validValues === undefined && pattern === undefined)
    reader.error(
      rule.get("arguments"),
      "product/missing-field",
      "invalidValues needs arguments.validValues or arguments.pattern",
    );
  if (pattern !== undefined && !isRegExp(pattern))
    reader.error(args!.get("pattern"), "product/invalid-value", "is not a valid regular expression");
  if (unit === "percent" && threshold && outsidePercent(threshold))
    reader.error(rule.field, "product/invalid-value", "a percentage threshold must lie between 0 and 100");
  if (metric === undefined || !threshold || reader.diagnostics.length > before) return undefined;
  return {
    kind: "library",
    ...base,
    metric,
    threshold,
    unit,
    ...optional("validValues", validValues),
    ...optional("pattern", pattern),
    ...optional(
      "missingValues",
      missingValues?.filter((v): v is string | number => typeof v !== "boolean"),
    ),
  };
}

function readThreshold(reader: YamlReader, rule: YamlObject): QualityThreshold | undefined {
  const given = QUALITY_OPERATORS.filter((op) => rule.has(op));
  if (given.length !== 1) {
    reader.error(
      rule.field,
      given.length === 0 ? "product/missing-field" : "product/invalid-value",
      given.length === 0
        ? `needs one threshold: ${QUALITY_OPERATORS.join(", ")}`
        : `has ${given.length} thresholds (${given.join(", ")}); give exactly one`,
    );
    return undefined;
  }
  const operator = given[0]!;
  if (operator === "mustBeBetween" || operator === "mustNotBeBetween") {
    const bounds = reader.list(rule.get(operator), true).map((b) => reader.number(b, true));
    const [low, high] = bounds;
    if (bounds.length !== 2 || low === undefined || high === undefined || low > high) {
      reader.error(rule.get(operator), "product/invalid-value", "must be [low, high] with low ≤ high");
      return undefined;
    }
    return { operator, value: [low, high] };
  }
  const value = reader.number(rule.get(operator), true);
  return value === undefined
    ? undefined
    : { operator: operator as Exclude<QualityOperator, "mustBeBetween" | "mustNotBeBetween">, value };
}

function scalars(reader: YamlReader, field: YamlField): (string | number | boolean)[] {
  return reader.list(field, true).flatMap((item) => {
    const node = item.node as { value?: unknown } | undefined;
    const value = node?.value;
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return [value];
    reader.error(item, "product/wrong-type", "must be a single value");
    return [];
  });
}

function outsidePercent(threshold: QualityThreshold): boolean {
  const values = typeof threshold.value === "number" ? [threshold.value] : threshold.value;
  return values.some((v) => v < 0 || v > 100);
}

function isRegExp(pattern: string): boolean {
  try {
    new RegExp(pattern, "u");
    return true;
  } catch {
    return false;
  }
}
