import { nexmarkTableSql } from "../../src/connectors/nexmark/index.ts";

/**
 * The pipeline the crash harness runs: Nexmark events loaded into store tables, then INSERT
 * statements covering the engine's stateful operators, each writing a store table. Everything reads
 * event time only (no processing time, no idle timeouts), so an uninterrupted run is deterministic
 * and any run that loses or duplicates a record differs from it.
 */

/** Store tables of the inputs (Confluent-style: topics of the engine's store, 6 partitions). */
export const INPUT_DDL = `
CREATE TABLE bid (
  auction BIGINT, bidder BIGINT, price BIGINT, channel STRING, \`dateTime\` TIMESTAMP(3),
  WATERMARK FOR \`dateTime\` AS \`dateTime\` - INTERVAL '4' SECOND
);
CREATE TABLE auction (
  id BIGINT, seller BIGINT, category BIGINT, initialBid BIGINT, \`dateTime\` TIMESTAMP(3),
  WATERMARK FOR \`dateTime\` AS \`dateTime\` - INTERVAL '4' SECOND
);
CREATE TABLE person (
  id BIGINT, name STRING, city STRING, state STRING, \`dateTime\` TIMESTAMP(3),
  WATERMARK FOR \`dateTime\` AS \`dateTime\` - INTERVAL '4' SECOND
);
`;

/** Fills the input tables from the deterministic Nexmark generator (a bounded run, no checkpoints). */
export function loadSql(events: number): string {
  return `
${nexmarkTableSql({ "events.num": String(events), seed: "7" }, "nexmark_events")}
INSERT INTO bid SELECT bid.auction, bid.bidder, bid.price, bid.channel, \`dateTime\` FROM nexmark_events WHERE event_type = 2;
INSERT INTO auction SELECT auction.id, auction.seller, auction.category, auction.initialBid, \`dateTime\` FROM nexmark_events WHERE event_type = 1;
INSERT INTO person SELECT person.id, person.name, person.city, person.state, \`dateTime\` FROM nexmark_events WHERE event_type = 0;
`;
}

/** The outputs: one store table per statement, and how to read each back (its key columns, if any). */
export const OUTPUT_DDL = `
CREATE TABLE bid_stats (auction BIGINT, bids BIGINT, volume BIGINT, top_price BIGINT, low_price BIGINT,
  PRIMARY KEY (auction) NOT ENFORCED);
CREATE TABLE bids_per_count (bids BIGINT, auctions BIGINT, PRIMARY KEY (bids) NOT ENFORCED);
CREATE TABLE channel_rollup (channel STRING, bucket BIGINT, bids BIGINT, volume BIGINT)
  WITH ('changelog.mode' = 'retract');
CREATE TABLE big_bids (auction BIGINT, bidder BIGINT, price BIGINT, kind STRING);
CREATE TABLE top_bid_by_bidder (bidder BIGINT, auction BIGINT, price BIGINT, PRIMARY KEY (bidder) NOT ENFORCED);
`;

/** Named INSERT statements: their names are their identities across restarts. */
export const STATEMENTS: readonly { readonly name: string; readonly sql: string }[] = [
  {
    // GroupAggregate over an append stream, upsert sink.
    name: "bid-stats",
    sql: `INSERT INTO bid_stats SELECT auction, COUNT(*), SUM(price), MAX(price), MIN(price) FROM bid GROUP BY auction`,
  },
  {
    // Two GroupAggregates: the second retracts what the first updates.
    name: "bids-per-count",
    sql: `INSERT INTO bids_per_count SELECT bids, COUNT(*) FROM (SELECT auction, COUNT(*) AS bids FROM bid GROUP BY auction) GROUP BY bids`,
  },
  {
    // Grouping sets (Expand + GroupAggregate) into a retract topic: every -U/+U is written.
    name: "channel-rollup",
    sql: `INSERT INTO channel_rollup SELECT channel, bidder % 4, COUNT(*), SUM(price) FROM bid
      GROUP BY GROUPING SETS ((channel), (channel, bidder % 4), ())`,
  },
  {
    // Stateless filters and a union into an append sink.
    name: "big-bids",
    sql: `INSERT INTO big_bids
      SELECT auction, bidder, price, 'high' FROM bid WHERE price > 50000000
      UNION ALL SELECT auction, bidder, price, 'low' FROM bid WHERE price < 200`,
  },
  {
    // An updating input whose upsert key is not the sink's key: Flink's SinkUpsertMaterializer.
    name: "top-bid-by-bidder",
    sql: `INSERT INTO top_bid_by_bidder SELECT bidder, auction, MAX(price) FROM bid GROUP BY bidder, auction`,
  },
];

export const OUTPUT_TABLES = [
  "bid_stats",
  "bids_per_count",
  "channel_rollup",
  "big_bids",
  "top_bid_by_bidder",
];
