-- The latest record per customer (the generator re-sends customers when they change), cleaned.
INSERT INTO src_c360_customers
SELECT
  customer_id,
  first_name,
  last_name,
  NULLIF(LOWER(TRIM(email)), '') AS email,
  NULLIF(TRIM(phone), '') AS phone,
  date_of_birth,
  gender,
  registration_date,
  customer_segment,
  preferred_channel,
  city,
  state,
  country,
  CASE WHEN email IS NULL OR TRIM(email) = '' THEN 1 ELSE 0 END AS missing_email_flag,
  CASE WHEN phone IS NULL OR TRIM(phone) = '' THEN 1 ELSE 0 END AS missing_phone_flag
FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY $rowtime DESC) AS row_num
  FROM customers_raw
)
WHERE row_num = 1;
