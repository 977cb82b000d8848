-- Session configuration (SET / RESET), EXPLAIN and SHOW / DESCRIBE statements.

CREATE TABLE metrics (
  host STRING,
  metric STRING,
  val DOUBLE,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'datagen');

CREATE TABLE metric_sink (
  host STRING,
  avg_val DOUBLE
) WITH ('connector' = 'blackhole');

CREATE TABLE metric_sink_2 (
  metric STRING,
  max_val DOUBLE
) WITH ('connector' = 'blackhole');

SET 'execution.runtime-mode' = 'streaming';

SET 'table.exec.state.ttl' = '1 h';

SET 'table.local-time-zone' = 'Europe/Berlin';

SET 'table.exec.mini-batch.enabled' = 'true';

SET 'pipeline.name' = 'metrics rollup';

SET;

-- The SQL client also accepts keys and values without quotes.
SET table.exec.mini-batch.enabled = true;

SET table.exec.state.ttl = 1h;

SET pipeline.name = 'metrics rollup';

ADD JAR '/opt/flink/usrlib/metric-udfs.jar';

SHOW JARS;

REMOVE JAR '/opt/flink/usrlib/metric-udfs.jar';

LOAD MODULE hive WITH ('hive-version' = '3.1.3');

UNLOAD MODULE hive;

CALL default_catalog.`system`.compact_table('default_database.metrics', 16);

CALL paimon.sys.expire_snapshots(`table` => 'default.metrics', retain_max => 5);

RESET 'table.local-time-zone';

RESET;

EXPLAIN SELECT host, AVG(val) FROM metrics GROUP BY host;

EXPLAIN PLAN FOR SELECT * FROM metrics WHERE val > 0.5;

EXPLAIN CHANGELOG_MODE SELECT host, COUNT(*) FROM metrics GROUP BY host;

EXPLAIN ESTIMATED_COST, CHANGELOG_MODE, JSON_EXECUTION_PLAN
SELECT host, metric FROM metrics WHERE metric LIKE 'cpu%'
UNION ALL
SELECT host, metric FROM metrics WHERE metric LIKE 'mem%';

EXPLAIN PLAN_ADVICE INSERT INTO metric_sink SELECT host, AVG(val) FROM metrics GROUP BY host;

EXPLAIN STATEMENT SET
BEGIN
INSERT INTO metric_sink SELECT host, AVG(val) FROM metrics GROUP BY host;
INSERT INTO metric_sink_2 SELECT metric, MAX(val) FROM metrics GROUP BY metric;
END;

SHOW CATALOGS;

SHOW CURRENT CATALOG;

SHOW DATABASES;

SHOW CURRENT DATABASE;

SHOW TABLES;

SHOW TABLES FROM default_catalog.default_database LIKE 'metric%';

SHOW TABLES IN default_database NOT LIKE '%sink%';

SHOW VIEWS;

SHOW FUNCTIONS;

SHOW USER FUNCTIONS;

SHOW MODULES;

SHOW FULL MODULES;

SHOW JOBS;

SHOW CREATE TABLE metrics;

SHOW COLUMNS FROM metrics;

SHOW COLUMNS IN default_catalog.default_database.metrics LIKE 'v%';

DESCRIBE metrics;

DESC metric_sink;

DESCRIBE EXTENDED default_catalog.default_database.metrics;
