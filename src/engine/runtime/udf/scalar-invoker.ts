import type { SqlValue } from "../../../common/value.ts";
import type { DataType } from "../../../sql/types/data-type.ts";
import { udfFailure, udfValueCheck } from "./check-udf-value.ts";
import type { ScalarFunctionDefinition } from "./udf-definition.ts";

/** Calls a user scalar function with its arguments (already of the declared types) and checks the result. */
export function scalarInvoker(
  name: string,
  definition: ScalarFunctionDefinition,
  resultType: DataType,
): (...args: SqlValue[]) => SqlValue {
  const check = udfValueCheck(name, resultType);
  return (...args) => {
    let value: SqlValue;
    try {
      value = definition.eval(...args);
    } catch (error) {
      throw udfFailure(name, "eval", error);
    }
    return check(value);
  };
}
