-- error: a table can declare only one WATERMARK
-- at: 7:3
CREATE TABLE two_watermarks (
  a TIMESTAMP(3),
  b TIMESTAMP(3),
  WATERMARK FOR a AS a,
  WATERMARK FOR b AS b
) WITH ('connector' = 'datagen');
