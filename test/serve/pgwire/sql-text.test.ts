import { describe, expect, it } from "vitest";
import { rewriteCatalogSyntax } from "../../../src/serve/pgwire/catalog/rewrite-catalog-syntax.ts";
import { classifyStatement } from "../../../src/serve/pgwire/sql/classify-statement.ts";
import { splitStatements } from "../../../src/serve/pgwire/sql/split-statements.ts";

describe("splitStatements", () => {
  it("splits at top-level semicolons only", () => {
    const sql = `SELECT 'a;b' AS "x;y"; SELECT $$;$$ -- c;\n; /* a; /* nested; */ b; */ SELECT E'\\';' ;;`;
    expect(splitStatements(sql).map((s) => s.text.trim())).toEqual([
      `SELECT 'a;b' AS "x;y"`,
      "SELECT $$;$$ -- c;",
      `/* a; /* nested; */ b; */ SELECT E'\\';'`,
    ]);
    const [, second] = splitStatements("SELECT 1;  SELECT 2");
    expect(second).toEqual({ text: "  SELECT 2", offset: 9 });
    expect(splitStatements(" ; -- only a comment\n")).toEqual([]);
  });
});

describe("rewriteCatalogSyntax", () => {
  it("adapts psql's catalog syntax without moving any character", () => {
    const psql = `SELECT c.oid FROM pg_catalog.pg_class c
WHERE c.relname OPERATOR(pg_catalog.~) '^(orders)$' COLLATE pg_catalog.default
  AND pg_catalog.pg_table_is_visible(c.oid) AND x OPERATOR(pg_catalog.!~) 'pg_catalog.keep'`;
    const out = rewriteCatalogSyntax(psql);
    expect(out.length).toBe(psql.length);
    expect(out.replace(/ +/g, " ")).toBe(
      `SELECT c.oid FROM pg_class c
WHERE c.relname ~ '^(orders)$' 
 AND pg_table_is_visible(c.oid) AND x !~ 'pg_catalog.keep'`.replace(/ +/g, " "),
    );
    expect(out.indexOf("pg_table_is_visible")).toBe(psql.indexOf("pg_table_is_visible"));
  });

  it("leaves other statements alone", () => {
    expect(rewriteCatalogSyntax("SELECT * FROM orders")).toBe("SELECT * FROM orders");
    expect(rewriteCatalogSyntax("SELECT 'pg_catalog.x' AS \"pg_catalog\"")).toBe(
      "SELECT 'pg_catalog.x' AS \"pg_catalog\"",
    );
  });
});

describe("classifyStatement", () => {
  it("recognises the session commands clients send", () => {
    const command = (sql: string) => {
      const c = classifyStatement(sql);
      return c.kind === "command" ? c.command : c;
    };
    expect(command("SET TimeZone TO 'Europe/Paris'")).toEqual({
      kind: "set",
      name: "timezone",
      value: "Europe/Paris",
    });
    expect(command("set session application_name = 'x y'")).toEqual({
      kind: "set",
      name: "application_name",
      value: "x y",
    });
    expect(command("SET TIME ZONE DEFAULT")).toEqual({ kind: "set", name: "timezone", value: null });
    expect(command('SET search_path = a, "B"')).toEqual({ kind: "set", name: "search_path", value: "a, B" });
    expect(command("SET extra_float_digits = -1")).toEqual({
      kind: "set",
      name: "extra_float_digits",
      value: "-1",
    });
    expect(command("SET my.custom = 3")).toEqual({ kind: "set", name: "my.custom", value: "3" });
    expect(command("SHOW TRANSACTION ISOLATION LEVEL")).toEqual({
      kind: "show",
      name: "transaction_isolation",
    });
    expect(command("/* hi */ BEGIN READ ONLY")).toEqual({ kind: "begin" });
    expect(command("ROLLBACK TO SAVEPOINT a")).toEqual({ kind: "rollbackToSavepoint" });
    expect(command("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")).toEqual({
      kind: "ignored",
      tag: "SET",
    });
    expect(command("SELECT 1")).toEqual({ kind: "query" });
    expect(command("WITH x AS (SELECT 1) SELECT * FROM x")).toEqual({ kind: "query" });
  });
});
