import type { Row, SqlValue } from "../../../common/value.ts";
import { badParameter } from "../api-error.ts";
import type { ServedColumn, ServedProduct } from "../served-product.ts";
import type { JsonSchema } from "../values/json-schema.ts";
import { compareCells } from "./compare-cells.ts";

export type FilterOperator = "eq" | "ne" | "gt" | "gte" | "lt" | "lte" | "null";

/** One condition of a listing, from a query parameter `<column>` or `<column>.<operator>`. */
export interface Filter {
  readonly column: ServedColumn;
  readonly operator: FilterOperator;
  /** The operand(s): any of several for `eq`, one otherwise; `null` takes a boolean. */
  readonly values: readonly SqlValue[];
}

const ORDERED_OPERATORS: readonly FilterOperator[] = ["gt", "gte", "lt", "lte"];
/** Query parameters of a listing that are not filters. */
export const LISTING_PARAMETERS = ["limit", "cursor", "sort"];

const OPERATOR_TEXT: Readonly<Record<FilterOperator, string>> = {
  eq: "equal to one of the given values (repeat the parameter for several)",
  ne: "not equal to the value",
  gt: "greater than the value",
  gte: "greater than or equal to the value",
  lt: "less than the value",
  lte: "less than or equal to the value",
  null: "NULL (true) or not NULL (false)",
};

/** Whether a column's values can be compared by order (numbers, text, dates and times). */
export function isOrdered(column: ServedColumn): boolean {
  return column.parse !== undefined && !["BOOLEAN", "BINARY", "VARBINARY"].includes(column.type.kind);
}

function operatorsOf(column: ServedColumn): FilterOperator[] {
  if (!column.parse) return ["null"];
  return ["eq", "ne", ...(isOrdered(column) ? ORDERED_OPERATORS : []), "null"];
}

interface FilterParameter {
  readonly column: ServedColumn;
  readonly operator: FilterOperator;
}

/** Every filter parameter of a product: `<column>` (shorthand for eq) and `<column>.<operator>`. */
export function filterParameters(product: ServedProduct): Map<string, FilterParameter> {
  const parameters = new Map<string, FilterParameter>();
  for (const column of product.columns)
    for (const operator of operatorsOf(column)) {
      parameters.set(`${column.name}.${operator}`, { column, operator });
      if (operator === "eq" && !LISTING_PARAMETERS.includes(column.name))
        parameters.set(column.name, { column, operator });
    }
  return parameters;
}

/** The filter parameters as query-string schema properties, for validation and the OpenAPI document. */
export function filterSchemas(product: ServedProduct): Record<string, JsonSchema> {
  const schemas: Record<string, JsonSchema> = {};
  for (const [name, { column, operator }] of filterParameters(product)) {
    const description = `Rows whose ${column.name} is ${OPERATOR_TEXT[operator]}.`;
    schemas[name] =
      operator === "eq"
        ? { type: "array", items: { type: "string" }, description }
        : operator === "null"
          ? { type: "boolean", description }
          : { type: "string", description };
  }
  return schemas;
}

/** Reads the filters of a listing request; each value is parsed as its column's type (400 if it is not). */
export function parseFilters(product: ServedProduct, query: Readonly<Record<string, unknown>>): Filter[] {
  const parameters = filterParameters(product);
  const filters: Filter[] = [];
  for (const [name, raw] of Object.entries(query)) {
    const parameter = parameters.get(name);
    if (!parameter) continue;
    const { column, operator } = parameter;
    if (operator === "null") {
      filters.push({ column, operator, values: [raw as boolean] });
      continue;
    }
    const texts = Array.isArray(raw) ? (raw as string[]) : [raw as string];
    const values = texts.map((text) => {
      const parsed = column.parse!(text);
      if (!parsed.ok) throw badParameter(name, `'${text}' ${parsed.why}`);
      return parsed.value;
    });
    filters.push({ column, operator, values });
  }
  return filters;
}

/** A row predicate for the filters; comparisons with NULL are false, as in SQL; NaN equals NaN and sorts above numbers. */
export function filterPredicate(filters: readonly Filter[]): (row: Row) => boolean {
  const tests = filters.map(({ column, operator, values }) => {
    const at = column.index;
    const value = values[0]!;
    switch (operator) {
      case "null":
        return (row: Row) => (row[at] === null) === value;
      case "eq":
        return (row: Row) => row[at] !== null && values.some((v) => compareCells(row[at]!, v) === 0);
      case "ne":
        return (row: Row) => row[at] !== null && compareCells(row[at]!, value) !== 0;
      case "gt":
        return (row: Row) => row[at] !== null && compareCells(row[at]!, value) > 0;
      case "gte":
        return (row: Row) => row[at] !== null && compareCells(row[at]!, value) >= 0;
      case "lt":
        return (row: Row) => row[at] !== null && compareCells(row[at]!, value) < 0;
      case "lte":
        return (row: Row) => row[at] !== null && compareCells(row[at]!, value) <= 0;
      default:
        return operator satisfies never;
    }
  });
  return (row) => tests.every((test) => test(row));
}
