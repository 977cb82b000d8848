import type { DataType } from "../../../sql/types/data-type.ts";
import type { AggregateFunction, AggregateSpec } from "./aggregate-function.ts";
import { decimalAvg, numberAvg } from "./avg.ts";
import { collectAggregate } from "./collect.ts";
import { countAggregate } from "./count.ts";
import { distinctAggregate } from "./distinct.ts";
import { positionalInsertOnly, positionalWithRetract } from "./first-last-value.ts";
import { jsonArrayAgg, jsonObjectAgg } from "./json-aggregates.ts";
import { arrayAgg, listAgg } from "./list-aggregates.ts";
import { directionOf, extremeInsertOnly, extremeWithRetract } from "./min-max.ts";
import { singleValueAggregate } from "./single-value.ts";
import { decimalSum, decimalSum0, numberSum, numberSum0 } from "./sum.ts";
import { userAggregate } from "./user-aggregate.ts";
import { VARIANCE_ALIASES, varianceAggregate } from "./variance.ts";

/** An aggregate call Headwater cannot run (unknown name, or an argument type Flink rejects too). */
export class UnsupportedAggregateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnsupportedAggregateError";
  }
}

/**
 * The run-time function for one aggregate call. DISTINCT wraps the function in a distinct-count map;
 * GROUPING/GROUPING_ID are not built here; user-defined aggregates wrap their implementation.
 */
export function createAggregate(spec: AggregateSpec): AggregateFunction {
  const fn = baseAggregate(spec);
  return spec.distinct ? distinctAggregate(fn) : fn;
}

function baseAggregate(spec: AggregateSpec): AggregateFunction {
  if (spec.userFunction) return userAggregate(spec, spec.userFunction);
  const { name, resultType } = spec;
  const input = spec.argTypes[0];
  const retraction = spec.retraction ?? true;
  switch (name) {
    case "COUNT":
      return countAggregate(name);
    case "SUM":
      return numeric(name, input).kind === "DECIMAL"
        ? decimalSum(name, resultType)
        : numberSum(name, resultType);
    case "SUM0":
      return numeric(name, input).kind === "DECIMAL"
        ? decimalSum0(name, resultType)
        : numberSum0(name, resultType);
    case "AVG": {
      const type = numeric(name, input);
      return type.kind === "DECIMAL" ? decimalAvg(name, type, resultType) : numberAvg(name, resultType);
    }
    case "STDDEV":
    case "STDDEV_POP":
    case "STDDEV_SAMP":
    case "VARIANCE":
    case "VAR_POP":
    case "VAR_SAMP":
      return varianceAggregate(name, VARIANCE_ALIASES[name]!, numeric(name, input), resultType);
    case "MIN":
    case "MAX":
      return retraction
        ? extremeWithRetract(name, directionOf(name))
        : extremeInsertOnly(name, directionOf(name));
    case "FIRST_VALUE":
    case "LAST_VALUE":
      return retraction ? positionalWithRetract(name) : positionalInsertOnly(name);
    case "LISTAGG":
      return listAgg(name);
    case "ARRAY_AGG":
      return arrayAgg(name, spec.ignoreNulls);
    case "COLLECT":
      return collectAggregate(name);
    case "JSON_ARRAYAGG":
      return jsonArrayAgg(name, argument(name, input), spec.ignoreNulls);
    case "JSON_OBJECTAGG":
      return jsonObjectAgg(name, argument(name, spec.argTypes[1]), spec.ignoreNulls);
    case "SINGLE_VALUE":
      return singleValueAggregate(name);
    default:
      throw new UnsupportedAggregateError(`aggregate function ${name} is not supported`);
  }
}

function argument(name: string, type: DataType | undefined): DataType {
  if (type === undefined) throw new UnsupportedAggregateError(`${name} needs an argument`);
  return type;
}

const NUMERIC_KINDS = new Set<DataType["kind"]>([
  "TINYINT",
  "SMALLINT",
  "INT",
  "BIGINT",
  "FLOAT",
  "DOUBLE",
  "DECIMAL",
]);

function numeric(name: string, type: DataType | undefined): DataType {
  const t = argument(name, type);
  if (!NUMERIC_KINDS.has(t.kind))
    throw new UnsupportedAggregateError(`${name} does not support type ${t.kind}`);
  return t;
}
