/**
 * `items.map(fn)` whose result is a packed array in every V8 tier. `Array.prototype.map` returns a
 * PACKED_ELEMENTS array from the builtin but a HOLEY_ELEMENTS one where TurboFan inlines it, so each
 * time a caller is optimized or deoptimized the arrays it hands on change map, and the optimized code
 * that reads them deoptimizes ("wrong map") and is compiled again. The front end's arrays reach shared
 * sites (columns, arguments, name parts) from many producers, which kept V8 recompiling the binder's
 * largest functions for tens of passes (bench/results/sql-parse-*.md).
 */
export function mapArray<T, U>(items: readonly T[], fn: (item: T, index: number) => U): U[] {
  const mapped: U[] = [];
  for (let i = 0; i < items.length; i++) mapped.push(fn(items[i]!, i));
  return mapped;
}
