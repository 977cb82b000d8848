-- UNION / INTERSECT / EXCEPT and subqueries (scalar, IN, NOT IN, EXISTS, NOT EXISTS, correlated).

CREATE TABLE web_signups (
  account_id BIGINT,
  email STRING,
  country STRING,
  signed_up TIMESTAMP(3)
) WITH ('connector' = 'datagen');

CREATE TABLE app_signups (
  account_id BIGINT,
  email STRING,
  country STRING,
  signed_up TIMESTAMP(3)
) WITH ('connector' = 'datagen');

CREATE TABLE purchases (
  purchase_id BIGINT,
  account_id BIGINT,
  amount DECIMAL(10, 2),
  purchased_at TIMESTAMP(3)
) WITH ('connector' = 'datagen');

CREATE TABLE blocked_accounts (
  account_id BIGINT,
  reason STRING
) WITH ('connector' = 'datagen');

SELECT account_id, email FROM web_signups
UNION
SELECT account_id, email FROM app_signups;

SELECT account_id, 'web' AS source FROM web_signups
UNION ALL
SELECT account_id, 'app' FROM app_signups
UNION ALL
SELECT account_id, 'purchase' FROM purchases;

SELECT account_id FROM web_signups INTERSECT SELECT account_id FROM app_signups;

SELECT account_id FROM web_signups INTERSECT ALL SELECT account_id FROM app_signups;

SELECT account_id FROM web_signups EXCEPT SELECT account_id FROM blocked_accounts;

SELECT account_id FROM web_signups EXCEPT ALL SELECT account_id FROM blocked_accounts;

(SELECT email FROM web_signups WHERE country = 'DE')
UNION
(SELECT email FROM app_signups WHERE country = 'FR');

SELECT account_id, amount
FROM purchases
WHERE amount > (SELECT AVG(amount) FROM purchases);

SELECT w.account_id,
       (SELECT COUNT(*) FROM purchases p WHERE p.account_id = w.account_id) AS purchase_count
FROM web_signups w;

SELECT account_id FROM purchases WHERE account_id IN (SELECT account_id FROM web_signups);

SELECT account_id FROM purchases WHERE account_id NOT IN (SELECT account_id FROM blocked_accounts);

SELECT w.account_id, w.email
FROM web_signups w
WHERE EXISTS (SELECT 1 FROM purchases p WHERE p.account_id = w.account_id AND p.amount > 50);

SELECT a.account_id
FROM app_signups a
WHERE NOT EXISTS (SELECT * FROM blocked_accounts b WHERE b.account_id = a.account_id);

SELECT account_id, total
FROM (
  SELECT account_id, SUM(amount) AS total FROM purchases GROUP BY account_id
) t
WHERE total > (SELECT MAX(amount) FROM purchases);

SELECT email FROM web_signups
WHERE country IN (SELECT country FROM app_signups GROUP BY country HAVING COUNT(*) > 100)
  AND account_id NOT IN (1, 2, 3);

-- ARRAY(subquery): the purchases of each signup as one array (empty when there is none).
SELECT s.account_id,
       ARRAY(SELECT p.amount FROM purchases AS p WHERE p.account_id = s.account_id) AS amounts
FROM web_signups AS s;
