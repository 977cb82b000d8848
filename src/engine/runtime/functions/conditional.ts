import type { SqlValue } from "../../../common/value.ts";
import { compareValues } from "../expr/value-ops.ts";
import { type ScalarFunction, strict } from "./scalar-function.ts";

/**
 * GREATEST / LEAST: NULL if any argument is NULL (Flink's rule). The compiler converts the arguments
 * to their common type first, so values of one representation meet here. (COALESCE, IF, IFNULL,
 * NULLIF and CASE are compiled inline: they are lazy.)
 */
export const GREATEST: ScalarFunction = strict(
  (...values: SqlValue[]) => values.reduce((best, v) => (compareValues(v, best) > 0 ? v : best)),
  { argsAsResultType: true },
);

export const LEAST: ScalarFunction = strict(
  (...values: SqlValue[]) => values.reduce((best, v) => (compareValues(v, best) < 0 ? v : best)),
  { argsAsResultType: true },
);
