-- error: computed column refers to qty, which is not a column (did you mean quantity?)
-- at: 6:12
CREATE TABLE lines (
  quantity INT,
  price DECIMAL(10, 2),
  total AS qty * price
) WITH ('connector' = 'datagen');
