// Option parsers shared by the benchmarks' command lines (commander), with messages that say which option.
import { InvalidArgumentError } from "commander";

/** A whole number ≥ `minimum`; `1_000_000` is accepted as written in code. */
export function wholeNumber(option: string, minimum = 1): (text: string) => number {
  return (text) => {
    const n = Number(text.replaceAll("_", ""));
    if (!Number.isSafeInteger(n) || n < minimum)
      throw new InvalidArgumentError(`${option} must be a whole number ≥ ${minimum}`);
    return n;
  };
}
