-- Built-in functions with special syntax, CAST/TRY_CAST, aggregates, JSON, collections,
-- and field / element access.

CREATE TABLE profiles (
  id BIGINT,
  name STRING,
  bio STRING,
  score INT,
  balance DECIMAL(12, 2),
  tags ARRAY<STRING>,
  prefs MAP<STRING, STRING>,
  address ROW<street STRING, city STRING, geo ROW<lat DOUBLE, lon DOUBLE>>,
  raw_json STRING,
  created TIMESTAMP(3),
  updated TIMESTAMP(3),
  WATERMARK FOR updated AS updated - INTERVAL '1' SECOND
) WITH ('connector' = 'datagen');

SELECT EXTRACT(YEAR FROM created), EXTRACT(MONTH FROM created), EXTRACT(DAY FROM created),
       EXTRACT(HOUR FROM created), EXTRACT(MINUTE FROM created), EXTRACT(SECOND FROM created),
       EXTRACT(DOW FROM created), EXTRACT(DOY FROM created), EXTRACT(WEEK FROM created),
       EXTRACT(QUARTER FROM created), EXTRACT(MILLISECOND FROM created)
FROM profiles;

SELECT TIMESTAMPADD(DAY, 7, created), TIMESTAMPADD(HOUR, -1, created), TIMESTAMPADD(MONTH, 1, CURRENT_DATE),
       TIMESTAMPDIFF(DAY, created, updated), TIMESTAMPDIFF(SECOND, created, updated),
       TIMESTAMPDIFF(YEAR, created, LOCALTIMESTAMP)
FROM profiles;

SELECT POSITION('a' IN name), POSITION('x' IN bio),
       TRIM(BOTH ' ' FROM name), TRIM(LEADING '0' FROM bio), TRIM(TRAILING FROM name), TRIM(name),
       SUBSTRING(bio FROM 2 FOR 5), SUBSTRING(bio FROM 3), SUBSTRING(bio, 1, 10), SUBSTR(bio, 2),
       OVERLAY(name PLACING 'xx' FROM 2 FOR 3), OVERLAY(name PLACING '*' FROM 1),
       CHAR_LENGTH(name), CHARACTER_LENGTH(bio), UPPER(name), LOWER(name), INITCAP(name),
       REPLACE(bio, 'a', 'b'), REGEXP_REPLACE(bio, '[0-9]+', '#'), REGEXP_EXTRACT(bio, '(\w+)@(\w+)', 2),
       LPAD(name, 10, '*'), RPAD(name, 10, '-'), CONCAT(name, '-', bio), CONCAT_WS('|', name, bio),
       SPLIT_INDEX(bio, ',', 0), REVERSE(name), REPEAT(name, 2), LTRIM(name), RTRIM(name), MD5(name), SHA256(name)
FROM profiles;

SELECT FLOOR(created TO HOUR), CEIL(created TO DAY), FLOOR(created TO MINUTE), CEIL(updated TO MONTH),
       FLOOR(balance), CEIL(balance), CEILING(balance), ROUND(balance, 1), TRUNCATE(balance, 0),
       ABS(score), POWER(score, 2), SQRT(balance), LN(2), LOG10(100), LOG(2, 8), EXP(1), SIGN(score),
       RAND(), RAND_INTEGER(10), PI(), E()
FROM profiles;

SELECT CAST(score AS TINYINT), CAST(score AS SMALLINT), CAST(score AS INT), CAST(score AS INTEGER),
       CAST(score AS BIGINT), CAST(score AS FLOAT), CAST(score AS REAL), CAST(score AS DOUBLE),
       CAST(score AS DOUBLE PRECISION), CAST(score AS DECIMAL(10, 2)), CAST(score AS DEC(5)),
       CAST(score AS NUMERIC(8, 3)), CAST(score AS STRING), CAST(score AS VARCHAR(20)), CAST(name AS CHAR(5)),
       CAST(score > 0 AS BOOLEAN), CAST(name AS BYTES), CAST(name AS BINARY(8)), CAST(name AS VARBINARY(16)),
       CAST('2024-01-01' AS DATE), CAST('12:34:56' AS TIME), CAST('12:34:56.789' AS TIME(3)),
       CAST(created AS TIMESTAMP(0)), CAST(created AS TIMESTAMP(6) WITHOUT TIME ZONE),
       CAST(created AS TIMESTAMP_LTZ(3)), CAST(created AS TIMESTAMP(3) WITH LOCAL TIME ZONE),
       CAST(tags AS ARRAY<VARCHAR(10)>), CAST(prefs AS MAP<STRING, STRING>),
       CAST(address AS ROW<s STRING, c STRING, g ROW<la DOUBLE, lo DOUBLE>>)
FROM profiles;

SELECT TRY_CAST(name AS INT), TRY_CAST(bio AS DATE), TRY_CAST('x' AS DECIMAL(10, 2)), TRY_CAST(name AS TIMESTAMP(3))
FROM profiles;

SELECT COALESCE(name, bio, 'n/a'), NULLIF(score, 0), IF(score > 10, 'hi', 'lo'), IFNULL(name, '?'),
       GREATEST(score, 1, 2), LEAST(score, 100), IS_ALPHA(name), IS_DIGIT(bio), IS_DECIMAL(bio)
FROM profiles;

SELECT DATE_FORMAT(created, 'yyyy-MM-dd HH:mm'), TO_DATE('2024-06-01'), TO_TIMESTAMP('2024-06-01 10:00:00'),
       TO_TIMESTAMP('01/06/2024', 'dd/MM/yyyy'), UNIX_TIMESTAMP(), FROM_UNIXTIME(1717200000),
       CURRENT_DATE, CURRENT_TIME, CURRENT_TIMESTAMP, LOCALTIME, LOCALTIMESTAMP, NOW(), CURRENT_ROW_TIMESTAMP(),
       YEAR(created), QUARTER(created), MONTH(created), WEEK(created), DAYOFYEAR(created), DAYOFMONTH(created),
       DAYOFWEEK(created), HOUR(created), MINUTE(created), SECOND(created)
FROM profiles;

SELECT (created, updated) OVERLAPS (updated, INTERVAL '1' HOUR) FROM profiles;

-- aggregates: FILTER, DISTINCT, LISTAGG, COLLECT, ARRAY_AGG, statistics
SELECT name,
       COUNT(*) AS n,
       COUNT(DISTINCT score) AS distinct_scores,
       COUNT(*) FILTER (WHERE score > 50) AS high,
       SUM(balance) FILTER (WHERE balance > 0) AS positive_balance,
       COUNT(DISTINCT bio) FILTER (WHERE score < 10) AS low_bios,
       LISTAGG(bio, ','),
       LISTAGG(bio),
       COLLECT(score),
       ARRAY_AGG(score),
       ARRAY_AGG(DISTINCT bio),
       AVG(DISTINCT score),
       STDDEV_POP(score), STDDEV_SAMP(score), VAR_POP(score), VAR_SAMP(score),
       FIRST_VALUE(bio), LAST_VALUE(bio)
FROM profiles
GROUP BY name;

-- JSON
SELECT JSON_VALUE(raw_json, '$.age' RETURNING INT DEFAULT 0 ON EMPTY),
       JSON_VALUE(raw_json, '$.name'),
       JSON_VALUE(raw_json, 'lax $.missing' NULL ON EMPTY ERROR ON ERROR),
       JSON_VALUE(raw_json, '$.price' RETURNING DOUBLE DEFAULT -1.0 ON ERROR),
       JSON_QUERY(raw_json, '$.items'),
       JSON_QUERY(raw_json, '$.items[*].id' WITH WRAPPER),
       JSON_QUERY(raw_json, '$.a' WITH CONDITIONAL ARRAY WRAPPER EMPTY ARRAY ON EMPTY),
       JSON_QUERY(raw_json, '$.a' WITHOUT WRAPPER NULL ON ERROR),
       JSON_EXISTS(raw_json, '$.id'),
       JSON_EXISTS(raw_json, 'strict $.tags[0]' FALSE ON ERROR),
       raw_json IS JSON,
       raw_json IS JSON OBJECT,
       raw_json IS NOT JSON ARRAY,
       JSON_STRING(score),
       JSON_OBJECT(KEY 'id' VALUE id, KEY 'name' VALUE name NULL ON NULL),
       JSON_OBJECT('score' VALUE score ABSENT ON NULL),
       JSON_OBJECT('nested' VALUE JSON_OBJECT('city' VALUE address.city)),
       JSON_ARRAY(1, 'two', name NULL ON NULL),
       JSON_ARRAY(JSON_ARRAY(1, 2), score)
FROM profiles;

SELECT name,
       JSON_ARRAYAGG(score),
       JSON_ARRAYAGG(bio NULL ON NULL),
       JSON_OBJECTAGG(KEY bio VALUE score),
       JSON_OBJECTAGG(bio VALUE score NULL ON NULL)
FROM profiles
GROUP BY name;

-- collections, rows and field access
SELECT ARRAY[1, 2, 3], ARRAY['a', name], MAP['k1', 1, 'k2', 2], MAP[name, score],
       ROW(1, 'x', TRUE), ROW(name, score), (name, score),
       tags[1], prefs['theme'], address.city, address.geo.lat, profiles.address.geo.lon,
       CARDINALITY(tags), CARDINALITY(prefs), ELEMENT(ARRAY[id]), ARRAY_CONTAINS(tags, 'vip'),
       MAP_KEYS(prefs), MAP_VALUES(prefs), ARRAY_DISTINCT(tags), ARRAY_JOIN(tags, ',')
FROM profiles;

SELECT p.address.city, (p.address).geo, (p.address.geo).lat, p.tags[CARDINALITY(p.tags)], p.prefs[p.name]
FROM profiles AS p;

SELECT UUID(), HASH_CODE(name), TYPEOF(score), FROM_BASE64(TO_BASE64(name)), ENCODE(name, 'UTF-8'), DECODE(ENCODE(name, 'UTF-8'), 'UTF-8')
FROM profiles;
