import type { SqlValue } from "../../../common/value.ts";
import type { BoundExpr } from "../../../sql/binder/bound.ts";
import type { DataType } from "../../../sql/types/data-type.ts";
import { type CodeGen, strictLocal, type Value } from "./codegen.ts";
import { coerce } from "./gen-coerce.ts";
import { mapGet } from "./value-ops.ts";

/**
 * ROW(...), ARRAY[...], MAP[...] constructors (elements converted to the element type; NULL elements
 * kept), ITEM subscripts (`arr[i]` 1-based, NULL when out of range; `map[key]` NULL when absent) and
 * ROW field access.
 */
export function genRow(g: CodeGen, args: readonly BoundExpr[], type: DataType): Value {
  const fields = type.kind === "ROW" ? type.fields : [];
  const values = args.map((a, i) => coerce(g, g.expr(a), a.type, fields[i]?.type ?? a.type));
  return g.local(`[${values.map((v) => v.code).join(", ")}]`, false);
}

export function genArray(g: CodeGen, args: readonly BoundExpr[], type: DataType): Value {
  const element = type.kind === "ARRAY" ? type.element : undefined;
  const values = args.map((a) => coerce(g, g.expr(a), a.type, element ?? a.type));
  return g.local(`[${values.map((v) => v.code).join(", ")}]`, false);
}

export function genMap(g: CodeGen, args: readonly BoundExpr[], type: DataType): Value {
  const [keyType, valueType] = type.kind === "MAP" ? [type.key, type.value] : [undefined, undefined];
  const pairs: string[] = [];
  for (let i = 0; i + 1 < args.length; i += 2) {
    const k = coerce(g, g.expr(args[i]!), args[i]!.type, keyType ?? args[i]!.type);
    const v = coerce(g, g.expr(args[i + 1]!), args[i + 1]!.type, valueType ?? args[i + 1]!.type);
    pairs.push(`[${k.code}, ${v.code}]`);
  }
  // Later entries win on duplicate keys, as in Flink's MAP constructor.
  return g.local(`new Map([${pairs.join(", ")}])`, false);
}

export function genItem(g: CodeGen, args: readonly BoundExpr[]): Value {
  const base = g.expr(args[0]!);
  const index = g.expr(args[1]!);
  if (args[0]!.type.kind === "ARRAY")
    return strictLocal(g, [base, index], `${g.bind(arrayItem)}(${base.code}, ${index.code})`, true);
  return strictLocal(g, [base, index], `${g.bind(mapItem)}(${base.code}, ${index.code})`, true);
}

function arrayItem(array: SqlValue[], index: number): SqlValue {
  return index >= 1 && index <= array.length ? array[index - 1]! : null;
}

function mapItem(map: Map<SqlValue, SqlValue>, key: SqlValue): SqlValue {
  return mapGet(map, key) ?? null;
}

export function genFieldAccess(g: CodeGen, base: BoundExpr, field: number): Value {
  const row = g.expr(base);
  return strictLocal(g, [row], `${row.code}[${field}]`, true);
}
