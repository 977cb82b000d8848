import { mapArray } from "../map-array.ts";
import { commonType } from "../types/common-type.ts";
import { t, withNullability } from "../types/constructors.ts";
import { formatDataType } from "../types/format-type.ts";
import { ANY, INTEGER } from "./arg-checks.ts";
import type { FunctionDefinition } from "./function-definition.ts";
import { argType, defineEach, defineFunction } from "./signatures.ts";

/** Ranking and offset functions: valid only with OVER. */
export const WINDOW_FUNCTIONS: readonly FunctionDefinition[] = [
  ...defineEach(["ROW_NUMBER", "RANK", "DENSE_RANK"], {
    kind: "window",
    signatures: [[]],
    returns: t.bigint(false),
    nullability: "notNull",
  }),
  ...defineEach(["PERCENT_RANK", "CUME_DIST"], {
    kind: "window",
    signatures: [[]],
    returns: t.double(false),
    nullability: "notNull",
  }),
  defineFunction({
    name: "NTILE",
    kind: "window",
    signatures: [[INTEGER]],
    returns: t.bigint(false),
    nullability: "notNull",
  }),
  // LAG/LEAD(x [, offset [, default]]): NULL past the partition's edge unless a NOT NULL default is given.
  ...mapArray(["LAG", "LEAD"], (name) =>
    defineFunction({
      name,
      kind: "window",
      signatures: [[ANY], [ANY, INTEGER], [ANY, INTEGER, ANY]],
      returns: (args) => {
        const value = argType(args, 0);
        if (args.length < 3) return withNullability(value, true);
        const fallback = argType(args, 2);
        const common = commonType([value, fallback]);
        if (common === undefined) {
          return {
            error: `${name} default ${formatDataType(fallback)} does not match the value type ${formatDataType(value)}`,
            argIndex: 2,
          };
        }
        return common;
      },
      nullability: "asReturned",
    }),
  ),
];
