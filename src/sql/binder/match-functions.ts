import type { DataType } from "../types/data-type.ts";
import { withNullability } from "../types/index.ts";
import type { BoundExpr } from "./bound.ts";

const UNKNOWN: DataType = { kind: "NULL", nullable: true };
const navigated = (args: readonly BoundExpr[]): DataType => withNullability(args[0]?.type ?? UNKNOWN, true);

/** Row-pattern functions usable only inside MATCH_RECOGNIZE, with their result types. */
export const MATCH_FUNCTIONS: Readonly<Record<string, (args: readonly BoundExpr[]) => DataType>> = {
  FIRST: navigated,
  LAST: navigated,
  PREV: navigated,
  NEXT: navigated,
  CLASSIFIER: () => ({ kind: "VARCHAR", length: 2147483647, nullable: false }),
  MATCH_NUMBER: () => ({ kind: "BIGINT", nullable: false }),
  MATCH_ROWTIME: () => ({ kind: "TIMESTAMP", precision: 3, nullable: false }),
  MATCH_PROCTIME: () => ({ kind: "TIMESTAMP_LTZ", precision: 3, nullable: false }),
};
