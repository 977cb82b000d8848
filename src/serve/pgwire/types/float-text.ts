/**
 * Floating-point numbers as PostgreSQL prints them (extra_float_digits ≥ 1, the default since 12): the
 * shortest digits that read back to the same value, in positional notation for decimal exponents from
 * -4 up to the type's digit count (15 for float8, 6 for float4) and as `1.5e-05` / `1e+20` beyond.
 */
export function formatFloat8(value: number): string {
  const special = nonFinite(value);
  if (special !== undefined) return special;
  return shortest(value, value.toExponential(), 15);
}

export function formatFloat4(value: number): string {
  const special = nonFinite(value);
  if (special !== undefined) return special;
  // The fewest significant digits that round to the same single-precision value.
  let digits = 1;
  while (digits < 9 && Math.fround(Number(value.toPrecision(digits))) !== value) digits++;
  return shortest(Number(value.toPrecision(digits)), Number(value.toPrecision(digits)).toExponential(), 6);
}

function nonFinite(value: number): string | undefined {
  if (Number.isNaN(value)) return "NaN";
  if (value === Number.POSITIVE_INFINITY) return "Infinity";
  if (value === Number.NEGATIVE_INFINITY) return "-Infinity";
  if (Object.is(value, -0)) return "-0";
  return undefined;
}

/** `exponential` is the value's shortest digits as JS writes them: `1.5e-5`. */
function shortest(value: number, exponential: string, cutoff: number): string {
  const [mantissa, exp] = exponential.split("e") as [string, string];
  const exponent = Number(exp);
  if (exponent < -4 || exponent >= cutoff) {
    const abs = Math.abs(exponent);
    return `${mantissa}e${exponent < 0 ? "-" : "+"}${abs < 10 ? `0${abs}` : abs}`;
  }
  const fractionDigits = Math.max(0, mantissa.replace(/^-/, "").replace(".", "").length - 1 - exponent);
  return value.toFixed(fractionDigits);
}
