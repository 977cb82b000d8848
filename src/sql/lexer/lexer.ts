import { type Diagnostic, diagnostic } from "../../common/diagnostic.ts";
import { keepShapeAlive } from "../../common/keep-shape.ts";
import { LineTable, type Span, TextSpan } from "../../common/source.ts";
import { type CodeUnits, codeUnitsOf, giveBack } from "./code-units.ts";
import type { Token, TokenKind } from "./token.ts";
import { decodeUnicodeEscapes } from "./unicode-string.ts";
import { SHARED_WORDS } from "./word-table.ts";

export interface LexResult {
  readonly tokens: Token[];
  readonly diagnostics: Diagnostic[];
}

const TAB = 9;
const LF = 10;
const FF = 12;
const CR = 13;
const SPACE = 32;
const BANG = 33;
const DOLLAR = 36;
const PERCENT = 37;
const AMPERSAND = 38;
const QUOTE = 39;
const LPAREN = 40;
const RPAREN = 41;
const STAR = 42;
const PLUS = 43;
const COMMA = 44;
const MINUS = 45;
const DOT = 46;
const SLASH = 47;
const DIGIT_0 = 48;
const DIGIT_9 = 57;
const SEMICOLON = 59;
const LT = 60;
const EQ = 61;
const GT = 62;
const QUESTION = 63;
const UPPER_A = 65;
const UPPER_E = 69;
const UPPER_F = 70;
const UPPER_U = 85;
const UPPER_X = 88;
const UPPER_Z = 90;
const LBRACKET = 91;
const RBRACKET = 93;
const CARET = 94;
const UNDERSCORE = 95;
const BACKTICK = 96;
const LOWER_A = 97;
const LOWER_E = 101;
const LOWER_F = 102;
const LOWER_U = 117;
const LOWER_X = 120;
const LOWER_Z = 122;
const LBRACE = 123;
const PIPE = 124;
const RBRACE = 125;

export function isDigit(c: number): boolean {
  return c >= DIGIT_0 && c <= DIGIT_9;
}

function isHexDigit(c: number): boolean {
  return isDigit(c) || (c >= UPPER_A && c <= UPPER_F) || (c >= LOWER_A && c <= LOWER_F);
}

/** ASCII character classes for words, looked up rather than compared: the lexer's hottest test. */
const WORD_START = 1;
const WORD_PART = 2;
const ASCII_CLASS = (() => {
  const classes = new Uint8Array(128);
  for (let c = 0; c < 128; c++) {
    const letter = (c >= LOWER_A && c <= LOWER_Z) || (c >= UPPER_A && c <= UPPER_Z) || c === UNDERSCORE;
    if (letter) classes[c] = WORD_START | WORD_PART;
    else if (isDigit(c) || c === DOLLAR) classes[c] = WORD_PART;
  }
  return classes;
})();

function isWordStart(c: number): boolean {
  return c < 128 ? (ASCII_CLASS[c]! & WORD_START) !== 0 : isNonAsciiLetter(c);
}

function isWordPart(c: number): boolean {
  return c < 128 ? (ASCII_CLASS[c]! & WORD_PART) !== 0 : isNonAsciiLetter(c);
}

/** Identifiers may use any letter (Calcite's grammar accepts Unicode letters); the space-like code points are not letters. */
function isNonAsciiLetter(c: number): boolean {
  return c > 127 && c !== 0xa0 && c !== 0xfeff && !(c >= 0x2000 && c <= 0x200b) && c !== 0x3000;
}

function isSpace(c: number): boolean {
  return c === SPACE || c === LF || c === TAB || c === CR || c === FF;
}

/**
 * Splits SQL text into tokens, one at a time, so that a parser holds only the tokens of the statement
 * it is reading. Never throws: a lexical error becomes a diagnostic plus an `error` token, and lexing
 * goes on after it (or stops at the end for unterminated literals and comments).
 */
export class Lexer {
  readonly diagnostics: Diagnostic[] = [];
  /** Lines and columns of the text, for the spans of tokens and of the nodes built from them. */
  readonly lines: LineTable;
  private readonly text: string;
  /** The text's code units (see code-units.ts), read instead of `text.charCodeAt`. */
  private readonly codes: Uint16Array;
  /** Where {@link codes} lives, given back at the end of the text; undefined once given back. */
  private units: CodeUnits | undefined;
  private readonly length: number;
  private pos = 0;
  private inHint = false;
  private hintStart: Span | undefined;
  private done = false;
  // Where the current token starts.
  private start = 0;

  constructor(text: string) {
    this.text = text;
    this.length = text.length;
    this.lines = new LineTable(text);
    this.units = codeUnitsOf(text);
    this.codes = this.units.codes;
  }

  /** The next token; `eof` at the end, and again on every later call. */
  next(): Token {
    const codes = this.codes;
    const text = this.text;
    const length = this.length;
    // Past the end the code units may be another lexer's (see end).
    if (this.done) return this.end();
    while (true) {
      this.skipSpaces();
      const pos = this.pos;
      this.start = pos;
      if (pos >= length) return this.end();
      const c = codes[pos]!;
      const next = codes[pos + 1]!;

      if (c === MINUS && next === MINUS) {
        const lineEnd = text.indexOf("\n", pos);
        this.pos = lineEnd < 0 ? length : lineEnd;
        continue;
      }
      if (c === SLASH && next === STAR) {
        if (codes[pos + 2]! === PLUS && !this.inHint) {
          this.pos += 3;
          this.inHint = true;
          this.hintStart = new TextSpan(pos, this.pos, this.lines);
          return this.token("hintStart", "/*+");
        }
        const close = text.indexOf("*/", pos + 2);
        this.pos = close < 0 ? length : close + 2;
        if (close < 0) return this.fail("parse/unterminated-comment", "unterminated comment");
        continue;
      }
      if (this.inHint && c === STAR && next === SLASH) {
        this.pos += 2;
        this.inHint = false;
        return this.token("hintEnd", "*/");
      }
      if ((c === UPPER_X || c === LOWER_X) && next === QUOTE) {
        this.pos++;
        const digits = this.scanQuoted(QUOTE);
        if (digits === undefined)
          return this.fail("parse/unterminated-string", "unterminated binary string literal");
        if (!isHexString(digits))
          return this.fail("parse/invalid-binary-literal", "binary literal must contain hex digits only");
        return this.token("binary", digits.toUpperCase());
      }
      if ((c === UPPER_U || c === LOWER_U) && next === AMPERSAND && codes[pos + 2]! === QUOTE) {
        return this.unicodeString();
      }
      // `$rowtime` and the like: Confluent's system columns may be written without backticks.
      if (isWordStart(c) || (c === DOLLAR && isWordPart(next))) return this.word();
      if (isDigit(c) || (c === DOT && isDigit(next))) return this.number();
      if (c === QUOTE) {
        const value = this.scanQuoted(QUOTE);
        if (value === undefined) return this.fail("parse/unterminated-string", "unterminated string literal");
        return this.token("string", value);
      }
      if (c === BACKTICK) {
        const value = this.scanQuoted(BACKTICK);
        if (value === undefined)
          return this.fail("parse/unterminated-identifier", "unterminated quoted identifier");
        if (value.length === 0)
          return this.fail("parse/empty-identifier", "quoted identifier must not be empty");
        return this.token("quoted", value);
      }
      const op = operatorAt(c, next);
      if (op !== undefined) {
        this.pos += op.length;
        return {
          kind: "op",
          text: op,
          value: op === "!=" ? "<>" : op,
          start: pos,
          end: this.pos,
        };
      }
      this.pos += c >= 0xd800 && c <= 0xdbff && pos + 1 < length ? 2 : 1;
      return this.fail("parse/invalid-character", `unexpected character '${text.slice(pos, this.pos)}'`);
    }
  }

  private end(): Token {
    const length = this.length;
    // Nothing is read once done (see next), so the next lexer may have the code units.
    if (this.units !== undefined) {
      giveBack(this.units);
      this.units = undefined;
    }
    if (this.inHint && this.hintStart !== undefined && !this.done) {
      this.done = true;
      this.diagnostics.push(
        diagnostic("parse/unterminated-hint", "unterminated hint: expected '*/'", this.hintStart),
      );
      return {
        kind: "error",
        text: "",
        value: "unterminated hint",
        start: length,
        end: length,
      };
    }
    this.done = true;
    return { kind: "eof", text: "", value: "", start: length, end: length };
  }

  private token(kind: TokenKind, value: string): Token {
    const start = this.start;
    return {
      kind,
      text: this.text.slice(start, this.pos),
      value,
      start,
      end: this.pos,
    };
  }

  private fail(code: string, message: string): Token {
    const start = this.start;
    const span = new TextSpan(start, Math.min(Math.max(this.pos, start + 1), this.length), this.lines);
    this.diagnostics.push(diagnostic(code, message, span));
    return {
      kind: "error",
      text: this.text.slice(start, this.pos),
      value: message,
      start,
      end: this.pos,
    };
  }

  private word(): Token {
    const codes = this.codes;
    const text = this.text;
    const start = this.start;
    // The first character is a word start (or the `$` of `$rowtime`), checked by the caller.
    let hash = codes[start]!;
    let pos = start + 1;
    // No bounds check: the code units end with zeros, which are not word parts.
    for (let c = codes[pos]!; isWordPart(c); c = codes[++pos]!) hash = (Math.imul(hash, 31) + c) | 0;
    this.pos = pos;
    const slot = SHARED_WORDS.intern(text, codes, start, pos, hash);
    return {
      kind: "word",
      text: SHARED_WORDS.texts[slot]!,
      value: SHARED_WORDS.uppers[slot]!,
      start,
      end: pos,
    };
  }

  private number(): Token {
    const codes = this.codes;
    const text = this.text;
    let pos = this.pos;
    while (isDigit(codes[pos]!)) pos++;
    if (codes[pos]! === DOT && isDigit(codes[pos + 1]!)) {
      pos++;
      while (isDigit(codes[pos]!)) pos++;
    } else if (codes[pos]! === DOT && !isWordStart(codes[pos + 1]!)) {
      // `1.` is a complete DECIMAL literal, but `1.x` is not ours to take apart.
      pos++;
    }
    const e = codes[pos]!;
    if (e === UPPER_E || e === LOWER_E) {
      const sign = codes[pos + 1]!;
      const digitAt = sign === PLUS || sign === MINUS ? pos + 2 : pos + 1;
      if (isDigit(codes[digitAt]!)) {
        pos = digitAt;
        while (isDigit(codes[pos]!)) pos++;
      }
    }
    if (isWordPart(codes[pos]!)) {
      while (pos < this.length && isWordPart(codes[pos]!)) pos++;
      this.pos = pos;
      return this.fail("parse/invalid-number", `invalid number '${text.slice(this.start, pos)}'`);
    }
    this.pos = pos;
    const literal = text.slice(this.start, pos);
    return {
      kind: "number",
      text: literal,
      value: literal,
      start: this.start,
      end: pos,
    };
  }

  /** `U&'...' [UESCAPE 'c']`, at the `U`. */
  private unicodeString(): Token {
    this.pos += 2;
    const raw = this.scanQuoted(QUOTE);
    if (raw === undefined) return this.fail("parse/unterminated-string", "unterminated string literal");
    const escapeChar = this.scanUescape();
    if (typeof escapeChar !== "string") return escapeChar;
    const decoded = decodeUnicodeEscapes(raw, escapeChar);
    if (typeof decoded === "string") return this.token("string", decoded);
    return this.fail("parse/invalid-unicode-escape", decoded.error);
  }

  /** After a `U&'...'` literal: the optional `UESCAPE 'c'`, or the error token for a bad one. */
  private scanUescape(): string | Token {
    const text = this.text;
    const literalEnd = this.pos;
    this.skipSpaces();
    const pos = this.pos;
    if (text.slice(pos, pos + 7).toUpperCase() !== "UESCAPE" || isWordPart(text.charCodeAt(pos + 7))) {
      this.pos = literalEnd;
      return "\\";
    }
    this.pos += 7;
    this.skipSpaces();
    if (text.charCodeAt(this.pos) !== QUOTE) {
      return this.fail("parse/invalid-unicode-escape", "expected a quoted escape character after UESCAPE");
    }
    const escapeChar = this.scanQuoted(QUOTE);
    if (
      escapeChar === undefined ||
      escapeChar.length !== 1 ||
      isHexDigit(escapeChar.charCodeAt(0)) ||
      "+'\" ".includes(escapeChar)
    ) {
      return this.fail(
        "parse/invalid-unicode-escape",
        "UESCAPE must be a single character that is not a hex digit, '+', a quote or a space",
      );
    }
    return escapeChar;
  }

  /** Scans a quoted body from the opening quote; returns the value with doubled quotes undone, or undefined if unterminated. */
  private scanQuoted(quote: number): string | undefined {
    const text = this.text;
    const open = this.pos;
    let value = "";
    let chunkStart = open + 1;
    let pos = chunkStart;
    while (true) {
      const close = text.indexOf(quote === QUOTE ? "'" : "`", pos);
      if (close < 0) {
        this.pos = this.length;
        return undefined;
      }
      if (text.charCodeAt(close + 1) === quote) {
        value += text.slice(chunkStart, close + 1);
        pos = close + 2;
        chunkStart = pos;
        continue;
      }
      value += text.slice(chunkStart, close);
      this.pos = close + 1;
      return value;
    }
  }

  /** Goes on lexing at `target`, past text the parser consumed raw (see `Parser.rawUntilStatementEnd`). */
  skipTo(target: number): void {
    if (target > this.pos) this.pos = target;
  }

  private skipSpaces(): void {
    const codes = this.codes;
    let pos = this.pos;
    // No bounds check: the code units end with zeros, which are not spaces.
    while (isSpace(codes[pos]!)) pos++;
    this.pos = pos;
  }
}

/** All tokens of `text`, ending with `eof` (for tests and tools; the parser pulls tokens from a Lexer). */
export function tokenize(text: string): LexResult {
  const lexer = new Lexer(text);
  const tokens: Token[] = [];
  let token: Token;
  do {
    token = lexer.next();
    tokens.push(token);
  } while (token.kind !== "eof");
  return { tokens, diagnostics: lexer.diagnostics };
}

function isHexString(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isHexDigit(s.charCodeAt(i))) return false;
  return true;
}

function operatorAt(c: number, next: number): string | undefined {
  switch (c) {
    case LPAREN:
      return "(";
    case RPAREN:
      return ")";
    case COMMA:
      return ",";
    case DOT:
      return ".";
    case SEMICOLON:
      return ";";
    case STAR:
      return "*";
    case PLUS:
      return "+";
    case MINUS:
      return "-";
    case SLASH:
      return "/";
    case PERCENT:
      return "%";
    case LBRACKET:
      return "[";
    case RBRACKET:
      return "]";
    case LBRACE:
      return "{";
    case RBRACE:
      return "}";
    case QUESTION:
      return "?";
    case CARET:
      return "^";
    case DOLLAR:
      return "$";
    case EQ:
      return next === GT ? "=>" : "=";
    case LT:
      return next === EQ ? "<=" : next === GT ? "<>" : "<";
    case GT:
      return next === EQ ? ">=" : ">";
    case BANG:
      return next === EQ ? "!=" : undefined;
    case PIPE:
      return next === PIPE ? "||" : "|";
    default:
      return undefined;
  }
}

keepShapeAlive(new Lexer(""));
