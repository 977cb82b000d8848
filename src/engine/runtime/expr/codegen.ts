import type { BoundExpr } from "../../../sql/binder/bound.ts";
import type { CompileEnv } from "./compile-env.ts";

/**
 * A compiled sub-expression: `code` is a JS expression that is cheap to repeat (a local name or a
 * literal), valid after the statements emitted so far; `nullable` says whether it may be null.
 */
export interface Value {
  readonly code: string;
  readonly nullable: boolean;
}

/**
 * Collects the statements of one generated function. Objects the code needs (helpers, precompiled
 * regexes, constants that have no literal syntax) are bound as parameters of an outer factory, so the
 * per-row function only reads locals.
 */
export class CodeGen {
  readonly env: CompileEnv;
  private readonly lines: string[] = [];
  private readonly bound: unknown[] = [];
  private readonly boundNames = new Map<unknown, string>();
  private counter = 0;
  private readonly generate: (g: CodeGen, expr: BoundExpr) => Value;

  constructor(env: CompileEnv, generate: (g: CodeGen, expr: BoundExpr) => Value) {
    this.env = env;
    this.generate = generate;
  }

  /** Compiles a sub-expression at the current point of the code. */
  expr(expr: BoundExpr): Value {
    return this.generate(this, expr);
  }

  /** A fresh local name. */
  temp(): string {
    return `v${this.counter++}`;
  }

  emit(line: string): void {
    this.lines.push(line);
  }

  /** A name under which the generated code sees `value` (one name per distinct object). */
  bind(value: unknown): string {
    let name = this.boundNames.get(value);
    if (name === undefined) {
      name = `b${this.bound.length}`;
      this.bound.push(value);
      this.boundNames.set(value, name);
    }
    return name;
  }

  /** Stores `code` in a new `const` local (or `let` when it is assigned later) and returns its name. */
  local(code: string, nullable: boolean): Value {
    const name = this.temp();
    this.emit(`const ${name} = ${code};`);
    return { code: name, nullable };
  }

  /** Builds `(row, ctx) => { statements; return result; }` with the bound objects in scope. */
  finish<F>(result: string): F {
    const names = this.bound.map((_, i) => `b${i}`);
    const body = `"use strict";\nreturn function compiled(row, ctx) {\n${this.lines.join("\n")}\nreturn ${result};\n};`;
    const factory = new Function(...names, body) as (...values: unknown[]) => F;
    return factory(...this.bound);
  }

  /** The generated source, for tests and EXPLAIN-style debugging. */
  source(result: string): string {
    return `${this.lines.join("\n")}\nreturn ${result};`;
  }
}

/**
 * Emits `let r = null; if (a !== null && ...) r = <code>;` for a strict operation over `args`, or a
 * plain `const` when no argument can be NULL.
 */
export function strictLocal(g: CodeGen, args: readonly Value[], code: string, mayReturnNull = false): Value {
  const checks = args.filter((a) => a.nullable).map((a) => `${a.code} !== null`);
  if (checks.length === 0) return g.local(code, mayReturnNull);
  const name = g.temp();
  g.emit(`let ${name} = null;`);
  g.emit(`if (${checks.join(" && ")}) ${name} = ${code};`);
  return { code: name, nullable: true };
}
