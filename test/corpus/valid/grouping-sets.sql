-- GROUPING SETS, ROLLUP, CUBE, GROUPING() and GROUPING_ID().

CREATE TABLE store_sales (
  store STRING,
  region STRING,
  product STRING,
  units INT,
  revenue DECIMAL(12, 2),
  sold_on DATE
) WITH ('connector' = 'datagen');

SELECT region, store, SUM(revenue) AS revenue
FROM store_sales
GROUP BY GROUPING SETS ((region, store), (region), ());

SELECT region, product, SUM(units)
FROM store_sales
GROUP BY GROUPING SETS (region, product);

SELECT region, store, product, SUM(units) AS units
FROM store_sales
GROUP BY ROLLUP (region, store, product);

SELECT region, product, SUM(revenue)
FROM store_sales
GROUP BY CUBE (region, product);

SELECT region, store, SUM(revenue),
       GROUPING(region) AS g_region,
       GROUPING(store) AS g_store,
       GROUPING_ID(region, store) AS gid
FROM store_sales
GROUP BY ROLLUP (region, store);

SELECT sold_on, region, COUNT(*)
FROM store_sales
GROUP BY sold_on, GROUPING SETS ((region), ());

SELECT CASE WHEN GROUPING(region) = 1 THEN 'ALL REGIONS' ELSE region END AS region_label,
       SUM(revenue) AS revenue
FROM store_sales
GROUP BY ROLLUP (region)
HAVING SUM(revenue) > 0;

SELECT region, product, store, SUM(units)
FROM store_sales
GROUP BY GROUPING SETS ((region, product), (region, store), (product), ());
