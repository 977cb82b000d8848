/**
 * Numbers as Flink prints them (CAST(x AS STRING), CONCAT of numbers, JSON): Java's Double.toString and
 * Float.toString: plain notation between 10^-3 and 10^7 with at least one fraction digit (`1.0`, `0.1`),
 * otherwise `d.dddE±n` (`1.0E10`, `1.0E-5`). Digits are the shortest that read back to the same value
 * (what JDK 19+ prints; older JDKs sometimes print one more digit).
 */
export function javaDoubleToString(value: number): string {
  return formatShortest(value, shortestDigits(value));
}

/** FLOAT values are doubles holding a float32; print the shortest digits that round-trip as a float32. */
export function javaFloatToString(value: number): string {
  if (!Number.isFinite(value) || value === 0) return javaDoubleToString(value);
  for (let precision = 1; precision <= 9; precision++) {
    const text = value.toPrecision(precision);
    if (Math.fround(Number(text)) === value)
      return formatShortest(value, digitsOf(Math.abs(Number(text)).toExponential()));
  }
  return javaDoubleToString(value);
}

interface Digits {
  readonly digits: string;
  /** Decimal exponent of the first digit. */
  readonly exponent: number;
}

function shortestDigits(value: number): Digits {
  return digitsOf(Math.abs(value).toExponential());
}

/** Digits and exponent of a non-negative number's `toExponential()` text. */
function digitsOf(exponential: string): Digits {
  const [mantissa = "0", exp = "0"] = exponential.split("e");
  return { digits: mantissa.replace(".", ""), exponent: Number(exp) };
}

function formatShortest(value: number, { digits, exponent }: Digits): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Number.POSITIVE_INFINITY) return "Infinity";
  if (value === Number.NEGATIVE_INFINITY) return "-Infinity";
  const sign = value < 0 || Object.is(value, -0) ? "-" : "";
  if (value === 0) return `${sign}0.0`;
  const abs = Math.abs(value);
  if (abs >= 1e-3 && abs < 1e7) {
    if (exponent < 0) return `${sign}0.${"0".repeat(-exponent - 1)}${digits}`;
    const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, "0");
    const fraction = digits.slice(exponent + 1) || "0";
    return `${sign}${whole}.${fraction}`;
  }
  return `${sign}${digits[0]}.${digits.slice(1) || "0"}E${exponent}`;
}
