import type { CallProcedure, JarStatement, ModuleStatement } from "../ast/statement.ts";
import { parseArgument, parseStringValue } from "./expression.ts";
import { parseProperties } from "./hints.ts";
import { NONE, type Parser } from "./parser.ts";

/** `ADD JAR '<path>'` or `REMOVE JAR '<path>'`, at ADD / REMOVE. */
export function parseJar(p: Parser): JarStatement {
  const start = p.advance();
  p.expectWord("JAR");
  const action = start.value === "ADD" ? "ADD" : "REMOVE";
  return { kind: "jar", action, path: parseStringValue(p), span: p.spanFrom(p.tokenSpan(start)) };
}

/** `LOAD MODULE name [WITH (...)]` or `UNLOAD MODULE name`, at LOAD / UNLOAD. */
export function parseModule(p: Parser): ModuleStatement {
  const start = p.advance();
  p.expectWord("MODULE");
  const action = start.value === "LOAD" ? "LOAD" : "UNLOAD";
  const name = p.ident("a module name");
  const options = action === "LOAD" && p.acceptWord("WITH") ? parseProperties(p) : NONE;
  return { kind: "module", action, name, options, span: p.spanFrom(p.tokenSpan(start)) };
}

/** `CALL [catalog.db.]procedure(arg, ...)`, at CALL. Arguments may be named (`name => value`). */
export function parseCallProcedure(p: Parser): CallProcedure {
  const start = p.tokenSpan(p.expectWord("CALL"));
  const procedure = p.qualifiedName("a procedure name");
  p.expectOp("(");
  const args = [];
  if (!p.isOp(")")) {
    do args.push(parseArgument(p));
    while (p.acceptOp(","));
  }
  p.expectOp(")");
  return { kind: "callProcedure", procedure, args, span: p.spanFrom(start) };
}
