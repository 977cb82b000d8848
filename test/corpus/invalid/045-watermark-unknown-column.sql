-- error: WATERMARK FOR names event_ts, which is not a column (did you mean event_time?)
-- at: 6:17
CREATE TABLE clicks (
  click_id BIGINT,
  event_time TIMESTAMP(3),
  WATERMARK FOR event_ts AS event_time - INTERVAL '1' SECOND
) WITH ('connector' = 'datagen');
