-- error: cannot drop quantity: the computed column total refers to it
-- at: 9:24
CREATE TABLE lines (
  quantity INT,
  price DECIMAL(10, 2),
  total AS quantity * price
) WITH ('connector' = 'datagen');

ALTER TABLE lines DROP quantity;
