// The demo's live changes survive its restart: a client that read part of the stream, saw the demo
// stop on Ctrl-C and reconnected to the next run with Last-Event-ID gets exactly the view's stored
// changelog from there on — checked against the store's own log of the view, read after both runs.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Store } from "../../src/store/index.ts";
import { readEvents, type ServerSentEvent } from "../serve/rest/helpers.ts";
import { type Ready, SERVERS, type Stopped, start, stateDir } from "./demo-process.ts";

const VIEW_TOPIC = "customer_analytics_c360";
const SHOP = ["--customers", "50", "--rate", "50"];

describe("headwater demo c360: live changes across a restart", () => {
  it("resumes a client from its Last-Event-ID with no change lost or repeated", async () => {
    const state = stateDir();
    const first = start(...SHOP, "--state-dir", state, ...SERVERS);
    const ready = await first.next<Ready>("ready");
    const before = await readEvents(await fetch(`${ready.product}/changes?from=0`), (e) => e.length >= 40);
    const lastId = before.events.at(-1)!.id!;
    // The view keeps changing after the client left; the run then stops on Ctrl-C.
    await first.next("summary");
    first.child.kill("SIGINT");
    await first.next<Stopped>("stopped");
    expect(await first.exit()).toBe(0);

    const second = start(...SHOP, "--state-dir", state, ...SERVERS);
    const resumedReady = await second.next<Ready>("ready");
    expect(resumedReady.start.kind).toBe("resumed");
    const described = (await (await fetch(resumedReady.product)).json()) as {
      stats: { changelog_offset: number };
    };
    const end = described.stats.changelog_offset;
    expect(end).toBeGreaterThan(Number(lastId) + 1);
    const resumed = await fetch(`${resumedReady.product}/changes`, { headers: { "last-event-id": lastId } });
    expect(resumed.status).toBe(200);
    const after = await readEvents(resumed, (e) => Number(e.at(-1)?.id ?? -1) >= end - 1);
    second.child.kill("SIGINT");
    await second.next<Stopped>("stopped");
    expect(await second.exit()).toBe(0);

    // The oracle: the view's topic as the store keeps it, one record per offset.
    const store = Store.openReadOnly(join(state, "store"));
    try {
      const log = store.topic(VIEW_TOPIC).partition(0);
      const records = log.read({ offset: 0, segment: undefined, position: 0 }, 1 << 30, end);
      expect(records.map((r) => r.offset)).toEqual(Array.from({ length: end }, (_, i) => i));
      const received: ServerSentEvent[] = [...before.events, ...after.events];
      // From offset 0 to the end the first run's client and the resumed one saw each record once, in order.
      expect(received.map((e) => Number(e.id))).toEqual(records.map((r) => r.offset));
      received.forEach((event, i) => {
        const record = records[i]!;
        expect(event.event, `offset ${record.offset}`).toBe(record.value === null ? "-D" : "+U");
        const id = (JSON.parse(event.data) as { customer_id: string }).customer_id;
        expect(Buffer.from(record.key!).toString("latin1"), `offset ${record.offset}`).toContain(id);
      });
    } finally {
      store.close();
    }
  }, 180_000);
});
