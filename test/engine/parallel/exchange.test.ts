// The exchange on its own (no threads): rows routed by key group, and the receiving end's watermark,
// idleness and end over several channels.
import { describe, expect, it } from "vitest";
import type { Row } from "../../../src/common/value.ts";
import type { PollResult } from "../../../src/engine/runtime/operator.ts";
import { ExchangeInput } from "../../../src/engine/runtime/parallel/exchange-input.ts";
import { type Channel, ExchangeOutput } from "../../../src/engine/runtime/parallel/exchange-output.ts";
import {
  instanceOfKeyGroup,
  keyGroupOf,
  keyRouter,
  MAX_PARALLELISM,
} from "../../../src/engine/runtime/parallel/key-groups.ts";
import type { ExchangeMessage } from "../../../src/engine/runtime/parallel/messages.ts";
import { type Emitted, recordInto } from "../runtime/recording-collector.ts";

/** Receiving ends of exchange 0 for `consumers` instances, fed by `producers` outputs. */
function wire(producers: number, consumers: number, keys?: number[]) {
  const emitted: Emitted[][] = Array.from({ length: consumers }, () => []);
  const inputs = emitted.map((out) => new ExchangeInput("Exchange", producers, recordInto(out, true)));
  const channels: Channel[] = inputs.map((input) => ({ send: (m: ExchangeMessage) => input.deliver(m) }));
  const outputs = Array.from(
    { length: producers },
    (_, from) =>
      new ExchangeOutput(
        { statement: 1, exchange: 0, from },
        channels,
        keys ? keyRouter(keys, consumers) : undefined,
      ),
  );
  return { inputs, outputs, emitted };
}

const rowsOf = (result: PollResult): Row[] => (typeof result === "string" ? [] : [...result.rows]);

describe("key groups", () => {
  it("give every key one group and spread instances over contiguous group ranges", () => {
    const groups = new Set<number>();
    for (let i = 0; i < 10_000; i++) groups.add(keyGroupOf(`k${i}`));
    expect(groups.size).toBe(MAX_PARALLELISM);
    expect(keyGroupOf("k1")).toBe(keyGroupOf("k1"));
    const owners = Array.from({ length: MAX_PARALLELISM }, (_, g) => instanceOfKeyGroup(g, 3));
    expect(owners).toEqual([...owners].sort((a, b) => a - b));
    expect(new Set(owners)).toEqual(new Set([0, 1, 2]));
  });
});

describe("exchange", () => {
  it("sends every row of a key to one instance, from any producer", () => {
    const { inputs, outputs } = wire(2, 2, [0]);
    for (let i = 0; i < 200; i++) outputs[i % 2]!.collect("+I", [`k${i % 17}`, i]);
    for (const o of outputs) o.flush();
    const seen = inputs.map((input) => rowsOf(input.poll(10_000)).map((r) => r[0] as string));
    expect(seen[0]!.length + seen[1]!.length).toBe(200);
    expect(seen[0]!.length).toBeGreaterThan(0);
    expect(seen[1]!.length).toBeGreaterThan(0);
    expect(seen[0]!.filter((k) => seen[1]!.includes(k))).toEqual([]);
  });

  it("forwards the minimum watermark over channels that are not idle, after the rows sent before it", () => {
    const { inputs, outputs, emitted } = wire(2, 1);
    const [a, b] = outputs;
    a!.collect("+I", ["x", 1]);
    a!.watermark(10);
    b!.watermark(5);
    a!.collect("+I", ["x", 2]);
    a!.flush();
    const input = inputs[0]!;
    // Rows before the combined watermark come with it; the poll stops there, so a row sent after it
    // (which may be late) is not moved before it.
    expect(input.poll(100)).toEqual({ rows: [["x", 1]], kinds: ["+I"], watermark: 5 });
    expect(input.poll(100)).toEqual({ rows: [["x", 2]], kinds: ["+I"] });
    expect(input.poll(100)).toBe("idle");
    b!.idle();
    expect(input.poll(100)).toEqual({ rows: [], kinds: [], watermark: 10 });
    a!.idle();
    expect(input.poll(100)).toBe("idle");
    expect(emitted[0]).toEqual([["idle"]]);
    a!.end();
    expect(input.poll(100)).toBe("idle");
    b!.end();
    expect(input.poll(100)).toBe("end");
  });
});
