/**
 * Shared fixture for the DuckDB Nexmark oracle tests: one generated stream written to CSV for
 * DuckDB, and the same events as typed records for the independent TypeScript recomputations.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import type { Row, SqlValue } from "../../src/common/value.ts";
import {
  AUCTION,
  BID,
  NexmarkGenerator,
  PERSON,
  writeNexmarkCsv,
} from "../../src/connectors/nexmark/index.ts";

export const EVENTS = 20_000;

/**
 * 250 events/s spreads the 20,000 events over 80 s of event time (the default 10,000/s would fit
 * them in one 10 s window), and starting 40 s before midnight puts a day and an hour boundary in
 * the data, which the DATE_FORMAT / HOUR queries must split on.
 */
const OPTIONS = {
  "events.num": String(EVENTS),
  "first-event.rate": "250",
  "next-event.rate": "250",
  "base-time": "2015-07-15 23:59:20Z",
  seed: "42",
};

export interface Person {
  readonly id: number;
  readonly name: string;
  readonly state: string;
  readonly city: string;
  readonly dateTime: number;
}

export interface Auction {
  readonly id: number;
  readonly itemName: string;
  readonly description: string;
  readonly initialBid: number;
  readonly reserve: number;
  readonly dateTime: number;
  readonly expires: number;
  readonly seller: number;
  readonly category: number;
  readonly extra: string;
}

export interface Bid {
  readonly auction: number;
  readonly bidder: number;
  readonly price: number;
  readonly channel: string;
  readonly url: string;
  readonly dateTime: number;
  readonly extra: string;
  /** Position in bid.csv: the order Flink would see the bids in. */
  readonly arrival: number;
}

export interface NexmarkFixture {
  readonly dataDir: string;
  readonly people: readonly Person[];
  readonly auctions: readonly Auction[];
  readonly bids: readonly Bid[];
  readonly cleanup: () => void;
}

/** Writes the stream's CSV files (with header) to a fresh temp directory and decodes the same events. */
export function createNexmarkFixture(): NexmarkFixture {
  const generator = NexmarkGenerator.fromWithOptions(OPTIONS);
  const dataDir = mkdtempSync(join(tmpdir(), "nexmark-oracle-"));
  writeNexmarkCsv(generator, dataDir, { count: EVENTS });
  const people: Person[] = [];
  const auctions: Auction[] = [];
  const bids: Bid[] = [];
  for (const event of generator.generate(0, EVENTS)) {
    const type = event[0] as number;
    const v = event[type + 1] as SqlValue[];
    if (type === PERSON) {
      people.push({ id: n(v[0]), name: s(v[1]), city: s(v[4]), state: s(v[5]), dateTime: n(v[6]) });
    } else if (type === AUCTION) {
      auctions.push({
        id: n(v[0]),
        itemName: s(v[1]),
        description: s(v[2]),
        initialBid: n(v[3]),
        reserve: n(v[4]),
        dateTime: n(v[5]),
        expires: n(v[6]),
        seller: n(v[7]),
        category: n(v[8]),
        extra: s(v[9]),
      });
    } else if (type === BID) {
      bids.push({
        auction: n(v[0]),
        bidder: n(v[1]),
        price: n(v[2]),
        channel: s(v[3]),
        url: s(v[4]),
        dateTime: n(v[5]),
        extra: s(v[6]),
        arrival: bids.length,
      });
    }
  }
  return {
    dataDir,
    people,
    auctions,
    bids,
    cleanup: () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

const n = (value: SqlValue | undefined): number => value as number;
const s = (value: SqlValue | undefined): string => value as string;

/** Asserts two results hold the same rows, in any order (results are multisets). */
export function expectSameRows(actual: readonly Row[], expected: readonly Row[]): void {
  expect(actual.length).toBe(expected.length);
  expect(canonical(actual)).toEqual(canonical(expected));
}

function canonical(rows: readonly Row[]): string[] {
  return rows
    .map((row) => row.map((v) => (typeof v === "bigint" ? `${v}n` : JSON.stringify(v))).join("|"))
    .sort();
}

/** Groups values by a string key, keeping first-seen order of keys and values. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group === undefined) groups.set(k, [item]);
    else group.push(item);
  }
  return groups;
}

/** `yyyy-MM-dd` and `HH:mm` of a UTC epoch-millis time, as Flink's DATE_FORMAT gives them. */
export const utcDay = (millis: number): string => new Date(millis).toISOString().slice(0, 10);
export const utcMinute = (millis: number): string => new Date(millis).toISOString().slice(11, 16);
