import { describe, expect, it } from "vitest";
import { EncodedSlabs } from "../../../src/engine/runtime/state/encoded-slabs.ts";

/** An entry whose bytes say which one it is: its number in the first four bytes, then filler. */
function entry(id: number, length: number): Uint8Array {
  const bytes = Buffer.alloc(length, id % 251);
  bytes.writeUInt32LE(id, 0);
  return bytes;
}

/** Slabs with an index from entry id to handle, kept current as compaction moves entries. */
function indexed(): { slabs: EncodedSlabs; handles: Map<number, number> } {
  const handles = new Map<number, number>();
  const slabs = new EncodedSlabs((bytes, handle) => handles.set(Buffer.from(bytes).readUInt32LE(0), handle));
  return { slabs, handles };
}

describe("EncodedSlabs", () => {
  it("gives back each entry's bytes by its handle", () => {
    const { slabs, handles } = indexed();
    for (let id = 0; id < 1000; id++) handles.set(id, slabs.store(entry(id, 8 + (id % 300))));
    for (let id = 0; id < 1000; id++)
      expect(Buffer.from(slabs.bytes(handles.get(id)!))).toEqual(entry(id, 8 + (id % 300)));
    for (const handle of handles.values())
      expect(Number.isInteger(handle) && handle >= 0 && handle < 2 ** 31).toBe(true);
  });

  it("compacts a slab most of whose entries were released, moving the rest with their bytes intact", () => {
    const { slabs, handles } = indexed();
    const sizeOf = (id: number) => 40 + (id % 97);
    for (let id = 0; id < 200_000; id++) handles.set(id, slabs.store(entry(id, sizeOf(id))));
    const before = slabs.allocatedBytes;
    // Release three of every four entries: every full slab falls below half live and is compacted.
    for (let id = 0; id < 200_000; id++) {
      if (id % 4 === 0) continue;
      slabs.release(handles.get(id)!);
      handles.delete(id);
    }
    // At most twice the live bytes (each entry's 4-byte header, 8-byte aligned), plus the slab being filled.
    let live = 0;
    for (const id of handles.keys()) live += (4 + sizeOf(id) + 7) & ~7;
    expect(slabs.allocatedBytes).toBeLessThanOrEqual(2 * live + 4 * 2 ** 20);
    expect(slabs.allocatedBytes).toBeLessThan(before);
    for (const [id, handle] of handles)
      expect(Buffer.from(slabs.bytes(handle))).toEqual(entry(id, sizeOf(id)));
    expect(handles.size).toBe(50_000);
  });

  it("frees every slab once every entry is released, and fills the last one again", () => {
    const { slabs, handles } = indexed();
    for (let id = 0; id < 50_000; id++) handles.set(id, slabs.store(entry(id, 100)));
    for (const handle of handles.values()) slabs.release(handle);
    handles.clear();
    const left = slabs.allocatedBytes;
    expect(left).toBeLessThanOrEqual(4 * 2 ** 20);
    for (let id = 0; id < 1000; id++) handles.set(id, slabs.store(entry(id, 100)));
    expect(slabs.allocatedBytes).toBe(left);
    for (const [id, handle] of handles) expect(Buffer.from(slabs.bytes(handle))).toEqual(entry(id, 100));
  });

  it("starts small and refuses an entry larger than a slab", () => {
    const { slabs } = indexed();
    slabs.store(entry(1, 16));
    expect(slabs.allocatedBytes).toBe(64 * 1024);
    expect(EncodedSlabs.fits(5 * 2 ** 20)).toBe(false);
    expect(() => slabs.store(new Uint8Array(5 * 2 ** 20))).toThrow(/exceeds a slab/);
  });
});
