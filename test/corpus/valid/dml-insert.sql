-- INSERT INTO / INSERT OVERWRITE with column lists, static partitions, VALUES and queries.

CREATE TABLE web_events (
  event_id BIGINT,
  user_id BIGINT,
  event_type STRING,
  page STRING,
  event_time TIMESTAMP(3),
  WATERMARK FOR event_time AS event_time - INTERVAL '2' SECOND
) WITH ('connector' = 'datagen');

CREATE TABLE event_sink (
  event_id BIGINT,
  user_id BIGINT,
  event_type STRING,
  page STRING
) WITH ('connector' = 'blackhole');

CREATE TABLE event_files (
  user_id BIGINT,
  event_type STRING,
  page STRING,
  dt STRING,
  hr STRING
) PARTITIONED BY (dt, hr)
WITH (
  'connector' = 'filesystem',
  'path' = 'file:///tmp/event_files',
  'format' = 'json'
);

CREATE TABLE user_totals (
  user_id BIGINT NOT NULL,
  events BIGINT,
  last_seen TIMESTAMP(3),
  PRIMARY KEY (user_id) NOT ENFORCED
) WITH (
  'connector' = 'upsert-kafka',
  'topic' = 'user-totals',
  'properties.bootstrap.servers' = 'localhost:9092',
  'key.format' = 'json',
  'value.format' = 'json'
);

INSERT INTO event_sink
SELECT event_id, user_id, event_type, page FROM web_events;

INSERT INTO event_sink (event_id, page)
SELECT event_id, page FROM web_events WHERE event_type = 'view';

INSERT INTO event_sink (user_id, event_id, event_type, page)
SELECT user_id, event_id, UPPER(event_type), COALESCE(page, '/') FROM web_events;

INSERT INTO event_sink VALUES (1, 10, 'click', '/home');

INSERT INTO event_sink
VALUES
  (2, 10, 'view', '/cart'),
  (3, 11, 'view', NULL),
  (4, CAST(NULL AS BIGINT), 'purchase', '/checkout');

INSERT INTO event_sink (event_id, event_type) VALUES (5, 'logout'), (6, 'login');

INSERT INTO event_files
SELECT user_id, event_type, page, DATE_FORMAT(event_time, 'yyyy-MM-dd'), DATE_FORMAT(event_time, 'HH')
FROM web_events;

INSERT INTO event_files PARTITION (dt = '2024-06-01')
SELECT user_id, event_type, page, DATE_FORMAT(event_time, 'HH') FROM web_events;

INSERT INTO event_files PARTITION (dt = '2024-06-01', hr = '08') (user_id, page)
SELECT user_id, page FROM web_events;

INSERT OVERWRITE event_files PARTITION (dt = '2024-06-02', hr = '00')
SELECT user_id, event_type, page FROM web_events WHERE user_id > 100;

INSERT OVERWRITE event_files
SELECT user_id, event_type, page, '2024-06-03', '23' FROM web_events;

INSERT INTO user_totals
SELECT user_id, COUNT(*), MAX(event_time)
FROM web_events
WHERE user_id IS NOT NULL
GROUP BY user_id;

INSERT INTO default_catalog.default_database.event_sink
SELECT * FROM (VALUES (7, 12, 'scroll', '/blog')) AS v (event_id, user_id, event_type, page);

INSERT INTO `event_sink` (`event_id`, `user_id`, `event_type`, `page`)
WITH clicks AS (
  SELECT event_id, user_id, page FROM web_events WHERE event_type = 'click'
)
SELECT event_id, user_id, 'click', page FROM clicks;
