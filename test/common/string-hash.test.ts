import { describe, expect, it } from "vitest";
import { fnv1a, mixedHash } from "../../src/common/string-hash.ts";
import { keyGroupOf } from "../../src/engine/runtime/parallel/key-groups.ts";

describe("string hashes", () => {
  it("fnv1a gives FNV-1a's published 32-bit values", () => {
    expect(fnv1a("")).toBe(0x811c9dc5);
    expect(fnv1a("a")).toBe(0xe40c292c);
    expect(fnv1a("foobar")).toBe(0xbf9cf968);
  });

  it("mixedHash and the key groups built on it keep the values checkpoints were split by", () => {
    // Key groups name where keyed state goes when the parallelism changes: a different hash would
    // send restored state to instances that never see its keys.
    expect(mixedHash("customer:42")).toBe(2012422297);
    expect(keyGroupOf("k1")).toBe(114);
  });
});
