/**
 * Flink's changelog vocabulary for the planner. A node's *modify kinds* say whether it inserts,
 * updates or deletes rows; its *changelog mode* says which row kinds it actually emits: an update is
 * either `-U` old + `+U` new (retract), or `+U` alone (upsert, when every consumer can look the old
 * row up by key).
 */
export interface ModifyKinds {
  readonly insert: boolean;
  readonly update: boolean;
  readonly delete: boolean;
}

export interface ChangelogMode {
  readonly insert: boolean;
  readonly updateBefore: boolean;
  readonly updateAfter: boolean;
  readonly delete: boolean;
}

export const INSERT_ONLY: ModifyKinds = Object.freeze({ insert: true, update: false, delete: false });
export const ALL_KINDS: ModifyKinds = Object.freeze({ insert: true, update: true, delete: true });

export function unionKinds(kinds: readonly ModifyKinds[]): ModifyKinds {
  return {
    insert: kinds.some((k) => k.insert),
    update: kinds.some((k) => k.update),
    delete: kinds.some((k) => k.delete),
  };
}

export function isInsertOnly(kinds: ModifyKinds): boolean {
  return !kinds.update && !kinds.delete;
}

/** Flink's spelling in EXPLAIN: `[I,UB,UA,D]`; a sink, which emits nothing, is `[NONE]`. */
export function formatChangelogMode(mode: ChangelogMode | undefined): string {
  if (!mode) return "[NONE]";
  const parts = [
    mode.insert ? "I" : "",
    mode.updateBefore ? "UB" : "",
    mode.updateAfter ? "UA" : "",
    mode.delete ? "D" : "",
  ].filter((p) => p !== "");
  return `[${parts.join(",")}]`;
}
