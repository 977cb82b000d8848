import type { SqlValue } from "../../../common/value.ts";
import type { UserFunction } from "../../../sql/catalog/catalog.ts";
import { PlanError } from "../../plan/plan-error.ts";
import { udfFailure, udfValueCheck } from "../udf/check-udf-value.ts";
import { implementationOf } from "../udf/udf-signature.ts";
import { unrunnableFunction } from "../udf/unrunnable-function.ts";
import type { AggregateFunction, AggregateSpec } from "./aggregate-function.ts";
import { unsupportedMerge, unsupportedRetract } from "./aggregate-function.ts";

/** The operator's accumulator: a box around the user's accumulator value, which each method replaces. */
interface Box {
  value: SqlValue;
}

/**
 * A user-defined aggregate function (`AggregateFunctionDefinition`) as the operators' aggregate
 * function. Its accumulator is a SqlValue, so snapshots store it as it is. An aggregation whose input
 * retracts rows needs the function's `retract`, as in Flink; without one the statement is refused.
 *
 * GROUP BY k with mySum(v): +I a 1, +I a 2, -U a 2 → accumulate(0, 1), accumulate(1, 2), retract(3, 2)
 */
export function userAggregate(spec: AggregateSpec, fn: UserFunction): AggregateFunction<Box> {
  const name = spec.name;
  const definition = implementationOf(fn);
  if (definition?.kind !== "aggregate") throw unrunnableFunction(name, fn, spec.span);
  const retraction = spec.retraction ?? true;
  if (retraction && !definition.retract)
    throw new PlanError(
      `Function '${name}' does not implement a 'retract' method, which its aggregation needs because the input has updates or deletions (or the OVER frame is bounded)`,
      spec.span,
    );
  const check = udfValueCheck(name, spec.resultType);
  const call = (method: string, run: () => SqlValue): SqlValue => {
    let value: SqlValue;
    try {
      value = run();
    } catch (error) {
      throw udfFailure(name, method, error);
    }
    if (value === undefined)
      throw udfFailure(name, method, new Error("it returned undefined, not the accumulator"));
    return value;
  };
  const retract = definition.retract?.bind(definition);
  const merge = definition.merge?.bind(definition);
  return {
    name,
    supportsRetraction: retract !== undefined,
    supportsMerge: merge !== undefined,
    createAccumulator: () => ({ value: call("createAccumulator", () => definition.createAccumulator()) }),
    accumulate(acc, args) {
      acc.value = call("accumulate", () => definition.accumulate(acc.value, ...args));
    },
    retract: retract
      ? (acc, args) => {
          acc.value = call("retract", () => retract(acc.value, ...args));
        }
      : unsupportedRetract(name),
    merge: merge
      ? (acc, other) => {
          acc.value = call("merge", () => merge(acc.value, other.value));
        }
      : unsupportedMerge(name),
    getValue(acc) {
      let value: SqlValue;
      try {
        value = definition.getValue(acc.value);
      } catch (error) {
        throw udfFailure(name, "getValue", error);
      }
      return check(value);
    },
    snapshot: (acc) => acc.value,
    restore: (snapshot) => ({ value: snapshot }),
  };
}
