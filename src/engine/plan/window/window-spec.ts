import type { TimeAttribute } from "../../../sql/catalog/table-schema.ts";

/**
 * What a window TVF (or a legacy group window) cuts time into, all durations in milliseconds.
 * Aligned windows (TUMBLE, HOP, CUMULATE) are the same for every key and are computed from a
 * timestamp alone; SESSION windows grow per key (its partition keys) as rows arrive.
 */
export type WindowSpec =
  | { readonly kind: "TUMBLE"; readonly size: number; readonly offset?: number }
  | { readonly kind: "HOP"; readonly size: number; readonly slide: number; readonly offset?: number }
  | { readonly kind: "CUMULATE"; readonly maxSize: number; readonly step: number; readonly offset?: number }
  | {
      readonly kind: "SESSION";
      readonly gap: number;
      /** Positions of the PARTITION BY columns in the rows the windows are assigned to. */
      readonly partitionKeys: readonly number[];
    };

export type AlignedWindowSpec = Exclude<WindowSpec, { readonly kind: "SESSION" }>;
export type SessionWindowSpec = Extract<WindowSpec, { readonly kind: "SESSION" }>;

/**
 * The time a window runs on: event time (`rowtime`, a column's value) or processing time (the engine's
 * clock). `localTime` is set when the time attribute is a TIMESTAMP_LTZ (always, for processing time):
 * windows are then aligned to the session time zone's wall clock, as Flink's `shiftTimeZone` does, so
 * a one-day window runs from local midnight to local midnight.
 */
export interface WindowTime {
  readonly attribute: TimeAttribute;
  readonly localTime: boolean;
}

/** Flink's `TimeUtils.formatWithHighestUnit`: the largest unit that divides the duration, `10 s`, `1 d`. */
export function formatDuration(millis: number): string {
  const units: readonly [number, string][] = [
    [86_400_000, "d"],
    [3_600_000, "h"],
    [60_000, "min"],
    [1_000, "s"],
  ];
  if (millis !== 0)
    for (const [size, label] of units) if (millis % size === 0) return `${millis / size} ${label}`;
  return `${millis} ms`;
}

/**
 * The window as Flink's WindowSpec.toSummaryString prints it, with `windowing` saying where windows
 * come from: `time_col=[ts]`, or `win_start=[window_start], win_end=[window_end]` for rows that carry
 * their window already. `names` are the input's field names (for SESSION's partition keys).
 */
export function describeWindow(spec: WindowSpec, windowing: string, names: readonly string[]): string {
  return `${spec.kind}(${[windowing, ...parameters(spec, names)].join(", ")})`;
}

/** The window alone, as Flink's WindowSpec.toString prints it in error messages: `HOP(size=[10 s], slide=[2 s])`. */
export function windowToString(spec: WindowSpec): string {
  if (spec.kind === "SESSION")
    return `SESSION(gap=[${formatDuration(spec.gap)}],partitionKeys=[${spec.partitionKeys.join(", ")}])`;
  return `${spec.kind}(${parameters(spec, []).join(", ")})`;
}

function parameters(spec: WindowSpec, names: readonly string[]): string[] {
  const offset =
    "offset" in spec && spec.offset !== undefined ? [`offset=[${formatDuration(spec.offset)}]`] : [];
  switch (spec.kind) {
    case "TUMBLE":
      return [`size=[${formatDuration(spec.size)}]`, ...offset];
    case "HOP":
      return [`size=[${formatDuration(spec.size)}]`, `slide=[${formatDuration(spec.slide)}]`, ...offset];
    case "CUMULATE":
      return [`max_size=[${formatDuration(spec.maxSize)}]`, `step=[${formatDuration(spec.step)}]`, ...offset];
    case "SESSION": {
      const keys = spec.partitionKeys.map((k) => names[k]!);
      return [
        `gap=[${formatDuration(spec.gap)}]`,
        ...(keys.length > 0 ? [`partition keys=[${keys.join(", ")}]`] : []),
      ];
    }
    default:
      return spec satisfies never;
  }
}

/** Two windowings are the same window (a window join needs both sides cut alike); keys aside. */
export function sameWindow(a: WindowSpec, b: WindowSpec): boolean {
  switch (a.kind) {
    case "TUMBLE":
      return b.kind === "TUMBLE" && a.size === b.size && (a.offset ?? 0) === (b.offset ?? 0);
    case "HOP":
      return (
        b.kind === "HOP" && a.size === b.size && a.slide === b.slide && (a.offset ?? 0) === (b.offset ?? 0)
      );
    case "CUMULATE":
      return (
        b.kind === "CUMULATE" &&
        a.maxSize === b.maxSize &&
        a.step === b.step &&
        (a.offset ?? 0) === (b.offset ?? 0)
      );
    case "SESSION":
      return b.kind === "SESSION" && a.gap === b.gap;
    default:
      return a satisfies never;
  }
}
