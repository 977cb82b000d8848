import type { Statement } from "../ast/statement.ts";
import type { Parser } from "./parser.ts";
import { isParenthesizedQueryAhead, parseQuery } from "./query.ts";
import { parseAlter, parseDrop } from "./statements-alter.ts";
import { parseCreate } from "./statements-ddl.ts";
import { parseInsert, parseStatementSet } from "./statements-dml.ts";
import { parseCallProcedure, parseJar, parseModule } from "./statements-resources.ts";
import {
  parseDescribe,
  parseExplain,
  parseReset,
  parseSet,
  parseShow,
  parseUse,
} from "./statements-session.ts";

/** One statement, without its terminating `;`. */
export function parseStatementAt(p: Parser): Statement {
  if (isParenthesizedQueryAhead(p)) {
    const start = p.tokenSpan(p.token);
    const query = parseQuery(p);
    return { kind: "queryStatement", query, span: p.spanFrom(start) };
  }
  const token = p.token;
  if (token.kind === "word") {
    switch (token.value) {
      case "INSERT":
        return parseInsert(p);
      case "CREATE":
        return parseCreate(p);
      case "ALTER":
        return parseAlter(p);
      case "DROP":
        return parseDrop(p);
      case "USE":
        return parseUse(p);
      case "SET":
        return parseSet(p);
      case "RESET":
        return parseReset(p);
      case "SHOW":
        return parseShow(p);
      case "DESCRIBE":
      case "DESC":
        return parseDescribe(p);
      case "EXPLAIN":
        return parseExplain(p);
      case "ADD":
      case "REMOVE":
        if (p.isWord("JAR", 1)) return parseJar(p);
        break;
      case "LOAD":
      case "UNLOAD":
        if (p.isWord("MODULE", 1)) return parseModule(p);
        break;
      case "CALL":
        return parseCallProcedure(p);
      case "BEGIN":
        return parseStatementSet(p);
      case "EXECUTE":
        if (p.isWord("INSERT", 1)) {
          p.advance();
          return parseInsert(p);
        }
        return parseStatementSet(p);
    }
  }
  return p.fail("a statement");
}
