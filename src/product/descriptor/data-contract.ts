import type { Span } from "../../common/source.ts";
import type { ProductStatus } from "./data-product.ts";

/** ODCS logical types: what a consumer may rely on, whatever the physical type. */
export type LogicalType =
  | "string"
  | "date"
  | "timestamp"
  | "time"
  | "number"
  | "integer"
  | "object"
  | "array"
  | "boolean";
export const LOGICAL_TYPES: readonly LogicalType[] = [
  "string",
  "date",
  "timestamp",
  "time",
  "number",
  "integer",
  "object",
  "array",
  "boolean",
];

/** ODCS threshold operators: every quality rule compares its measured value with one of them. */
export type QualityOperator =
  | "mustBe"
  | "mustNotBe"
  | "mustBeGreaterThan"
  | "mustBeGreaterOrEqualTo"
  | "mustBeLessThan"
  | "mustBeLessOrEqualTo"
  | "mustBeBetween"
  | "mustNotBeBetween";
export const QUALITY_OPERATORS: readonly QualityOperator[] = [
  "mustBe",
  "mustNotBe",
  "mustBeGreaterThan",
  "mustBeGreaterOrEqualTo",
  "mustBeLessThan",
  "mustBeLessOrEqualTo",
  "mustBeBetween",
  "mustNotBeBetween",
];

export type QualityThreshold =
  | {
      readonly operator: Exclude<QualityOperator, "mustBeBetween" | "mustNotBeBetween">;
      readonly value: number;
    }
  | { readonly operator: "mustBeBetween" | "mustNotBeBetween"; readonly value: readonly [number, number] };

/** ODCS library metrics; `rowCount` applies to a whole object, the others to a column. */
export type QualityMetric = "nullValues" | "missingValues" | "invalidValues" | "duplicateValues" | "rowCount";
export const QUALITY_METRICS: readonly QualityMetric[] = [
  "nullValues",
  "missingValues",
  "invalidValues",
  "duplicateValues",
  "rowCount",
];

interface QualityRuleBase {
  readonly name?: string;
  readonly description?: string;
  readonly severity?: string;
  readonly dimension?: string;
  readonly span: Span;
}

/** A data-quality rule of a contract, declared on the object or on one of its columns. */
export type QualityRule =
  | (QualityRuleBase & {
      readonly kind: "library";
      readonly metric: QualityMetric;
      readonly threshold: QualityThreshold;
      readonly unit: "rows" | "percent";
      /** `invalidValues`: the accepted values, or a pattern they must match. */
      readonly validValues?: readonly (string | number | boolean)[];
      readonly pattern?: string;
      /** `missingValues`: the values that count as missing besides NULL. */
      readonly missingValues?: readonly (string | number)[];
    })
  | (QualityRuleBase & { readonly kind: "sql"; readonly query: string; readonly threshold: QualityThreshold })
  | (QualityRuleBase & { readonly kind: "text"; readonly description: string });

export interface ContractColumn {
  /** The name consumers see (JSON field, filter and sort name). */
  readonly name: string;
  /** The table column it is stored in; `name` unless ODCS `physicalName` says otherwise. */
  readonly column: string;
  readonly logicalType: LogicalType;
  /** The Flink type as written (`DECIMAL(12, 2)`), when the contract pins one. */
  readonly physicalType?: string;
  readonly description?: string;
  readonly required: boolean;
  readonly unique: boolean;
  /** 1-based position in the primary key, when the column is part of it. */
  readonly primaryKeyPosition?: number;
  readonly classification?: string;
  readonly tags: readonly string[];
  readonly quality: readonly QualityRule[];
  readonly span: Span;
  readonly physicalTypeSpan?: Span;
}

/** The table a contract describes (one ODCS schema object). */
export interface ContractObject {
  readonly name: string;
  /** The table in the engine's catalog. */
  readonly table: string;
  readonly description?: string;
  readonly columns: readonly ContractColumn[];
  readonly quality: readonly QualityRule[];
  readonly span: Span;
  readonly tableSpan: Span;
}

/** An ODCS service-level property; `latency` and `freshness` carry a duration in milliseconds. */
export type SlaProperty =
  | {
      readonly kind: "freshness";
      /** `latency` (ODCS's preferred name) or `freshness`. */
      readonly property: "latency" | "freshness";
      readonly maxAgeMs: number;
      /** The value as written, e.g. `1 minutes`. */
      readonly text: string;
      /** `object.column` the age is measured on; the table's last change when absent. */
      readonly element?: string;
      readonly span: Span;
    }
  | {
      readonly kind: "other";
      readonly property: string;
      readonly value: string | number;
      readonly unit?: string;
      readonly span: Span;
    };

/** An ODCS data contract, the part Headwater checks and serves (contract.yaml). */
export interface DataContract {
  readonly apiVersion: string;
  readonly id: string;
  readonly name?: string;
  readonly version: string;
  readonly status: ProductStatus;
  readonly domain?: string;
  readonly purpose?: string;
  readonly object: ContractObject;
  readonly sla: readonly SlaProperty[];
}

/** The freshness SLO of a contract: the first `latency` or `freshness` property. */
export function freshnessSlo(
  contract: DataContract,
): Extract<SlaProperty, { kind: "freshness" }> | undefined {
  return contract.sla.find((p): p is Extract<SlaProperty, { kind: "freshness" }> => p.kind === "freshness");
}

/** The primary-key columns in key order. */
export function contractPrimaryKey(contract: DataContract): ContractColumn[] {
  return contract.object.columns
    .filter((c) => c.primaryKeyPosition !== undefined)
    .sort((a, b) => a.primaryKeyPosition! - b.primaryKeyPosition!);
}
