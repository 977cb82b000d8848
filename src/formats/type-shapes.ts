import type { DataType } from "../sql/types/data-type.ts";

const COUNT: DataType = { kind: "INT", nullable: false };

/** MAP<K, V> and MULTISET<T> (as T → INT count, the way every Flink format writes it) as key/value types. */
export function mapEntryTypes(type: DataType): { key: DataType; value: DataType } | undefined {
  if (type.kind === "MAP") return { key: type.key, value: type.value };
  if (type.kind === "MULTISET") return { key: type.element, value: COUNT };
  return undefined;
}

export function isStringType(type: DataType): boolean {
  return type.kind === "CHAR" || type.kind === "VARCHAR";
}
