import type { TableOptions } from "./table-options.ts";

/** Where a log source starts reading each partition (`'scan.startup.mode'`). */
export type StartupMode =
  | { readonly kind: "earliest-offset" }
  | { readonly kind: "latest-offset" }
  | { readonly kind: "group-offsets" }
  | { readonly kind: "timestamp"; readonly timestamp: number }
  | { readonly kind: "specific-offsets"; readonly offsets: ReadonlyMap<number, number> };

/** Where it stops (`'scan.bounded.mode'`); `unbounded` reads forever. */
export type BoundedMode =
  | { readonly kind: "unbounded" }
  | { readonly kind: "latest-offset" }
  | { readonly kind: "group-offsets" }
  | { readonly kind: "timestamp"; readonly timestamp: number }
  | { readonly kind: "specific-offsets"; readonly offsets: ReadonlyMap<number, number> };

export const SCAN_RANGE_KEYS = [
  "scan.startup.mode",
  "scan.startup.timestamp-millis",
  "scan.startup.specific-offsets",
  "scan.bounded.mode",
  "scan.bounded.timestamp-millis",
  "scan.bounded.specific-offsets",
] as const;

type Kind = StartupMode["kind"];

/** Reads `'scan.startup.mode'` and its companions; `allowed` lists the modes this connector supports. */
export function readStartupMode(
  options: TableOptions,
  allowed: readonly Kind[],
  fallback: Kind,
): StartupMode {
  return readMode(options, "scan.startup", allowed, fallback) as StartupMode;
}

export function readBoundedMode(
  options: TableOptions,
  allowed: readonly (Kind | "unbounded")[],
): BoundedMode {
  return readMode(options, "scan.bounded", allowed, "unbounded") as BoundedMode;
}

function readMode(
  options: TableOptions,
  prefix: "scan.startup" | "scan.bounded",
  allowed: readonly (Kind | "unbounded")[],
  fallback: Kind | "unbounded",
): StartupMode | BoundedMode {
  const kind = options.choice(`${prefix}.mode`, allowed, fallback);
  const timestampKey = `${prefix}.timestamp-millis`;
  const offsetsKey = `${prefix}.specific-offsets`;
  if (kind !== "timestamp" && options.has(timestampKey))
    throw options.error(`option '${timestampKey}' needs '${prefix}.mode' = 'timestamp'`);
  if (kind !== "specific-offsets" && options.has(offsetsKey))
    throw options.error(`option '${offsetsKey}' needs '${prefix}.mode' = 'specific-offsets'`);
  switch (kind) {
    case "timestamp": {
      const timestamp = options.integer(timestampKey, 0);
      if (timestamp === undefined)
        throw options.error(`option '${timestampKey}' is required when '${prefix}.mode' = 'timestamp'`);
      return { kind, timestamp };
    }
    case "specific-offsets":
      return { kind, offsets: parseSpecificOffsets(options, offsetsKey) };
    default:
      return { kind };
  }
}

/** Flink's `'partition:0,offset:42;partition:1,offset:300'`. */
function parseSpecificOffsets(options: TableOptions, key: string): Map<number, number> {
  const text = options.string(key);
  if (text === undefined) throw options.error(`option '${key}' is required for mode 'specific-offsets'`);
  const offsets = new Map<number, number>();
  for (const part of text.split(";")) {
    if (part.trim() === "") continue;
    const match = /^\s*partition\s*:\s*(\d+)\s*,\s*offset\s*:\s*(\d+)\s*$/.exec(part);
    if (!match)
      throw options.error(
        `option '${key}' = '${text}': '${part}' is not 'partition:<n>,offset:<n>' (e.g. 'partition:0,offset:42;partition:1,offset:300')`,
      );
    offsets.set(Number(match[1]), Number(match[2]));
  }
  return offsets;
}
