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
CREATE TABLE auction_sellers (auction BIGINT, category BIGINT, seller_name STRING, city STRING);
CREATE TABLE bids_in_first_hour (auction BIGINT, bidder BIGINT, price BIGINT, seller BIGINT);
CREATE TABLE window_stats (auction BIGINT, window_start TIMESTAMP(3), window_end TIMESTAMP(3), bids BIGINT, top_price BIGINT);
CREATE TABLE first_bid (bidder BIGINT, auction BIGINT, price BIGINT, PRIMARY KEY (bidder) NOT ENFORCED);
CREATE TABLE top3_bids (auction BIGINT, rn BIGINT, bidder BIGINT, price BIGINT, PRIMARY KEY (auction, rn) NOT ENFORCED);
CREATE TABLE auction_categories (category BIGINT, auctions BIGINT, sellers BIGINT, PRIMARY KEY (category) NOT ENFORCED);
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
  {
    // A regular join of two append streams: every row of both sides kept.
    name: "auction-sellers",
    sql: `INSERT INTO auction_sellers SELECT a.id, a.category, p.name, p.city FROM auction a JOIN person p ON a.seller = p.id`,
  },
  {
    // An interval join on event time: rows kept until the watermark passes their interval.
    name: "bids-in-first-hour",
    sql: `INSERT INTO bids_in_first_hour SELECT b.auction, b.bidder, b.price, a.seller FROM bid b JOIN auction a
      ON b.auction = a.id AND b.\`dateTime\` BETWEEN a.\`dateTime\` AND a.\`dateTime\` + INTERVAL '1' HOUR`,
  },
  {
    // A TUMBLE window aggregate: emitted when the watermark passes each window's end.
    name: "window-stats",
    sql: `INSERT INTO window_stats SELECT auction, window_start, window_end, COUNT(*), MAX(price)
      FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(\`dateTime\`), INTERVAL '10' SECOND))
      GROUP BY auction, window_start, window_end`,
  },
  {
    // Deduplication on event time: each bidder's first bid.
    name: "first-bid",
    sql: `INSERT INTO first_bid SELECT bidder, auction, price FROM
      (SELECT *, ROW_NUMBER() OVER (PARTITION BY bidder ORDER BY \`dateTime\`) AS rn FROM bid) WHERE rn = 1`,
  },
  {
    // Top-N: the three highest bids per auction, ranks updated as bids come.
    name: "top3-bids",
    sql: `INSERT INTO top3_bids SELECT auction, rn, bidder, price FROM
      (SELECT *, ROW_NUMBER() OVER (PARTITION BY auction ORDER BY price DESC) AS rn FROM bid) WHERE rn <= 3`,
  },
  {
    // COUNT(DISTINCT) with its per-group value counts.
    name: "auction-categories",
    sql: `INSERT INTO auction_categories SELECT category, COUNT(*), COUNT(DISTINCT seller) FROM auction GROUP BY category`,
  },
];

export const OUTPUT_TABLES = [
  "bid_stats",
  "bids_per_count",
  "channel_rollup",
  "big_bids",
  "top_bid_by_bidder",
  "auction_sellers",
  "bids_in_first_hour",
  "window_stats",
  "first_bid",
  "top3_bids",
  "auction_categories",
];
