-- error: table option needs '=' between key and value
-- at: 5:21
CREATE TABLE opts (
  id BIGINT
) WITH ('connector' 'datagen');
