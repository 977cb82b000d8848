-- @parse-only: valid MATCH_RECOGNIZE syntax (SQL:2016 / Calcite grammar) that the Flink
-- planner rejects as unsupported (see docs: match_recognize.md, "Known Limitations").
-- A parser must accept every statement; a binder may accept or report "unsupported".

CREATE TABLE ticker (
  symbol STRING,
  price DECIMAL(10, 2),
  tax DECIMAL(10, 2),
  rowtime TIMESTAMP(3),
  WATERMARK FOR rowtime AS rowtime - INTERVAL '1' SECOND
) WITH ('connector' = 'datagen');

-- ALL ROWS PER MATCH
SELECT *
FROM ticker
MATCH_RECOGNIZE (
  PARTITION BY symbol
  ORDER BY rowtime
  MEASURES FIRST(A.price) AS start_price
  ALL ROWS PER MATCH
  PATTERN (A B+)
  DEFINE
    B AS B.price > PREV(B.price)
);

-- alternation
SELECT *
FROM ticker
MATCH_RECOGNIZE (
  PARTITION BY symbol
  ORDER BY rowtime
  MEASURES LAST(X.price) AS x_price
  PATTERN (A (X | Y) B)
  DEFINE
    A AS A.price > 0,
    X AS X.price > 100,
    Y AS Y.price < 10,
    B AS B.price = 50
);

-- pattern groups with quantifiers
SELECT *
FROM ticker
MATCH_RECOGNIZE (
  PARTITION BY symbol
  ORDER BY rowtime
  MEASURES COUNT(B.price) AS bs
  PATTERN (A (B C)+ D)
  DEFINE
    B AS B.price > 1,
    C AS C.price < 1,
    D AS D.tax > 0
);

-- NEXT physical offset and the ?? reluctant optional quantifier
SELECT *
FROM ticker
MATCH_RECOGNIZE (
  PARTITION BY symbol
  ORDER BY rowtime
  MEASURES A.price AS a_price
  PATTERN (A B?? C)
  DEFINE
    A AS A.price < NEXT(A.price),
    C AS C.price > 0
);

-- RUNNING / FINAL measures, anchors, exclusion and PERMUTE
SELECT *
FROM ticker
MATCH_RECOGNIZE (
  PARTITION BY symbol
  ORDER BY rowtime
  MEASURES FINAL LAST(B.price) AS end_price,
           RUNNING COUNT(B.price) AS rises,
           FINAL AVG(B.price) - RUNNING FIRST(A.price) AS spread
  ALL ROWS PER MATCH
  PATTERN (^ A {- C* -} B+ $)
  DEFINE
    B AS B.price > PREV(B.price),
    C AS C.price = PREV(C.price)
);

SELECT *
FROM ticker
MATCH_RECOGNIZE (
  PARTITION BY symbol
  ORDER BY rowtime
  MEASURES A.price AS a_price, B.price AS b_price
  ONE ROW PER MATCH
  PATTERN (PERMUTE(A, B) C{2})
  DEFINE
    A AS A.price < 10,
    B AS B.price > 100,
    C AS C.tax > 0
);
