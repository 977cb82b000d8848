// Number text exactly as the JVM writes it, because Flink's JSON and CSV formats print numbers
// through Jackson, which uses Double.toString, Float.toString and BigDecimal.toString(/toPlainString).

/** Java `Double.toString`: `1.0`, `1.0E7`, `1.0E-4`, `NaN`, `-Infinity` (shortest round-trip digits). */
export function javaDoubleText(value: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
  if (value === 0) return Object.is(value, -0) ? "-0.0" : "0.0";
  return javaFloatingText(value, value.toExponential());
}

/** Java `Float.toString` for a value held as a double: the shortest digits that identify the float32. */
export function javaFloatText(value: number): string {
  if (!Number.isFinite(value)) return javaDoubleText(value);
  if (value === 0) return Object.is(value, -0) ? "-0.0" : "0.0";
  const single = Math.fround(value);
  for (let digits = 1; digits <= 9; digits++) {
    const text = single.toExponential(digits - 1);
    if (Math.fround(Number(text)) === single) return javaFloatingText(single, text);
  }
  return javaFloatingText(single, single.toExponential(8));
}

/** Lays out `d.ddde±x` digits the way Java does: plain in [1e-3, 1e7), else `d.dddE-x`. */
function javaFloatingText(value: number, exponential: string): string {
  const sign = value < 0 ? "-" : "";
  const [mantissa = "", exponentText = "0"] = (
    exponential.startsWith("-") ? exponential.slice(1) : exponential
  ).split("e");
  const digits = mantissa.replace(".", "");
  const exponent = Number(exponentText);
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    if (exponent >= 0) {
      const intPart = digits.slice(0, exponent + 1).padEnd(exponent + 1, "0");
      const fraction = digits.slice(exponent + 1);
      return `${sign}${intPart}.${fraction === "" ? "0" : fraction}`;
    }
    return `${sign}0.${"0".repeat(-exponent - 1)}${digits}`;
  }
  const fraction = digits.slice(1);
  return `${sign}${digits[0]}.${fraction === "" ? "0" : fraction}E${exponent}`;
}

/** Java `BigDecimal.toString`: scientific notation when the scale is negative or the exponent < -6. */
export function bigDecimalText(unscaled: bigint, scale: number): string {
  const negative = unscaled < 0n;
  const coefficient = (negative ? -unscaled : unscaled).toString();
  const sign = negative ? "-" : "";
  const adjusted = coefficient.length - 1 - scale;
  if (scale >= 0 && adjusted >= -6) return sign + placePoint(coefficient, scale);
  const fraction = coefficient.length > 1 ? `.${coefficient.slice(1)}` : "";
  return `${sign}${coefficient[0]}${fraction}E${adjusted > 0 ? "+" : ""}${adjusted}`;
}

/** Java `BigDecimal.toPlainString`. */
export function bigDecimalPlainText(unscaled: bigint, scale: number): string {
  const negative = unscaled < 0n;
  const coefficient = (negative ? -unscaled : unscaled).toString();
  const sign = negative ? "-" : "";
  if (scale <= 0) return sign + coefficient + (unscaled === 0n ? "" : "0".repeat(-scale));
  return sign + placePoint(coefficient, scale);
}

function placePoint(coefficient: string, scale: number): string {
  if (scale === 0) return coefficient;
  if (coefficient.length > scale) {
    return `${coefficient.slice(0, coefficient.length - scale)}.${coefficient.slice(coefficient.length - scale)}`;
  }
  return `0.${"0".repeat(scale - coefficient.length)}${coefficient}`;
}

/** Java `BigDecimal.stripTrailingZeros` (zero becomes scale 0, as in Java 8+). */
export function stripTrailingZeros(unscaled: bigint, scale: number): [bigint, number] {
  if (unscaled === 0n) return [0n, 0];
  let u = unscaled;
  let s = scale;
  while (u % 10n === 0n) {
    u /= 10n;
    s--;
  }
  return [u, s];
}
