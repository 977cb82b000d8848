-- MATCH_RECOGNIZE patterns that the Flink planner supports.

CREATE TABLE ticker (
  symbol STRING,
  price DECIMAL(10, 2),
  tax DECIMAL(10, 2),
  rowtime TIMESTAMP(3),
  pt AS PROCTIME(),
  WATERMARK FOR rowtime AS rowtime - INTERVAL '1' SECOND
) WITH ('connector' = 'datagen');

-- V shape: a falling run followed by a rise
SELECT *
FROM ticker
MATCH_RECOGNIZE (
  PARTITION BY symbol
  ORDER BY rowtime
  MEASURES
    START_ROW.rowtime AS start_ts,
    LAST(PRICE_DOWN.rowtime) AS bottom_ts,
    LAST(PRICE_UP.rowtime) AS end_ts
  ONE ROW PER MATCH
  AFTER MATCH SKIP TO LAST PRICE_UP
  PATTERN (START_ROW PRICE_DOWN+ PRICE_UP)
  DEFINE
    PRICE_DOWN AS
      (LAST(PRICE_DOWN.price, 1) IS NULL AND PRICE_DOWN.price < START_ROW.price)
      OR PRICE_DOWN.price < LAST(PRICE_DOWN.price, 1),
    PRICE_UP AS PRICE_UP.price > LAST(PRICE_DOWN.price, 1)
) AS mr;

-- aggregates in MEASURES and DEFINE, time constraint
SELECT symbol, first_price, last_price, avg_price, n, match_end
FROM ticker
MATCH_RECOGNIZE (
  PARTITION BY symbol
  ORDER BY rowtime
  MEASURES
    FIRST(A.price) AS first_price,
    LAST(A.price) AS last_price,
    AVG(A.price) AS avg_price,
    COUNT(A.price) AS n,
    MATCH_ROWTIME() AS match_end
  ONE ROW PER MATCH
  AFTER MATCH SKIP PAST LAST ROW
  PATTERN (A+ B) WITHIN INTERVAL '1' HOUR
  DEFINE
    A AS AVG(A.price) < 15,
    B AS B.price > 20
);

-- quantifiers and PREV
SELECT *
FROM ticker
MATCH_RECOGNIZE (
  PARTITION BY symbol
  ORDER BY rowtime
  MEASURES
    FIRST(UP.price) AS run_start,
    LAST(UP.price) AS run_end,
    SUM(UP.tax) AS run_tax
  AFTER MATCH SKIP TO NEXT ROW
  PATTERN (UP{3,} FLAT? DOWN{2})
  DEFINE
    UP AS UP.price > PREV(UP.price),
    FLAT AS FLAT.price = PREV(FLAT.price),
    DOWN AS DOWN.price < PREV(DOWN.price)
);

SELECT *
FROM ticker
MATCH_RECOGNIZE (
  PARTITION BY symbol
  ORDER BY rowtime
  MEASURES
    FIRST(S.rowtime) AS s_time,
    LAST(E.rowtime) AS e_time
  ONE ROW PER MATCH
  AFTER MATCH SKIP TO FIRST E
  PATTERN (S M{1,3} E*)
  DEFINE
    S AS S.price > 100,
    M AS M.price BETWEEN 50 AND 100,
    E AS E.price < 50
);

-- reluctant quantifiers
SELECT *
FROM ticker
MATCH_RECOGNIZE (
  PARTITION BY symbol
  ORDER BY rowtime
  MEASURES
    C.price AS last_price,
    FIRST(B.price) AS first_b,
    LAST(B.price, 1) AS second_to_last_b
  PATTERN (A B*? C)
  DEFINE
    A AS A.price > 10,
    B AS B.price < 15,
    C AS C.price > 12
);

SELECT *
FROM ticker
MATCH_RECOGNIZE (
  PARTITION BY symbol
  ORDER BY rowtime
  MEASURES LAST(A.price) AS a_price, B.price AS b_price
  PATTERN (A+? B)
  DEFINE
    B AS B.price > A.price * 1.1
);

SELECT *
FROM ticker
MATCH_RECOGNIZE (
  PARTITION BY symbol
  ORDER BY rowtime
  MEASURES MATCH_PROCTIME() AS matched_at, COUNT(B.tax) AS b_rows
  PATTERN (A{2,4}? B{5})
  DEFINE
    A AS A.tax > 1,
    B AS B.tax <= 1
);

-- processing-time ordering, no partition
SELECT *
FROM ticker
MATCH_RECOGNIZE (
  ORDER BY pt
  MEASURES FIRST(A.symbol) AS sym, MAX(A.price) AS top
  ONE ROW PER MATCH
  AFTER MATCH SKIP PAST LAST ROW
  PATTERN (A+ B)
  DEFINE
    A AS A.price >= 10,
    B AS B.price < 10
) AS m;
