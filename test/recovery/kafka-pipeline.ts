/**
 * The crash harness's pipeline into real Kafka: the same store inputs as pipeline.ts, one statement
 * per Kafka sink (each its own transactional commit point) — a GROUP BY into an upsert topic, a Top-N
 * into an upsert topic with a composite key, and a TUMBLE window aggregate into an append topic.
 */
export interface KafkaPipeline {
  readonly outputDdl: string;
  readonly statements: readonly { readonly name: string; readonly sql: string }[];
  readonly topics: readonly string[];
}

export function kafkaPipeline(bootstrap: string, prefix: string): KafkaPipeline {
  const topic = (name: string) => `${prefix}-${name}`;
  const upsert = (name: string, keyFormat: string) =>
    `'connector' = 'upsert-kafka', 'topic' = '${topic(name)}', 'properties.bootstrap.servers' = '${bootstrap}',
     'key.format' = '${keyFormat}', 'value.format' = 'json'`;
  return {
    outputDdl: `
CREATE TABLE k_bid_stats (auction BIGINT, bids BIGINT, volume BIGINT, PRIMARY KEY (auction) NOT ENFORCED)
  DISTRIBUTED INTO 3 BUCKETS WITH (${upsert("bid-stats", "json")});
CREATE TABLE k_top3 (auction BIGINT, rn BIGINT, bidder BIGINT, price BIGINT, PRIMARY KEY (auction, rn) NOT ENFORCED)
  DISTRIBUTED INTO 3 BUCKETS WITH (${upsert("top3", "json")});
CREATE TABLE k_windows (auction BIGINT, window_start TIMESTAMP(3), bids BIGINT)
  DISTRIBUTED INTO 2 BUCKETS WITH ('connector' = 'kafka', 'topic' = '${topic("windows")}',
    'properties.bootstrap.servers' = '${bootstrap}', 'format' = 'json');
`,
    statements: [
      {
        name: "kafka-bid-stats",
        sql: "INSERT INTO k_bid_stats SELECT auction, COUNT(*), SUM(price) FROM bid GROUP BY auction",
      },
      {
        name: "kafka-top3",
        sql: `INSERT INTO k_top3 SELECT auction, rn, bidder, price FROM
          (SELECT *, ROW_NUMBER() OVER (PARTITION BY auction ORDER BY price DESC) AS rn FROM bid) WHERE rn <= 3`,
      },
      {
        name: "kafka-windows",
        sql: `INSERT INTO k_windows SELECT auction, window_start, COUNT(*)
          FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(\`dateTime\`), INTERVAL '10' SECOND))
          GROUP BY auction, window_start, window_end`,
      },
    ],
    topics: [topic("bid-stats"), topic("top3"), topic("windows")],
  };
}
