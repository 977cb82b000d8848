/**
 * Tricky SQL text beyond the corpus: each snippet is parsed, printed, parsed again, and must give the
 * same AST; printing the result again must give the same text.
 */
import { describe, expect, it } from "vitest";
import { parseScript } from "../../../src/sql/parser/index.ts";
import { printScript } from "../../../src/sql/printer/index.ts";
import { stripSpans } from "./strip-spans.ts";

const snippets = [
  "SELECT CURRENT_TIMESTAMP, LOCALTIME, CURRENT_DATE, PROCTIME(), NOW(), CURRENT_ROW_TIMESTAMP(), CURRENT_TIMESTAMP(3) FROM t",
  "SELECT a || b * c, a || (b * c), a - (b - c), a - b - c, - -1, -(-1), -(a + b), NOT NOT x, x IS NULL = TRUE, (a = b) IS NULL FROM t",
  "SELECT NOT a = b, (NOT a) = b, a AND NOT b OR c, a AND (b OR c), NOT (a AND b) FROM t",
  "SELECT CAST(x AS INT NOT NULL), TRY_CAST(x AS ARRAY<ROW<a INT, b STRING 'desc'>>), CAST(x AS INTERVAL DAY TO SECOND(3)) FROM t",
  "SELECT 'a\nb', U&'\\0041\\000A', 'it''s', X'ff', DATE '2024-01-01', TIME '12:00:00', TIMESTAMP_LTZ '2024-01-01 00:00:00' FROM t",
  "SELECT INTERVAL '1' YEAR(3), INTERVAL '1-2' YEAR TO MONTH, INTERVAL '10' MINUTES, INTERVAL '1.5' SECOND(2, 3), INTERVAL -'5' DAY FROM t",
  "SELECT SUBSTRING(a, 1, 2), SUBSTRING(a FROM 1), POSITION('x' IN a), OVERLAY(a PLACING 'x' FROM 1 FOR 2), FLOOR(ts TO HOUR), CEIL(ts TO DAY), TIMESTAMPADD(DAY, 1, ts), TIMESTAMPDIFF(SECOND, a, b) FROM t",
  "SELECT TRIM(a), TRIM(LEADING 'x' FROM a), EXTRACT(YEAR FROM ts), a[1], m['k'], r.f.g, (r).f, arr[1].x, f(x).y FROM t",
  "SELECT JSON_VALUE(j, '$.a' RETURNING INT DEFAULT 0 ON EMPTY ERROR ON ERROR), JSON_QUERY(j, '$.a' WITH ARRAY WRAPPER), JSON_EXISTS(j, '$.a' FALSE ON ERROR), JSON_OBJECT(KEY 'a' VALUE 1, 'b' VALUE 2 ABSENT ON NULL), JSON_ARRAY(1, 2 NULL ON NULL), j IS NOT JSON OBJECT FROM t",
  "SELECT COUNT(DISTINCT a) FILTER (WHERE b > 0), LISTAGG(a, ',') WITHIN GROUP (ORDER BY b), LAG(a) IGNORE NULLS OVER (PARTITION BY k ORDER BY ts ROWS BETWEEN 1 PRECEDING AND CURRENT ROW), SUM(a) OVER w FROM t WINDOW w AS (ORDER BY ts RANGE BETWEEN INTERVAL '1' HOUR PRECEDING AND CURRENT ROW)",
  "SELECT * FROM a WHERE EXISTS (SELECT 1 FROM b) AND x IN (SELECT y FROM c) AND NOT EXISTS (SELECT 1) AND z = (SELECT MAX(z) FROM d)",
  "SELECT CASE WHEN a THEN 1 END, CASE a WHEN 1 THEN 'x' ELSE 'z' END, ROW(1, 2), (1, 2), ARRAY[1], MAP['a', 1], ? FROM t",
  "SELECT a FROM t UNION SELECT b FROM u INTERSECT SELECT c FROM v EXCEPT ALL (SELECT d FROM w UNION SELECT e FROM x)",
  "(SELECT a FROM t ORDER BY a LIMIT 1) UNION ALL (SELECT b FROM u)",
  "SELECT a FROM t ORDER BY a OFFSET 3 ROWS FETCH NEXT 2 ROWS ONLY",
  "SELECT * FROM a JOIN (b JOIN c ON b.x = c.x) ON a.y = b.y",
  "SELECT * FROM a, b JOIN c ON b.x = c.x",
  "SELECT x FROM t WHERE a NOT BETWEEN SYMMETRIC 1 AND 2 AND b NOT LIKE 'x%' ESCAPE '!' AND c NOT SIMILAR TO 'y' AND d IS NOT DISTINCT FROM e AND (f, g) OVERLAPS (h, i)",
  "SELECT * FROM TABLE(SESSION(TABLE trades PARTITION BY (symbol, venue), DESCRIPTOR(ts), INTERVAL '1' MINUTE)) AS w (a, b)",
  "SELECT /*+ BROADCAST(a, b), STATE_TTL('a' = '1d') */ * FROM a /*+ OPTIONS('k' = 'v') */ AS x",
  "EXPLAIN ESTIMATED_COST, CHANGELOG_MODE SELECT 1; EXPLAIN STATEMENT SET BEGIN INSERT INTO a SELECT 1; END; EXPLAIN INSERT INTO a SELECT 1",
  "SHOW TABLES; SHOW USER FUNCTIONS; SHOW COLUMNS FROM t LIKE 'a%'; SHOW CREATE VIEW v; SHOW JOBS; SHOW PARTITIONS t",
  "ALTER MATERIALIZED TABLE mt SUSPEND; ALTER MATERIALIZED TABLE mt REFRESH; ALTER MATERIALIZED TABLE mt AS SELECT 2",
  "SELECT * FROM t MATCH_RECOGNIZE (PARTITION BY a ORDER BY ts MEASURES FIRST(A.x) AS fx ALL ROWS PER MATCH AFTER MATCH SKIP PAST LAST ROW PATTERN (A{2,} B*? C{,3} (D | E)+ F{3}) WITHIN INTERVAL '1' HOUR DEFINE A AS A.x > 1) AS m",
  "SELECT 1e3, 1.5E-3, .5, 1., 0.000, $rowtime, `$rowtime`, `select`, f(a => 1), `my func`(1), cat.db.f(x) FROM t",
  "CREATE TABLE t (a INT) COMMENT 'multi\nline' WITH ('k' = 'v\tw')",
];

describe.each(snippets)("%s", (text) => {
  it("parses back to the same AST and prints the same again", () => {
    const parsed = parseScript({ name: "snippet", text });
    expect(parsed.diagnostics).toEqual([]);
    const printed = printScript(parsed.statements);
    const reparsed = parseScript({ name: "printed", text: printed });
    expect(reparsed.diagnostics, printed).toEqual([]);
    expect(stripSpans(reparsed.statements), printed).toEqual(stripSpans(parsed.statements));
    expect(printScript(reparsed.statements)).toBe(printed);
  });
});
