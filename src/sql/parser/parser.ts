import { type Diagnostic, diagnostic } from "../../common/diagnostic.ts";
import { keepShapeAlive } from "../../common/keep-shape.ts";
import { type LineTable, type Span, spanToEnd, TextSpan } from "../../common/source.ts";
import { type Ident, ParsedIdent, type QualifiedName } from "../ast/names.ts";
import { Lexer } from "../lexer/lexer.ts";
import type { Token, TokenKind } from "../lexer/token.ts";
import { ParseError } from "./errors.ts";
import { RESERVED_WORDS } from "./keywords.ts";

/**
 * The empty list, shared: most AST lists (hints, WITH, GROUP BY, ...) are empty, and one frozen array
 * instead of one per node keeps large scripts' trees smaller.
 */
export const NONE: readonly never[] = Object.freeze([]);

/** How many consumed tokens the parser keeps before forgetting them (grammar functions only look back one). */
const FORGET_AFTER = 64;

/** Nesting deeper than this is reported instead of risking a stack overflow. */
export const MAX_NESTING = 500;

/**
 * The token cursor shared by the grammar functions (expression.ts, query.ts, ...). Each grammar
 * function consumes the tokens of its construct and returns its AST node, or throws a ParseError.
 */
export class Parser {
  private readonly lexer: Lexer;
  /**
   * Tokens pulled from the lexer and not yet forgotten, the first `count` of `tokens`; `pos` indexes
   * this buffer. Slots past `count` hold forgotten tokens until overwritten: the array never shrinks,
   * which V8 would do by trimming it (measured: a visible cost at every forget).
   */
  private readonly tokens: Token[] = [];
  private count = 0;
  private eof: Token | undefined;
  private pos = 0;
  /**
   * `tokens[pos]`, kept at hand: grammar functions ask for the current token several times per
   * token, and a field is cheaper to read (and to inline) than the buffer's bounds and slot.
   */
  private current: Token;
  /** Current nesting of expressions, queries and types, guarded by {@link enter}. */
  depth = 0;
  /** Inside MATCH_RECOGNIZE's MEASURES and DEFINE, where RUNNING and FINAL prefix a function call. */
  inMatchRecognize = false;
  /** `?` parameters seen so far in the script: they are numbered from 1 in order of appearance. */
  parameterCount = 0;

  /** Errors found so far: the lexer's, then each abandoned statement's. */
  readonly diagnostics: Diagnostic[];

  /** The source text, for the few decisions that depend on layout. */
  private readonly text: string;
  /** The text's lines, shared by every span of the parse. */
  readonly lines: LineTable;

  constructor(text: string, lexer: Lexer) {
    this.text = text;
    this.lexer = lexer;
    this.diagnostics = lexer.diagnostics;
    this.lines = lexer.lines;
    this.current = this.fill(0);
  }

  /** The current token. */
  get token(): Token {
    return this.current;
  }

  /** The token `offset` places after the current one. */
  peek(offset = 1): Token {
    const index = this.pos + offset;
    // Bounds are checked explicitly: reading past an array's end is a slow path in V8.
    return index < this.count ? this.tokens[index]! : this.fill(index);
  }

  /** Moves `count` tokens on (tokens the caller has looked at with {@link peek}). */
  skip(count: number): void {
    const pos = this.pos + count;
    this.pos = pos;
    this.current = pos < this.count ? this.tokens[pos]! : this.fill(pos);
  }

  /** Pulls tokens from the lexer up to buffer index `index` (or the end); returns that token. */
  private fill(index: number): Token {
    if (this.pos > FORGET_AFTER) {
      const ahead = index - this.pos;
      this.forgetConsumed();
      index = this.pos + ahead;
    }
    const tokens = this.tokens;
    while (this.eof === undefined && this.count <= index) {
      const token = this.lexer.next();
      if (this.count < tokens.length) tokens[this.count] = token;
      else tokens.push(token);
      this.count++;
      if (token.kind === "eof") this.eof = token;
    }
    return index < this.count ? tokens[index]! : this.eof!;
  }

  /**
   * Drops the tokens before the current one (keeping the last consumed one for `previous`): called
   * between statements and every {@link FORGET_AFTER} tokens, so that tokens die young instead of
   * living (and being copied by the garbage collector) as long as their statement's parse.
   */
  forgetConsumed(): void {
    const consumed = this.pos - 1;
    if (consumed > 0) {
      const tokens = this.tokens;
      // One or two tokens are kept: a loop, not a call of copyWithin.
      const kept = this.count - consumed;
      for (let i = 0; i < kept; i++) tokens[i] = tokens[consumed + i]!;
      this.count = kept;
      this.pos = 1;
    }
  }

  /**
   * Whether the current token is a string literal continuing the previous one: `'a' 'b'` is `'ab'`,
   * but (as in Calcite) only when a line break separates the two parts.
   */
  atStringContinuation(): boolean {
    const token = this.token;
    if (token.kind !== this.previous.kind || (token.kind !== "string" && token.kind !== "binary"))
      return false;
    const lineBreak = this.text.indexOf("\n", this.previous.end);
    return lineBreak >= 0 && lineBreak < token.start;
  }

  /**
   * The source text from the current token to the end of the statement (the next `;` outside quotes,
   * or the end of the text), consumed without tokenizing it: the SQL client's unquoted
   * `SET key = value` has keys and values (`mini-batch`, `1h`) that are not SQL tokens.
   */
  rawUntilStatementEnd(): { readonly text: string; readonly span: Span } {
    const first = this.token;
    // Only the current token has been read ahead of `pos` (callers look at nothing further): it is
    // read again where the raw text ends.
    this.count = this.pos;
    const text = this.text;
    let end = first.start;
    let quoted = false;
    for (; end < text.length; end++) {
      const c = text.charCodeAt(end);
      if (c === 39) quoted = !quoted;
      else if (c === 59 && !quoted) break;
    }
    this.lexer.skipTo(end);
    this.current = this.fill(this.pos);
    const raw = text.slice(first.start, end).trimEnd();
    const span = new TextSpan(first.start, first.start + raw.length, this.lines);
    return { text: raw, span };
  }

  /** The last consumed token. */
  get previous(): Token {
    return this.pos > 0 ? this.tokens[this.pos - 1]! : this.token;
  }

  advance(): Token {
    const token = this.current;
    if (token.kind === "error")
      throw new ParseError("parse/lexical", token.value, this.tokenSpan(token), true);
    if (token.kind !== "eof") this.skip(1);
    return token;
  }

  atEnd(): boolean {
    return this.current.kind === "eof";
  }

  /** Whether the token at `offset` is the (unquoted) keyword `word`. */
  isWord(word: string, offset = 0): boolean {
    const token = offset === 0 ? this.current : this.peek(offset);
    return token.kind === "word" && token.value === word;
  }

  isKind(kind: TokenKind, offset = 0): boolean {
    return (offset === 0 ? this.current : this.peek(offset)).kind === kind;
  }

  isOp(op: string, offset = 0): boolean {
    const token = offset === 0 ? this.current : this.peek(offset);
    return token.kind === "op" && token.value === op;
  }

  acceptWord(word: string): Token | undefined {
    return this.isWord(word) ? this.advance() : undefined;
  }

  /** Consumes the keywords `words` if they all follow, in order; otherwise consumes nothing. */
  acceptWords(...words: string[]): boolean {
    for (let i = 0; i < words.length; i++) if (!this.isWord(words[i]!, i)) return false;
    this.skip(words.length);
    return true;
  }

  expectWord(word: string): Token {
    return this.acceptWord(word) ?? this.fail(`'${word}'`);
  }

  expectWords(...words: string[]): void {
    for (const word of words) this.expectWord(word);
  }

  acceptOp(op: string): Token | undefined {
    return this.isOp(op) ? this.advance() : undefined;
  }

  expectOp(op: string): Token {
    return this.acceptOp(op) ?? this.fail(`'${op}'`);
  }

  /** Throws `expected <what> but found <current token>`. */
  fail(expected: string, token: Token = this.token): never {
    const span = this.tokenSpan(token);
    if (token.kind === "error") throw new ParseError("parse/lexical", token.value, span, true);
    if (token.kind === "eof") {
      throw new ParseError("parse/unexpected-end", `unexpected end of input, expected ${expected}`, span);
    }
    throw new ParseError("parse/unexpected-token", `expected ${expected} but found ${describe(token)}`, span);
  }

  /** Throws an error about `span` that is not about an unexpected token, e.g. a number out of range. */
  invalid(message: string, span: Span): never {
    throw new ParseError("parse/invalid", message, span);
  }

  /** Whether the token at `offset` can be an identifier: quoted, or an unreserved word. */
  isIdent(offset = 0): boolean {
    const token = offset === 0 ? this.current : this.peek(offset);
    return token.kind === "quoted" || (token.kind === "word" && !RESERVED_WORDS.has(token.value));
  }

  /** An identifier where reserved words are not allowed (they would end the construct instead). */
  ident(what = "an identifier"): Ident {
    return this.isIdent() ? this.identOf(this.advance()) : this.fail(what);
  }

  /** An identifier where any word is unambiguous, such as after `.` or `AS`. */
  anyIdent(what = "an identifier"): Ident {
    const kind = this.token.kind;
    return kind === "word" || kind === "quoted" ? this.identOf(this.advance()) : this.fail(what);
  }

  /** `a.b.c`: the first part must be an identifier, the parts after dots may be any word. */
  qualifiedName(what = "a name"): QualifiedName {
    // Array literals of the exact size: a push would reserve 17 slots for the usual one or two parts.
    const first = this.ident(what);
    let qualified: Ident[] | undefined;
    while (this.isOp(".") && (this.peek().kind === "word" || this.peek().kind === "quoted")) {
      this.skip(1);
      qualified = qualified === undefined ? [first, this.anyIdent()] : [...qualified, this.anyIdent()];
    }
    const parts = qualified ?? [first];
    return { kind: "qualifiedName", parts, span: spanOf(first.span, parts[parts.length - 1]!.span) };
  }

  /** `(a, b, c)`. */
  identList(): Ident[] {
    this.expectOp("(");
    const idents = [this.ident()];
    while (this.acceptOp(",")) idents.push(this.ident());
    this.expectOp(")");
    return idents;
  }

  /** The span from `start` to the end of the last consumed token. */
  spanFrom(start: Span): Span {
    const last = this.previous;
    // Spans are immutable: a node ending where `start` ends shares it (a smaller tree for big scripts).
    if (last.end === start.end) return start;
    return new TextSpan(start.start, Math.max(last.end, start.start), this.lines);
  }

  /** The span of `token`. */
  tokenSpan(token: Token): Span {
    return new TextSpan(token.start, token.end, this.lines);
  }

  /** The identifier `token` (a word or a quoted identifier) spells. */
  identOf(token: Token): Ident {
    const quoted = token.kind === "quoted";
    return new ParsedIdent(quoted ? token.value : token.text, quoted, token.start, token.end, this.lines);
  }

  /** Counts one level of nesting; the caller calls {@link leave} when done (an error abandons the statement anyway). */
  enter(): void {
    if (++this.depth > MAX_NESTING) {
      const span = this.tokenSpan(this.token);
      throw new ParseError("parse/too-deep", `nesting too deep (more than ${MAX_NESTING} levels)`, span);
    }
  }

  leave(): void {
    this.depth--;
  }

  /**
   * Runs `parse`; if it fails, records the error and skips past the next `;` so that parsing can go on
   * with the next statement. Returns whether `parse` succeeded.
   */
  recovering(parse: () => void): boolean {
    const depth = this.depth;
    try {
      parse();
      return true;
    } catch (error) {
      this.report(error);
      this.depth = depth;
      this.skipStatement();
      return false;
    }
  }

  private report(error: unknown): void {
    const at = this.tokenSpan(this.token);
    if (error instanceof ParseError) {
      if (!error.reported) this.diagnostics.push(diagnostic(error.code, error.message, error.span));
    } else if (error instanceof RangeError) {
      // The JavaScript stack ran out before MAX_NESTING did (very long operator chains do this).
      this.diagnostics.push(diagnostic("parse/too-deep", "statement is nested too deeply to parse", at));
    } else {
      const message = error instanceof Error ? error.message : String(error);
      this.diagnostics.push(diagnostic("parse/internal-error", `internal parser error: ${message}`, at));
    }
  }

  /** Moves past the next `;` (or to the end). Error tokens are skipped: the lexer reported them. */
  private skipStatement(): void {
    for (let token = this.current; token.kind !== "eof"; token = this.current) {
      this.skip(1);
      if (token.kind === "op" && token.value === ";") return;
    }
  }
}

export function spanOf(first: Span, last: Span): Span {
  if (first === last) return first;
  return spanToEnd(first, last.end);
}

function describe(token: Token): string {
  switch (token.kind) {
    case "string":
      return `string ${truncate(token.text)}`;
    case "number":
      return `number ${token.text}`;
    case "hintStart":
      return "hint '/*+'";
    default:
      return `'${truncate(token.text)}'`;
  }
}

function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

keepShapeAlive(new Parser("", new Lexer("")));
