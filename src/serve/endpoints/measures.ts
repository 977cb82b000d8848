import type { SqlValue } from "../../common/value.ts";
import { compareValues } from "../../engine/index.ts";
import { t } from "../../sql/types/constructors.ts";
import type { DataType } from "../../sql/types/data-type.ts";
import { type Amount, addAmounts, amountOf, divideAmounts, numericKind } from "./exact.ts";

/** The rows a query aggregates, after its filter: what `total()` sums over. */
export interface QueryRun<R> {
  readonly rows: readonly R[];
}

export interface Accumulator<R> {
  add(record: R): void;
  /** The result as a value of the measure's type. */
  value(): SqlValue;
  /** The result as a number other measures divide (NULL as null). */
  amount(): Amount | null;
}

export interface BoundMeasure<R> {
  /** The type of the result, which decides its JSON encoding and schema. */
  readonly type: DataType;
  /** Whether the result is exact (integers, DECIMALs) or a double; undefined for non-numbers. */
  readonly numeric: Amount["kind"] | undefined;
  start(run: QueryRun<R>): Accumulator<R>;
}

/**
 * An aggregate over the records of a group, as in a SELECT with GROUP BY. Measures name columns of
 * the relation; they are bound to its column types when the endpoint is built.
 */
export interface Measure<R> {
  readonly kind: "measure";
  bind(columns: ReadonlyMap<string, DataType>): BoundMeasure<R>;
}

type Column<R> = keyof R & string;

const COUNT_TYPE = t.bigint(false);

function measure<R>(bind: (columns: ReadonlyMap<string, DataType>) => BoundMeasure<R>): Measure<R> {
  return { kind: "measure", bind };
}

function typeOf(columns: ReadonlyMap<string, DataType>, column: string): DataType {
  const type = columns.get(column);
  if (!type) throw new Error(`no column ${column} to aggregate`);
  return type;
}

function counter<R>(counts: (record: R) => boolean): BoundMeasure<R> {
  return {
    type: COUNT_TYPE,
    numeric: "exact",
    start() {
      let n = 0;
      return {
        add(record) {
          if (counts(record)) n++;
        },
        value: () => n,
        amount: () => ({ kind: "exact", unscaled: BigInt(n), scale: 0 }),
      };
    },
  };
}

/** COUNT(*). */
export function count<R>(): Measure<R> {
  return measure(() => counter(() => true));
}

/** COUNT(*) FILTER (WHERE …): records for which `where` holds. */
export function countWhere<R>(where: (record: R) => boolean): Measure<R> {
  return measure(() => counter(where));
}

/** COUNT(column): records where the column is not NULL. */
export function countOf<R>(column: Column<R>): Measure<R> {
  return measure((columns) => {
    typeOf(columns, column);
    return counter((record) => record[column] !== null);
  });
}

/** COUNT(DISTINCT column). */
export function countDistinct<R>(column: Column<R>): Measure<R> {
  return measure((columns) => {
    typeOf(columns, column);
    return {
      type: COUNT_TYPE,
      numeric: "exact",
      start() {
        const seen = new Set<unknown>();
        return {
          add(record) {
            const value = record[column];
            if (value !== null) seen.add(value);
          },
          value: () => seen.size,
          amount: () => ({ kind: "exact", unscaled: BigInt(seen.size), scale: 0 }),
        };
      },
    };
  });
}

/** The type SUM gives: BIGINT for integers, DECIMAL(38, s) for DECIMAL(p, s), DOUBLE for floats. */
function sumType(type: DataType): DataType {
  switch (type.kind) {
    case "TINYINT":
    case "SMALLINT":
    case "INT":
    case "BIGINT":
      return t.bigint();
    case "DECIMAL":
      return t.decimal(38, type.scale);
    case "FLOAT":
    case "DOUBLE":
      return t.double();
    default:
      throw new Error(`cannot sum a ${type.kind} column`);
  }
}

/** An amount as a value of `type` (one of the numeric types measures produce). */
function amountValue(amount: Amount | null, type: DataType): SqlValue {
  if (amount === null) return null;
  if (amount.kind === "double") return amount.value;
  return type.kind === "DECIMAL" ? amount.unscaled : Number(amount.unscaled);
}

/** SUM(column): NULL when every value is NULL, as in SQL. */
export function sum<R>(column: Column<R>): Measure<R> {
  return measure((columns) => {
    const input = typeOf(columns, column);
    const type = sumType(input);
    return {
      type,
      numeric: type.kind === "DOUBLE" ? "double" : "exact",
      start() {
        let total: Amount | null = null;
        return {
          add(record) {
            const value = record[column] as SqlValue;
            if (value === null) return;
            const amount = amountOf(value, input)!;
            total = total === null ? amount : addAmounts(total, amount);
          },
          value: () => amountValue(total, type),
          amount: () => total,
        };
      },
    };
  });
}

export interface RatioOptions {
  /** Fraction digits of the result, rounded half away from zero. */
  readonly digits: number;
  /** Multiply by 100 before rounding. */
  readonly percent?: boolean;
}

/**
 * `numerator / denominator` (× 100 for a percentage), rounded to `digits`: an exact DECIMAL(38,
 * digits) — BIGINT for 0 digits — when both sides are exact, a DOUBLE otherwise; NULL when either
 * side is NULL or the denominator is 0.
 */
export function ratio<R>(numerator: Measure<R>, denominator: Measure<R>, options: RatioOptions): Measure<R> {
  return measure((columns) => {
    const top = numerator.bind(columns);
    const bottom = denominator.bind(columns);
    if (!top.numeric || !bottom.numeric) throw new Error("a ratio needs numeric measures");
    const exact = top.numeric === "exact" && bottom.numeric === "exact";
    const type = !exact ? t.double() : options.digits === 0 ? t.bigint() : t.decimal(38, options.digits);
    return {
      type,
      numeric: exact ? "exact" : "double",
      start(run) {
        const a = top.start(run);
        const b = bottom.start(run);
        const result = (): Amount | null => {
          const x = a.amount();
          const y = b.amount();
          return x === null || y === null
            ? null
            : divideAmounts(x, y, options.digits, options.percent ? 100 : 1);
        };
        return {
          add(record) {
            a.add(record);
            b.add(record);
          },
          value: () => amountValue(result(), type),
          amount: result,
        };
      },
    };
  });
}

/** AVG(column) rounded to `digits` (exact for integer and DECIMAL columns); NULLs are skipped. */
export function avg<R>(column: Column<R>, digits = 2): Measure<R> {
  return ratio(sum(column), countOf(column), { digits });
}

/** 100 × COUNT(*) FILTER (WHERE …) / COUNT(*), rounded to `digits`. */
export function percentWhere<R>(where: (record: R) => boolean, digits = 1): Measure<R> {
  return ratio(countWhere(where), count(), { digits, percent: true });
}

function extreme<R>(column: Column<R>, sign: 1 | -1): Measure<R> {
  return measure((columns) => {
    const type = { ...typeOf(columns, column), nullable: true };
    return {
      type,
      numeric: numericKind(type),
      start() {
        let best: SqlValue = null;
        return {
          add(record) {
            const value = record[column] as SqlValue;
            if (value !== null && (best === null || sign * compareValues(value, best) > 0)) best = value;
          },
          value: () => best,
          amount: () => (best === null ? null : (amountOf(best, type) ?? null)),
        };
      },
    };
  });
}

/** MAX(column). */
export function max<R>(column: Column<R>): Measure<R> {
  return extreme(column, 1);
}

/** MIN(column). */
export function min<R>(column: Column<R>): Measure<R> {
  return extreme(column, -1);
}

/**
 * A measure over every record of the query rather than the group's: with `ratio`, a group's share of
 * the whole (`SUM(x) / SUM(SUM(x)) OVER ()`).
 */
export function total<R>(of: Measure<R>): Measure<R> {
  return measure((columns) => {
    const bound = of.bind(columns);
    // Every group of a run shares one pass over the run's records.
    const wholes = new WeakMap<QueryRun<R>, Accumulator<R>>();
    const whole = (run: QueryRun<R>): Accumulator<R> => {
      let accumulator = wholes.get(run);
      if (!accumulator) {
        accumulator = bound.start(run);
        for (const record of run.rows) accumulator.add(record);
        wholes.set(run, accumulator);
      }
      return accumulator;
    };
    return {
      ...bound,
      start: (run) => ({ add() {}, value: () => whole(run).value(), amount: () => whole(run).amount() }),
    };
  });
}
