-- Statement sets: several INSERTs optimised and submitted as one job.

CREATE TABLE payments (
  payment_id BIGINT,
  account STRING,
  amount DECIMAL(12, 2),
  method STRING,
  paid_at TIMESTAMP(3),
  WATERMARK FOR paid_at AS paid_at - INTERVAL '3' SECOND
) WITH ('connector' = 'datagen');

CREATE TABLE card_payments (
  payment_id BIGINT,
  account STRING,
  amount DECIMAL(12, 2)
) WITH ('connector' = 'blackhole');

CREATE TABLE wire_payments (
  payment_id BIGINT,
  account STRING,
  amount DECIMAL(12, 2)
) WITH ('connector' = 'blackhole');

CREATE TABLE payment_audit (
  account STRING,
  window_start TIMESTAMP(3),
  total DECIMAL(38, 2)
) WITH ('connector' = 'print');

EXECUTE STATEMENT SET
BEGIN
  INSERT INTO card_payments
  SELECT payment_id, account, amount FROM payments WHERE method = 'card';
  INSERT INTO wire_payments
  SELECT payment_id, account, amount FROM payments WHERE method = 'wire';
END;

BEGIN STATEMENT SET;
INSERT INTO card_payments SELECT payment_id, account, amount FROM payments WHERE amount > 100;
INSERT INTO payment_audit
SELECT account, window_start, SUM(amount)
FROM TABLE(TUMBLE(TABLE payments, DESCRIPTOR(paid_at), INTERVAL '1' HOUR))
GROUP BY account, window_start, window_end;
END;

EXECUTE STATEMENT SET
BEGIN
INSERT INTO wire_payments VALUES (1, 'acct-1', 10.00);
INSERT INTO wire_payments (payment_id, amount) VALUES (2, 20.50);
END;
