import { isSemiOrAnti, leftIsOuter, rightIsOuter } from "../logical/join.ts";
import { PlanError } from "../plan-error.ts";
import { ALL_KINDS, INSERT_ONLY, isInsertOnly, type ModifyKinds, unionKinds } from "./changelog-mode.ts";
import type { ExecNode } from "./exec-node.ts";
import type { JoinExecNode, JoinInputSpec, JoinKeys } from "./join-nodes.ts";

type Key = readonly number[];

/**
 * What a join emits, as FlinkChangelogModeInferenceProgram decides: an inner or semi join passes its
 * inputs' kinds on (an input's update becomes an update of the joined rows); an outer or anti join
 * can also delete (a match retracts a NULL-padded row); an interval join needs and gives inserts only;
 * a temporal or lookup join passes the left input's kinds on.
 */
export function joinProducedKinds(
  node: JoinExecNode,
  of: (input: ExecNode) => ModifyKinds,
  originOf: (input: ExecNode) => string,
): ModifyKinds {
  switch (node.kind) {
    case "Join":
      return node.joinType === "INNER" || node.joinType === "SEMI"
        ? unionKinds([of(node.left), of(node.right)])
        : ALL_KINDS;
    case "IntervalJoin": {
      for (const input of [node.left, node.right]) {
        if (!isInsertOnly(of(input)))
          throw new PlanError(
            `StreamPhysicalIntervalJoin doesn't support consuming update and delete changes which is produced by node ${originOf(input)}`,
          );
      }
      return INSERT_ONLY;
    }
    case "TemporalJoin":
      return of(node.left);
    case "LookupJoin":
    case "Correlate":
      return of(node.input);
    default:
      return node satisfies never;
  }
}

/**
 * Whether input `input` of a join must send `-U` rows. A regular join needs them unless the input's
 * upsert key covers its join key (then an update stays under one join key and replaces the stored row
 * by key: Flink's inputUniqueKeyContainsJoinKey); a temporal join's versioned side never does; otherwise
 * the join's consumer decides.
 */
export function joinInputRequiresBefore(
  node: JoinExecNode,
  input: number,
  requiredByConsumer: boolean,
  upsertKeysOf: (n: ExecNode) => readonly Key[],
): boolean {
  switch (node.kind) {
    case "Join": {
      if (requiredByConsumer) return true;
      const side = input === 0 ? node.left : node.right;
      const joinKey = input === 0 ? node.keys.left : node.keys.right;
      return !upsertKeysOf(side).some((key) => joinKey.every((k) => key.includes(k)));
    }
    case "IntervalJoin":
      return false;
    case "TemporalJoin":
      return input === 0 && requiredByConsumer;
    case "LookupJoin":
    case "Correlate":
      return requiredByConsumer;
    default:
      return node satisfies never;
  }
}

/**
 * The upsert keys of a join's output (FlinkRelMdUpsertKeys): a left key plus a right key; a left key
 * alone when each left row meets at most one right row (a right key within the right join key) and
 * the left is never NULL-padded; symmetrically for the right. Only keys containing the join key count,
 * since rows are partitioned by it. SEMI/ANTI joins keep the left's keys, and so does a lookup join
 * by the table's primary key.
 */
export function joinUpsertKeys(node: JoinExecNode, upsertKeysOf: (n: ExecNode) => readonly Key[]): Key[] {
  // An unnested row's copies share the input's key.
  if (node.kind === "Correlate") return [];
  if (node.kind === "LookupJoin") {
    // A left row meets at most one table row when the lookup covers the table's primary key.
    const table = node.table;
    const looked = node.lookupKeys.map((k) => table.columns[k.column]!.name);
    const pointLookup = table.primaryKey?.every((c) => looked.includes(c)) ?? false;
    return pointLookup ? [...upsertKeysOf(node.input)] : [];
  }
  const left = upsertKeysOf(node.left);
  if (isSemiOrAnti(node.joinType)) return containing(left, node.keys.left);
  const right = upsertKeysOf(node.right);
  return combinedKeys(node, left, right);
}

function combinedKeys(
  node: Exclude<JoinExecNode, { kind: "LookupJoin" | "Correlate" }>,
  left: readonly Key[],
  right: readonly Key[],
): Key[] {
  const keys: JoinKeys = node.keys;
  const width = node.left.fields.length;
  const leftKeys = containing(left, keys.left);
  const rightKeys = containing(right, keys.right).map((k) => k.map((i) => i + width));
  const result: Key[] = [];
  for (const l of leftKeys) for (const r of rightKeys) result.push([...l, ...r]);
  if (isUnique(right, keys.right) && !rightIsOuter(node.joinType)) result.push(...leftKeys);
  if (isUnique(left, keys.left) && !leftIsOuter(node.joinType)) result.push(...rightKeys);
  return dedupe(result);
}

/** Keys that contain every column of `columns`. */
function containing(keys: readonly Key[], columns: readonly number[]): Key[] {
  return keys.filter((k) => columns.every((c) => k.includes(c)));
}

/** Whether some key lies within `columns`: at most one row per value of those columns. */
function isUnique(keys: readonly Key[], columns: readonly number[]): boolean {
  return keys.some((k) => k.every((c) => columns.includes(c)));
}

function dedupe(keys: readonly Key[]): Key[] {
  const seen = new Set<string>();
  return keys.filter((k) => {
    const id = [...k].sort((a, b) => a - b).join(",");
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/**
 * How one join input's rows are stored (JoinUtil.analyzeJoinInput): by join key when one of its
 * upsert keys lies within the join key, by its smallest upsert key otherwise, or counted.
 */
export function joinInputSpec(upsertKeys: readonly Key[], joinKey: readonly number[]): JoinInputSpec {
  if (upsertKeys.length === 0) return { kind: "NoUniqueKey" };
  const smallest = (keys: readonly Key[]): Key =>
    keys.reduce((best, k) => (k.length < best.length ? k : best));
  const within = upsertKeys.filter((k) => k.every((c) => joinKey.includes(c)));
  if (within.length > 0) return { kind: "JoinKeyContainsUniqueKey", uniqueKey: smallest(within) };
  return { kind: "HasUniqueKey", uniqueKey: smallest(upsertKeys) };
}
