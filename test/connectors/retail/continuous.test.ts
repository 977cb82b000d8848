import { describe, expect, it } from "vitest";
import {
  continuousRetailEvents,
  generateRetail,
  ManualClock,
  type RetailEvent,
} from "../../../src/connectors/retail/index.ts";

async function drain(stream: AsyncIterable<RetailEvent>, clock?: ManualClock): Promise<RetailEvent[]> {
  const out: RetailEvent[] = [];
  for await (const event of stream) {
    if (clock) expect(clock.now()).toBeGreaterThanOrEqual(event.eventTime);
    out.push(event);
  }
  return out;
}

const START = Date.UTC(2024, 5, 16);

describe("retail continuous mode", () => {
  it("emits rate × duration events, paced by the clock", async () => {
    const clock = new ManualClock(START);
    const events = await drain(
      continuousRetailEvents({ customers: 1000, ratePerSecond: 250, clock, until: START + 10_000 }),
      clock,
    );
    expect(events.length).toBe(2500);
    expect(events[0]!.eventTime).toBe(START);
    expect(events.at(-1)!.eventTime).toBe(START + 9996);
    expect(clock.now()).toBe(START + 9996);
    const kinds = new Set(events.map((e) => e.dataSet));
    for (const kind of ["transactions", "transaction_items", "app_usage", "support_tickets"])
      expect(kinds.has(kind as never)).toBe(true);
  });

  it("does not emit early when time has already passed: it catches up without sleeping", async () => {
    const clock = new ManualClock(START);
    clock.advance(5000);
    const events = await drain(
      continuousRetailEvents({ customers: 100, ratePerSecond: 10, clock, start: START, maxEvents: 60 }),
    );
    expect(events.length).toBe(60);
    expect(clock.now()).toBe(START + 5900);
  });

  it("is deterministic", async () => {
    const run = () =>
      drain(
        continuousRetailEvents({
          customers: 500,
          seed: 4,
          ratePerSecond: 100,
          clock: new ManualClock(START),
          maxEvents: 500,
        }),
      );
    const [a, b] = await Promise.all([run(), run()]);
    expect(a.map((e) => e.row.join("|"))).toEqual(b.map((e) => e.row.join("|")));
  });

  it("continues a history's numbering and stamps rows with their arrival time", async () => {
    const history = generateRetail({ customers: 200, seed: 8 });
    for (const _ of history) {
      // run to the end to fill the cursor
    }
    const cursor = history.cursor!;
    const events = await drain(
      continuousRetailEvents({
        customers: 200,
        seed: 8,
        ratePerSecond: 50,
        clock: new ManualClock(START),
        maxEvents: 400,
        after: cursor,
      }),
    );
    const transactions = events.filter((e) => e.dataSet === "transactions");
    expect(transactions[0]!.row[0]).toBe(`TXN${cursor.transactions + 1}`);
    for (const t of transactions) expect(t.row[2]).toBe(t.eventTime);
    const tickets = events.filter((e) => e.dataSet === "support_tickets");
    for (const t of tickets) expect(t.row[6]).toBe("open");
  });

  it("rejects a non-positive rate", async () => {
    await expect(drain(continuousRetailEvents({ ratePerSecond: 0, maxEvents: 1 }))).rejects.toThrow(
      RangeError,
    );
  });
});
