-- SELECT basics: projection, aliases, DISTINCT, WHERE, GROUP BY, HAVING, ORDER BY,
-- LIMIT/OFFSET/FETCH, CTEs and VALUES.

CREATE TABLE books (
  isbn STRING,
  title STRING,
  author STRING,
  genre STRING,
  pages INT,
  price DECIMAL(8, 2),
  published DATE,
  rating DOUBLE,
  added_at TIMESTAMP(3),
  WATERMARK FOR added_at AS added_at - INTERVAL '1' MINUTE
) WITH ('connector' = 'datagen');

SELECT * FROM books;

SELECT title, author AS writer, pages page_count, price * 2 AS double_price FROM books;

SELECT b.title, b.genre FROM books AS b;

SELECT bk.title FROM books bk WHERE bk.pages > 300 AND bk.genre <> 'poetry';

SELECT DISTINCT genre FROM books;

SELECT DISTINCT author, genre FROM books WHERE rating >= 4.5;

SELECT ALL title FROM books;

SELECT genre, COUNT(*) AS n, AVG(pages) AS avg_pages, MIN(price), MAX(price), SUM(price)
FROM books
GROUP BY genre;

SELECT author, genre, COUNT(DISTINCT isbn) AS titles
FROM books
GROUP BY author, genre
HAVING COUNT(DISTINCT isbn) > 3 AND MAX(rating) > 4;

SELECT YEAR(published) AS pub_year, COUNT(*) FROM books GROUP BY YEAR(published);

SELECT COUNT(*) FROM books HAVING COUNT(*) > 0;

SELECT title, price FROM books ORDER BY price DESC, title ASC LIMIT 10;

SELECT title FROM books ORDER BY rating DESC NULLS LAST, title NULLS FIRST LIMIT 5 OFFSET 5;

SELECT title FROM books ORDER BY added_at;

SELECT title FROM books ORDER BY added_at DESC OFFSET 2 ROWS FETCH FIRST 3 ROWS ONLY;

SELECT title FROM books ORDER BY pages FETCH NEXT 1 ROW ONLY;

SELECT title, pages FROM books LIMIT 3;

WITH long_books AS (
  SELECT title, author, pages FROM books WHERE pages > 500
),
prolific AS (
  SELECT author, COUNT(*) AS cnt FROM long_books GROUP BY author
)
SELECT lb.title, p.cnt
FROM long_books lb
JOIN prolific p ON lb.author = p.author;

WITH genre_stats (genre_name, book_count) AS (
  SELECT genre, COUNT(*) FROM books GROUP BY genre
)
SELECT genre_name FROM genre_stats WHERE book_count > 10;

SELECT * FROM (VALUES (1, 'one'), (2, 'two'), (3, 'three')) AS t (num, word);

SELECT num * 10 AS tens FROM (VALUES (1), (2)) v (num);

VALUES (1, 'a', TRUE), (2, 'b', FALSE);

SELECT 1 + 1, 'constant', CURRENT_TIMESTAMP;

SELECT x.title
FROM (SELECT title, rating FROM books WHERE rating IS NOT NULL) x
WHERE x.rating BETWEEN 3 AND 5;

SELECT books.title, books.author FROM books WHERE books.genre IN ('fantasy', 'science fiction', 'horror');

SELECT title FROM default_catalog.default_database.books;

SELECT `title`, `books`.`pages` FROM `default_catalog`.`default_database`.`books`;
