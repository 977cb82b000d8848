-- error: the WATERMARK column must be TIMESTAMP(p) or TIMESTAMP_LTZ(p) with p <= 3; click_id is BIGINT
-- at: 6:17
CREATE TABLE clicks (
  click_id BIGINT,
  event_time TIMESTAMP(3),
  WATERMARK FOR click_id AS click_id
) WITH ('connector' = 'datagen');
