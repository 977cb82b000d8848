-- SQL hints: dynamic table options, lookup join hints, join strategy hints, state TTL.

CREATE TABLE clickstream (
  click_id BIGINT,
  user_id BIGINT,
  page STRING,
  clicked_at TIMESTAMP(3),
  pt AS PROCTIME(),
  WATERMARK FOR clicked_at AS clicked_at - INTERVAL '5' SECOND
) WITH (
  'connector' = 'kafka',
  'topic' = 'clicks',
  'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'json'
);

CREATE TABLE user_profiles (
  user_id BIGINT,
  segment STRING,
  PRIMARY KEY (user_id) NOT ENFORCED
) WITH (
  'connector' = 'jdbc',
  'url' = 'jdbc:postgresql://localhost:5432/users',
  'table-name' = 'profiles'
);

CREATE TABLE pages (
  page STRING,
  section STRING
) WITH ('connector' = 'datagen');

CREATE TABLE click_sink (
  user_id BIGINT,
  page STRING
) WITH ('connector' = 'blackhole');

SELECT click_id, page
FROM clickstream /*+ OPTIONS('scan.startup.mode' = 'latest-offset') */;

SELECT c.click_id, p.section
FROM clickstream /*+ OPTIONS('scan.startup.mode' = 'timestamp', 'scan.startup.timestamp-millis' = '1717200000000') */ AS c
JOIN pages /*+ OPTIONS('rows-per-second' = '5') */ p ON c.page = p.page;

INSERT INTO click_sink /*+ OPTIONS('sink.parallelism' = '2') */
SELECT user_id, page FROM clickstream;

SELECT /*+ LOOKUP('table' = 'u', 'retry-predicate' = 'lookup_miss', 'retry-strategy' = 'fixed_delay', 'fixed-delay' = '10s', 'max-attempts' = '3') */
       c.click_id, u.segment
FROM clickstream AS c
JOIN user_profiles FOR SYSTEM_TIME AS OF c.pt AS u
  ON c.user_id = u.user_id;

SELECT /*+ LOOKUP('table' = 'user_profiles', 'async' = 'true', 'output-mode' = 'allow_unordered', 'capacity' = '100', 'timeout' = '180s') */
       clickstream.click_id, user_profiles.segment
FROM clickstream
JOIN user_profiles FOR SYSTEM_TIME AS OF clickstream.pt
  ON clickstream.user_id = user_profiles.user_id;

SELECT /*+ BROADCAST(p) */ c.click_id, p.section
FROM clickstream c JOIN pages p ON c.page = p.page;

SELECT /*+ SHUFFLE_HASH(pages) */ clickstream.click_id, pages.section
FROM clickstream JOIN pages ON clickstream.page = pages.page;

SELECT /*+ SHUFFLE_MERGE(c, p) */ c.click_id, p.section
FROM clickstream c JOIN pages p ON c.page = p.page;

SELECT /*+ NEST_LOOP(p) */ c.click_id FROM clickstream c JOIN pages p ON c.page = p.page;

SELECT /*+ STATE_TTL('c' = '1d', 'p' = '12h') */ c.user_id, p.section
FROM clickstream c JOIN pages p ON c.page = p.page;

SELECT /*+ STATE_TTL('clickstream' = '30 min') */ user_id, COUNT(*) AS clicks
FROM clickstream
GROUP BY user_id;

SELECT /*+ BROADCAST(p), STATE_TTL('c' = '2h') */ c.click_id, p.section
FROM clickstream c JOIN pages p ON c.page = p.page;

SELECT page, cnt
FROM (
  SELECT /*+ STATE_TTL('clickstream' = '1h') */ page, COUNT(*) AS cnt
  FROM clickstream
  GROUP BY page
) agg
WHERE cnt > 10;
