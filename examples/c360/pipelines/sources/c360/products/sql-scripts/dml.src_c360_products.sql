-- Products currently on sale, with the groupings Marketing and Product report by.
INSERT INTO src_c360_products
SELECT
  product_id,
  product_name,
  category,
  brand,
  price,
  cost,
  CAST(price - cost AS DECIMAL(10, 2)) AS gross_margin,
  CASE
    WHEN price < 50 THEN 'Budget'
    WHEN price < 150 THEN 'Mid-Range'
    WHEN price < 300 THEN 'Premium'
    ELSE 'Luxury'
  END AS price_segment,
  CASE
    WHEN category IN ('Electronics', 'Computer') THEN 'Technology'
    WHEN category IN ('Apparel', 'Footwear', 'Accessories') THEN 'Fashion'
    WHEN category IN ('Home & Kitchen', 'Home & Garden', 'Home & Office') THEN 'Home'
    WHEN category IN ('Sports & Fitness', 'Health & Nutrition') THEN 'Health & Fitness'
    WHEN category IN ('Beauty', 'Personal Care') THEN 'Beauty & Personal Care'
    ELSE 'Other'
  END AS category_group
FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY product_id ORDER BY $rowtime DESC) AS row_num
  FROM products_raw
)
WHERE row_num = 1 AND status = 'active';
