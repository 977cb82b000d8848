import { UnsupportedAggregateError } from "../create-aggregate.ts";
import { offsetFunction } from "./offset.ts";
import { cumeDist, denseRank, ntile, percentRank, rank, rowNumber } from "./ranking.ts";
import type { WindowFunction } from "./window-function.ts";

/** The ranking or offset function called `name` (upper case, as the binder spells it). */
export function createWindowFunction(name: string): WindowFunction {
  switch (name) {
    case "ROW_NUMBER":
      return rowNumber;
    case "RANK":
      return rank;
    case "DENSE_RANK":
      return denseRank;
    case "PERCENT_RANK":
      return percentRank;
    case "CUME_DIST":
      return cumeDist;
    case "NTILE":
      return ntile;
    case "LAG":
    case "LEAD":
      return offsetFunction(name);
    default:
      throw new UnsupportedAggregateError(`window function ${name} is not supported`);
  }
}
