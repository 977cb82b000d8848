export { INPUT_DDL } from "./pipeline.ts";

/** The chain's tables: an append copy of the bids, bids per auction, and one row of totals. */
export const CHAIN_DDL = `
CREATE TABLE bid_copy (auction BIGINT, bidder BIGINT, price BIGINT);
CREATE TABLE auction_bids (auction BIGINT, bids BIGINT, volume BIGINT, PRIMARY KEY (auction) NOT ENFORCED);
CREATE TABLE bid_total (one INT, auctions BIGINT, bids BIGINT, volume BIGINT, PRIMARY KEY (one) NOT ENFORCED);
`;

export const CHAIN_TABLES = ["bid_copy", "auction_bids", "bid_total"] as const;

/** Three levels, each reading the store table the one before writes. */
export const CHAIN: readonly { readonly name: string; readonly sql: string }[] = [
  { name: "copy", sql: "INSERT INTO bid_copy SELECT auction, bidder, price FROM bid" },
  {
    name: "per-auction",
    sql: "INSERT INTO auction_bids SELECT auction, COUNT(*), SUM(price) FROM bid_copy GROUP BY auction",
  },
  {
    name: "totals",
    sql: `INSERT INTO bid_total SELECT one, COUNT(*), SUM(bids), SUM(volume)
      FROM (SELECT 1 AS one, bids, volume FROM auction_bids) GROUP BY one`,
  },
];
