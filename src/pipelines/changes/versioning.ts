/**
 * The next blue/green name of a table, as shift_left versions tables: `_vN` becomes `_vN+1`
 * (`orders_v9` → `orders_v10`), any other name gets `_v2`.
 */
export function nextVersionName(table: string): string {
  const match = /^(.*_v)(\d+)$/.exec(table);
  return match ? `${match[1]}${Number(match[2]) + 1}` : `${table}_v2`;
}
