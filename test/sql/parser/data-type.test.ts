import { describe, expect, it } from "vitest";
import { parseDataType } from "../../../src/sql/parser/index.ts";
import { formatDataType } from "../../../src/sql/types/format-type.ts";

const canonical = (text: string) => formatDataType(parseDataType(text));

describe("data types", () => {
  it.each([
    ["STRING", "STRING"],
    ["BYTES", "BYTES"],
    ["CHAR", "CHAR(1)"],
    // Flink's SQL type system: bare VARCHAR/VARBINARY take the maximum length, bare CHAR/BINARY one.
    ["VARCHAR", "STRING"],
    ["CHARACTER VARYING", "STRING"],
    ["CHARACTER VARYING(10)", "VARCHAR(10)"],
    ["CHARACTER(3)", "CHAR(3)"],
    ["BINARY", "BINARY(1)"],
    ["VARBINARY", "BYTES"],
    ["BINARY VARYING", "BYTES"],
    ["VARBINARY(16)", "VARBINARY(16)"],
    ["DECIMAL", "DECIMAL(10, 0)"],
    ["DEC(5)", "DECIMAL(5, 0)"],
    ["NUMERIC(12, 2)", "DECIMAL(12, 2)"],
    ["INTEGER", "INT"],
    ["REAL", "FLOAT"],
    ["DOUBLE PRECISION", "DOUBLE"],
    ["TIME", "TIME(0)"],
    ["TIMESTAMP", "TIMESTAMP(6)"],
    ["TIMESTAMP(3) WITHOUT TIME ZONE", "TIMESTAMP(3)"],
    ["TIMESTAMP_LTZ", "TIMESTAMP_LTZ(6)"],
    ["TIMESTAMP(3) WITH LOCAL TIME ZONE", "TIMESTAMP_LTZ(3)"],
    ["INT NOT NULL", "INT NOT NULL"],
    ["STRING ARRAY", "ARRAY<STRING>"],
    ["INT NOT NULL ARRAY NOT NULL", "ARRAY<INT NOT NULL> NOT NULL"],
    ["MULTISET<INT>", "MULTISET<INT>"],
    ["MAP<STRING, ARRAY<INT>>", "MAP<STRING, ARRAY<INT>>"],
    ["ROW<a INT 'the a', b ROW(c STRING)>", "ROW<`a` INT 'the a', `b` ROW<`c` STRING>>"],
    ["INTERVAL DAY(3) TO SECOND(3)", "INTERVAL DAY(3) TO SECOND(3)"],
    ["INTERVAL YEAR TO MONTH", "INTERVAL YEAR(2) TO MONTH"],
    ["INTERVAL MINUTE", "INTERVAL MINUTE"],
    ["RAW('java.lang.Object', 'AAA=')", "RAW('java.lang.Object', 'AAA=')"],
  ])("%s is %s", (text, expected) => {
    expect(canonical(text)).toBe(expected);
  });

  it("rejects unknown types and bad interval ranges", () => {
    expect(() => parseDataType("TEXT")).toThrow("expected a data type but found 'TEXT'");
    expect(() => parseDataType("INTERVAL MONTH TO DAY")).toThrow("unsupported interval type");
  });
});
