import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { mapArray } from "../../src/sql/map-array.ts";

describe("mapArray", () => {
  it("maps each item with its index, in order", () => {
    expect(mapArray(["a", "b", "c"], (item, index) => `${index}:${item}`)).toEqual(["0:a", "1:b", "2:c"]);
  });

  it("maps an empty array to a new empty array", () => {
    const empty: readonly number[] = [];
    const mapped = mapArray(empty, (n) => n + 1);
    expect(mapped).toEqual([]);
    expect(mapped).not.toBe(empty);
  });

  it("replaces Array.prototype.map in the parser and binder", () => {
    // Array.prototype.map's result is PACKED from the builtin but HOLEY where TurboFan inlines it, which
    // kept deoptimizing the binder (see src/sql/map-array.ts); the printer's arrays never reach it.
    const root = join(import.meta.dirname, "../../src/sql");
    const offenders = readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
      .map((entry) => join(entry.parentPath, entry.name))
      .filter((path) => !/^(printer\/|map-array\.ts)/.test(relative(root, path)))
      // `t.map(key, value)` builds a MAP type.
      .filter((path) => /(?<!\bt)\.map\(/.test(readFileSync(path, "utf8")));
    expect(offenders).toEqual([]);
  });
});
