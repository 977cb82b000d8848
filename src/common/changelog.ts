/**
 * Flink's row kinds. A changelog is a sequence of rows, each tagged with one of them:
 * `+I` insert, `-U` the old row of an update (update-before), `+U` the new row (update-after), `-D` delete.
 */
export type RowKind = "+I" | "-U" | "+U" | "-D";

export const ROW_KINDS: readonly RowKind[] = ["+I", "-U", "+U", "-D"];

/** Adds a row (insert, update-after) or takes one away (delete, update-before). */
export function isAccumulate(kind: RowKind): boolean {
  return kind === "+I" || kind === "+U";
}
