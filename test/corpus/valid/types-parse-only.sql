-- @parse-only: type syntax that Flink's parser accepts but whose resolution depends on
-- runtime classes (RAW needs a serializer snapshot that deserializes on the classpath).

CREATE TABLE raw_holder (
  id BIGINT,
  blob RAW('java.lang.Object', 'AEdvcmcuYXBhY2hlLmZsaW5rLmFwaS5qYXZhLnR5cGV1dGlscy5ydW50aW1lLmtyeW8uS3J5b1NlcmlhbGl6ZXJTbmFwc2hvdAAAAAIAEGphdmEubGFuZy5PYmplY3Q='),
  nested ARRAY<RAW('com.example.Money', 'AAAAAQ==')> NOT NULL
) WITH ('connector' = 'blackhole');
