import type { EvalContext } from "../expr/eval-context.ts";
import { SqlEvalError } from "../expr/eval-error.ts";
import { decimalCeil, decimalFloor, decimalToNumber, divideHalfUp, fitsPrecision, pow10 } from "./decimal.ts";
import { JavaRandom } from "./java-random.ts";
import {
  type CallSite,
  literalArg,
  type ScalarFunction,
  strict,
  strictBy,
  valueArgTypes,
} from "./scalar-function.ts";
import { floorCeilTemporal } from "./temporal.ts";

/**
 * Math functions (systemFunctions "Arithmetic Functions"). DOUBLE functions take any number
 * (a DECIMAL argument is read as a double); ROUND, TRUNCATE, FLOOR, CEIL, ABS and SIGN keep
 * DECIMAL exact.
 */

/** Reads argument `i` as a double whatever its numeric type. */
function asDouble(site: CallSite, i: number): (v: number | bigint) => number {
  const type = valueArgTypes(site)[i];
  if (type?.kind === "DECIMAL") {
    const scale = type.scale;
    return (v) => decimalToNumber(v as bigint, scale);
  }
  return (v) => v as number;
}

function doubleFunction(f: (x: number) => number): ScalarFunction {
  return strictBy((site) => {
    const read = asDouble(site, 0);
    return (x: number | bigint) => f(read(x));
  });
}

export const SQRT = doubleFunction(Math.sqrt);
export const LN = doubleFunction(Math.log);
export const LOG10 = doubleFunction(Math.log10);
export const LOG2 = doubleFunction(Math.log2);
export const EXP = doubleFunction(Math.exp);
export const SIN = doubleFunction(Math.sin);
export const COS = doubleFunction(Math.cos);
export const TAN = doubleFunction(Math.tan);
export const COT = doubleFunction((x) => 1 / Math.tan(x));
export const ASIN = doubleFunction(Math.asin);
export const ACOS = doubleFunction(Math.acos);
export const ATAN = doubleFunction(Math.atan);
export const SINH = doubleFunction(Math.sinh);
export const COSH = doubleFunction(Math.cosh);
export const TANH = doubleFunction(Math.tanh);
export const DEGREES = doubleFunction((x) => (x * 180) / Math.PI);
export const RADIANS = doubleFunction((x) => (x / 180) * Math.PI);

export const POWER: ScalarFunction = strictBy((site) => {
  const [a, b] = [asDouble(site, 0), asDouble(site, 1)];
  return (x: number | bigint, y: number | bigint) => a(x) ** b(y);
});

export const ATAN2: ScalarFunction = strictBy((site) => {
  const [a, b] = [asDouble(site, 0), asDouble(site, 1)];
  return (y: number | bigint, x: number | bigint) => Math.atan2(a(y), b(x));
});

/** LOG(x) is the natural logarithm; LOG(base, x) = ln(x) / ln(base). */
export const LOG: ScalarFunction = strictBy((site) => {
  const [a, b] = [asDouble(site, 0), asDouble(site, 1)];
  return (first: number | bigint, second?: number | bigint) =>
    second === undefined ? Math.log(a(first)) : Math.log(b(second)) / Math.log(a(first));
});

export const PI: ScalarFunction = strict(() => Math.PI);
export const E: ScalarFunction = strict(() => Math.E);

export const ABS: ScalarFunction = strictBy((site) => {
  if (site.type.kind === "DECIMAL") return (v: bigint) => (v < 0n ? -v : v);
  if (site.type.kind === "INT") return (v: number) => Math.abs(v) | 0;
  return (v: number) => Math.abs(v);
});

export const SIGN: ScalarFunction = strictBy((site) => {
  if (site.type.kind === "DECIMAL") {
    const one = pow10(site.type.scale);
    return (v: bigint) => (v > 0n ? one : v < 0n ? -one : 0n);
  }
  return (v: number) => Math.sign(v) + 0;
});

/**
 * ROUND(x[, d]) rounds HALF_UP (away from zero on ties) at d fraction digits (d may be negative).
 * DECIMALs are exact; doubles go through their shortest decimal text, as Flink's BigDecimal path.
 */
function roundFunction(truncate: boolean): ScalarFunction {
  return strictBy(
    (site) => {
      const input = valueArgTypes(site)[0]!;
      const result = site.type;
      if (input.kind === "DECIMAL" && result.kind === "DECIMAL") {
        const inScale = input.scale;
        const outScale = result.scale;
        const precision = result.precision;
        return (v: bigint, digits = 0) => {
          const drop = inScale - digits;
          if (drop <= 0) return v * pow10(outScale - inScale);
          const unit = pow10(drop);
          const rounded = truncate ? v / unit : divideHalfUp(v, unit);
          // rounded has `digits` fraction digits; express it at the result's scale.
          const shift = outScale - digits;
          const out = shift >= 0 ? rounded * pow10(shift) : rounded / pow10(-shift);
          return fitsPrecision(out, precision) ? out : null;
        };
      }
      const isInteger =
        input.kind === "TINYINT" ||
        input.kind === "SMALLINT" ||
        input.kind === "INT" ||
        input.kind === "BIGINT";
      if (isInteger) {
        return (v: number, digits = 0) => {
          if (digits >= 0) return v;
          const unit = 10 ** -digits;
          const q = truncate ? Math.trunc(v / unit) : Number(divideHalfUp(BigInt(v), BigInt(unit)));
          return q * unit + 0;
        };
      }
      const float = input.kind === "FLOAT";
      return (v: number, digits = 0) => {
        if (!Number.isFinite(v)) return v;
        const out = roundDouble(v, digits, truncate);
        return float ? Math.fround(out) : out;
      };
    },
    { mayReturnNull: true },
  );
}

function roundDouble(v: number, digits: number, truncate: boolean): number {
  const [mantissa = "0", exp = "0"] = v.toExponential().split("e");
  const sign = mantissa.startsWith("-") ? -1n : 1n;
  const digitsText = mantissa.replace("-", "").replace(".", "");
  const scale = digitsText.length - 1 - Number(exp);
  let unscaled = BigInt(digitsText) * sign;
  let s = scale;
  if (s < 0) {
    unscaled *= pow10(-s);
    s = 0;
  }
  if (s <= digits) return v;
  const unit = pow10(s - digits);
  const rounded = truncate ? unscaled / unit : divideHalfUp(unscaled, unit);
  return Number(`${rounded}e${-digits}`);
}

export const ROUND = roundFunction(false);
export const TRUNCATE = roundFunction(true);

/** FLOOR/CEIL of numbers (DECIMAL to scale 0), or of datetimes TO a unit. */
function floorCeil(ceil: boolean): ScalarFunction {
  return strictBy(
    (site) => {
      if (site.args.length === 2) {
        const temporal = floorCeilTemporal(ceil)(site);
        return (ctx: EvalContext, v: number) => temporal(ctx, v);
      }
      const input = site.args[0]!.type;
      if (input.kind === "DECIMAL") {
        const scale = input.scale;
        return (_ctx: EvalContext, v: bigint) => (ceil ? decimalCeil(v, scale) : decimalFloor(v, scale));
      }
      return (_ctx: EvalContext, v: number) => (ceil ? Math.ceil(v) : Math.floor(v)) + 0;
    },
    { context: true },
  );
}

export const FLOOR = floorCeil(false);
export const CEIL = floorCeil(true);

/**
 * RAND([seed]) and RAND_INTEGER([seed,] bound): with a seed, each call site owns a java.util.Random
 * seeded once, so the sequence matches Flink's; without one, the context's RNG.
 */
export const RAND: ScalarFunction = strictBy(
  (site) => {
    if (site.args.length === 0) return (ctx: EvalContext) => ctx.random();
    const seed = literalArg(site, 0);
    let random = typeof seed === "number" ? new JavaRandom(seed) : undefined;
    return (_ctx: EvalContext, s: number) => {
      random ??= new JavaRandom(s);
      return random.nextDouble();
    };
  },
  { context: true },
);

export const RAND_INTEGER: ScalarFunction = strictBy(
  (site) => {
    if (site.args.length === 1) {
      return (ctx: EvalContext, bound: number) => {
        if (bound <= 0) throw new SqlEvalError("RAND_INTEGER", "bound must be positive");
        return Math.floor(ctx.random() * bound);
      };
    }
    const seed = literalArg(site, 0);
    let random = typeof seed === "number" ? new JavaRandom(seed) : undefined;
    return (_ctx: EvalContext, s: number, bound: number) => {
      if (bound <= 0) throw new SqlEvalError("RAND_INTEGER", "bound must be positive");
      random ??= new JavaRandom(s);
      return random.nextInt(bound);
    };
  },
  { context: true },
);

/** BIN(n): two's-complement binary of a BIGINT, like Java's Long.toBinaryString. */
export const BIN: ScalarFunction = strict((n: number) => BigInt.asUintN(64, BigInt(n)).toString(2));

/** HEX(n | s): Long.toHexString for numbers, upper-case hex of the UTF-8 bytes for strings. */
export const HEX: ScalarFunction = strictBy((site) => {
  const type = valueArgTypes(site)[0]!;
  if (type.kind === "CHAR" || type.kind === "VARCHAR")
    return (s: string) => Buffer.from(s, "utf8").toString("hex").toUpperCase();
  if (type.kind === "BINARY" || type.kind === "VARBINARY")
    return (b: Uint8Array) => Buffer.from(b).toString("hex").toUpperCase();
  return (n: number) => BigInt.asUintN(64, BigInt(n)).toString(16).toUpperCase();
});
