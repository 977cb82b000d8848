import type { DataType } from "../types/data-type.ts";
import type { TypingError } from "../types/type-error.ts";

/**
 * Where a built-in may appear. `window`: ranking and offset functions, only with OVER. `windowTvf`:
 * TUMBLE/HOP/CUMULATE/SESSION in `FROM TABLE(...)`. `groupWindow`: the legacy `GROUP BY TUMBLE(ts, size)`;
 * `groupWindowAuxiliary`: its `TUMBLE_START(ts, size)` companions.
 */
export type FunctionKind =
  | "scalar"
  | "aggregate"
  | "window"
  | "table"
  | "windowTvf"
  | "groupWindow"
  | "groupWindowAuxiliary";

/** What the binder knows of one argument. */
export interface ArgInfo {
  readonly type: DataType;
  /** The value when the argument is a literal: DECIMAL scale arguments, SHA2 lengths, regex patterns. */
  readonly literal?: string | number | boolean | null;
  /** When the argument is a bare time unit: `TIMESTAMPDIFF(DAY, ...)`, `FLOOR(ts TO HOUR)`. */
  readonly timeUnit?: string;
}

/** Optional facts about the call site. */
export interface InferContext {
  /** The name as written, for functions with aliases (SUBSTR, CEILING, CHARACTER_LENGTH). */
  readonly calledAs?: string;
  /**
   * For aggregates: `grouped` (GROUP BY keys present), `over` (an OVER window) or `global` (no GROUP BY,
   * the default). SUM, AVG, MIN, MAX, FIRST_VALUE... of a NOT NULL input are NOT NULL only when every
   * group is known to be non-empty: `grouped` or `over`, without a FILTER.
   */
  readonly aggregateScope?: "grouped" | "over" | "global";
  /** The aggregate call has `FILTER (WHERE ...)`, so its group may be empty. */
  readonly hasFilter?: boolean;
}

export type FunctionTypeError = TypingError;

export interface FunctionDefinition {
  /** The canonical upper-case name. */
  readonly name: string;
  readonly kind: FunctionKind;
  readonly minArgs: number;
  /** `Infinity` for varargs. */
  readonly maxArgs: number;
  /** False for RAND, UUID, NOW, ...: two calls with the same arguments may differ. */
  readonly deterministic: boolean;
  /**
   * True for the time functions evaluated once per query in batch mode and once per record in
   * streaming mode (NOW, CURRENT_TIMESTAMP, LOCALTIME, ...).
   */
  readonly dynamic?: boolean;
  /** Parameter names for `name => value` calls (the window TVFs). */
  readonly argNames?: readonly string[];
  /** The result type for these arguments, or what is wrong with them. Arity is checked by the binder. */
  readonly inferType: (args: readonly ArgInfo[], ctx?: InferContext) => DataType | FunctionTypeError;
}
