import type { SqlValue } from "../../../../common/value.ts";
import type { DataType } from "../../../../sql/types/data-type.ts";
import {
  type AggregateFunction,
  unsupportedMerge,
  unsupportedRetract,
} from "../../aggregates/aggregate-function.ts";
import { valuesEqual } from "../../expr/index.ts";

/**
 * ROW_NUMBER, RANK, DENSE_RANK and LAG as the accumulating functions an OVER aggregation runs (Flink's
 * RowNumberAggFunction, RankAggFunction, DenseRankAggFunction, LagAggFunction): each sees the rows of
 * its partition in order, one `accumulate` per row, and reads its value after it. RANK and
 * DENSE_RANK get the row's ORDER BY values as arguments and compare them with the previous row's.
 */
export function overRankingAggregate(
  name: string,
  orderKeyTypes: readonly DataType[],
): AggregateFunction | undefined {
  switch (name) {
    case "ROW_NUMBER":
      return rowNumber();
    case "RANK":
      // A new peer group starts at the row's position; peers keep their group's first position.
      return ranking(name, orderKeyTypes, (acc) => acc.count);
    case "DENSE_RANK":
      return ranking(name, orderKeyTypes, (acc) => acc.rank + 1);
    case "LAG":
      return lag();
    default:
      return undefined;
  }
}

interface RankAcc {
  /** Rows seen. */
  count: number;
  /** The current row's rank (0 before the first row). */
  rank: number;
  /** The previous row's ORDER BY values (Flink starts them at each type's zero, not NULL). */
  last: SqlValue[];
}

function ranking(
  name: string,
  orderKeyTypes: readonly DataType[],
  nextRank: (acc: RankAcc) => number,
): AggregateFunction<RankAcc> {
  return {
    name,
    supportsRetraction: false,
    supportsMerge: false,
    createAccumulator: () => ({ count: 0, rank: 0, last: orderKeyTypes.map(zeroOf) }),
    accumulate(acc, args) {
      acc.count++;
      const peer = acc.rank !== 0 && args.every((v, i) => sameOrderValue(acc.last[i]!, v));
      if (!peer) acc.rank = nextRank(acc);
      acc.last = args.slice();
    },
    retract: unsupportedRetract(name),
    merge: unsupportedMerge(name),
    getValue: (acc) => acc.rank,
    snapshot: (acc) => [acc.count, acc.rank, acc.last],
    restore(snapshot) {
      const [count, rank, last] = snapshot as [number, number, SqlValue[]];
      return { count, rank, last };
    },
  };
}

/** NULL equals only NULL; other values by SQL equality. */
function sameOrderValue(last: SqlValue, value: SqlValue): boolean {
  return last === null ? value === null : value !== null && valuesEqual(last, value);
}

/** The initial "previous" ORDER BY value of RankLikeAggFunctionBase: the type's zero. */
function zeroOf(type: DataType): SqlValue {
  switch (type.kind) {
    case "BOOLEAN":
      return false;
    case "DECIMAL":
      return 0n;
    case "CHAR":
    case "VARCHAR":
      return "";
    default:
      return 0;
  }
}

interface CountAcc {
  count: number;
}

function rowNumber(): AggregateFunction<CountAcc> {
  return {
    name: "ROW_NUMBER",
    supportsRetraction: false,
    supportsMerge: false,
    createAccumulator: () => ({ count: 0 }),
    accumulate(acc) {
      acc.count++;
    },
    retract: unsupportedRetract("ROW_NUMBER"),
    merge: unsupportedMerge("ROW_NUMBER"),
    getValue: (acc) => acc.count,
    snapshot: (acc) => acc.count,
    restore: (snapshot) => ({ count: snapshot as number }),
  };
}

interface LagAcc {
  offset: number;
  fallback: SqlValue;
  /** The last `offset + 1` values, oldest first. */
  values: SqlValue[];
}

/** LAG(x [, offset [, default]]): x of the row `offset` rows back (default 1), else the default. */
function lag(): AggregateFunction<LagAcc> {
  return {
    name: "LAG",
    supportsRetraction: false,
    supportsMerge: false,
    createAccumulator: () => ({ offset: 1, fallback: null, values: [] }),
    accumulate(acc, args) {
      if (args.length > 2) acc.fallback = args[2]!;
      if (args.length > 1) {
        const offset = args[1] as number;
        if (offset < 0) throw new Error(`Offset(${offset}) should be positive.`);
        acc.offset = offset;
      }
      acc.values.push(args[0]!);
      while (acc.values.length > acc.offset + 1) acc.values.shift();
    },
    retract: unsupportedRetract("LAG"),
    merge: unsupportedMerge("LAG"),
    getValue: (acc) => (acc.values.length < acc.offset + 1 ? acc.fallback : acc.values[0]!),
    snapshot: (acc) => [acc.offset, acc.fallback, acc.values],
    restore(snapshot) {
      const [offset, fallback, values] = snapshot as [number, SqlValue, SqlValue[]];
      return { offset, fallback, values: [...values] };
    },
  };
}
