-- Catalogs, databases, views and functions; USE changes the current namespace.

CREATE CATALOG analytics WITH (
  'type' = 'generic_in_memory',
  'default-database' = 'staging'
);

CREATE DATABASE IF NOT EXISTS analytics.marts
COMMENT 'curated data marts'
WITH ('owner' = 'data-eng');

ALTER DATABASE analytics.marts SET ('owner' = 'platform');

ALTER CATALOG analytics SET ('default-database' = 'marts');

ALTER CATALOG analytics RESET ('default-database');

ALTER CATALOG analytics COMMENT 'curated analytics';

USE CATALOG analytics;

USE marts;

CREATE TABLE signals (
  signal_id BIGINT,
  kind STRING,
  strength DOUBLE,
  seen_at TIMESTAMP(3),
  WATERMARK FOR seen_at AS seen_at - INTERVAL '1' SECOND
) WITH ('connector' = 'datagen');

CREATE VIEW IF NOT EXISTS strong_signals AS
SELECT signal_id, kind, strength
FROM signals
WHERE strength > 0.8;

CREATE TEMPORARY VIEW kind_counts (signal_kind, total) AS
SELECT kind, COUNT(*) FROM signals GROUP BY kind;

CREATE VIEW marts.weak_signals COMMENT 'signals below the noise floor' AS
SELECT * FROM signals WHERE strength < 0.1;

SELECT signal_kind, total FROM kind_counts;

USE CATALOG default_catalog;

USE default_database;

SELECT s.kind, COUNT(*) FROM analytics.marts.strong_signals AS s GROUP BY s.kind;

USE analytics.marts;

SELECT signal_id FROM weak_signals;

USE `default_catalog`.`default_database`;

CREATE FUNCTION IF NOT EXISTS mask_email AS 'com.example.udf.MaskEmail';

CREATE TEMPORARY FUNCTION parse_agent AS 'com.example.udf.ParseAgent' LANGUAGE JAVA;

CREATE TEMPORARY SYSTEM FUNCTION py_upper AS 'udfs.py_upper' LANGUAGE PYTHON;

CREATE TEMPORARY SYSTEM FUNCTION IF NOT EXISTS geo_distance AS 'com.example.udf.GeoDistance';

CREATE FUNCTION analytics.marts.geo_hash AS 'com.example.udf.GeoHash' LANGUAGE SCALA;

CREATE FUNCTION score_risk AS 'com.example.udf.ScoreRisk' LANGUAGE JAVA USING JAR '/opt/udfs/risk.jar';

ALTER FUNCTION mask_email AS 'com.example.udf.MaskEmailV2';

SHOW FUNCTIONS;

SHOW USER FUNCTIONS;

SHOW VIEWS;

SHOW CREATE VIEW analytics.marts.strong_signals;

DESCRIBE analytics.marts.signals;

DROP FUNCTION IF EXISTS mask_email;

DROP TEMPORARY FUNCTION parse_agent;

DROP TEMPORARY SYSTEM FUNCTION py_upper;

DROP TEMPORARY SYSTEM FUNCTION IF EXISTS geo_distance;

DROP FUNCTION analytics.marts.geo_hash;

DROP TEMPORARY VIEW IF EXISTS analytics.marts.kind_counts;

DROP VIEW analytics.marts.weak_signals;

DROP DATABASE IF EXISTS analytics.marts CASCADE;

CREATE DATABASE analytics.scratch;

DROP DATABASE analytics.scratch RESTRICT;

DROP CATALOG IF EXISTS analytics;
