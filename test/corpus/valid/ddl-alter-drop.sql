-- ALTER TABLE / ALTER VIEW and DROP statements.

CREATE TABLE inventory (
  sku STRING NOT NULL,
  warehouse STRING,
  on_hand INT,
  updated_at TIMESTAMP(3),
  note STRING
) WITH (
  'connector' = 'kafka',
  'topic' = 'inventory',
  'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'json'
);

CREATE TEMPORARY TABLE inventory_scratch (
  sku STRING,
  delta INT
) WITH ('connector' = 'datagen');

ALTER TABLE inventory SET (
  'scan.startup.mode' = 'latest-offset',
  'properties.group.id' = 'inventory-reader'
);

ALTER TABLE inventory RESET ('properties.group.id');

ALTER TABLE inventory ADD reserved INT COMMENT 'units held for open orders' AFTER on_hand;

ALTER TABLE inventory ADD (
  source_system STRING FIRST,
  available AS on_hand - reserved,
  ingest_ts TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL
);

ALTER TABLE inventory ADD WATERMARK FOR updated_at AS updated_at - INTERVAL '10' SECOND;

ALTER TABLE inventory MODIFY WATERMARK FOR updated_at AS updated_at - INTERVAL '30' SECOND;

ALTER TABLE inventory ADD PRIMARY KEY (sku) NOT ENFORCED;

ALTER TABLE inventory MODIFY note VARCHAR(500) COMMENT 'free text from the operator' FIRST;

ALTER TABLE inventory MODIFY (
  warehouse STRING NOT NULL AFTER sku,
  on_hand BIGINT
);

ALTER TABLE inventory MODIFY CONSTRAINT pk_inventory PRIMARY KEY (sku, warehouse) NOT ENFORCED;

ALTER TABLE inventory DROP WATERMARK;

ALTER TABLE inventory DROP PRIMARY KEY;

ALTER TABLE inventory DROP note;

ALTER TABLE inventory DROP (source_system, ingest_ts);

ALTER TABLE inventory RENAME warehouse TO warehouse_code;

ALTER TABLE inventory ADD DISTRIBUTION BY HASH(sku) INTO 4 BUCKETS;

ALTER TABLE IF EXISTS inventory RENAME TO stock_levels;

ALTER TABLE IF EXISTS table_that_was_never_created SET ('k' = 'v');

CREATE VIEW low_stock AS
SELECT sku, warehouse_code, on_hand
FROM stock_levels
WHERE on_hand < 10;

ALTER VIEW low_stock RENAME TO low_stock_items;

ALTER VIEW low_stock_items AS
SELECT sku, warehouse_code, on_hand, available
FROM stock_levels
WHERE on_hand < 5;

CREATE TEMPORARY VIEW scratch_view AS SELECT sku, delta FROM inventory_scratch;

DROP TEMPORARY VIEW scratch_view;

DROP TEMPORARY VIEW IF EXISTS scratch_view;

DROP VIEW IF EXISTS low_stock_items;

DROP VIEW IF EXISTS view_that_was_never_created;

DROP TEMPORARY TABLE inventory_scratch;

DROP TEMPORARY TABLE IF EXISTS inventory_scratch;

DROP TABLE stock_levels;

DROP TABLE IF EXISTS stock_levels;

DROP TABLE IF EXISTS default_catalog.default_database.stock_levels;
