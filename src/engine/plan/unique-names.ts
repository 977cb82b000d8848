/**
 * Makes names unique the way Calcite does for a row type: a name already taken gets the first free
 * number appended (`id` → `id0`, then `id1`; `$f3` → `$f30`), so EXPLAIN spells fields like Flink's.
 */
export function uniqueNames(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    let unique = name;
    for (let i = 0; taken.has(unique); i++) unique = `${name}${i}`;
    taken.add(unique);
    return unique;
  });
}
