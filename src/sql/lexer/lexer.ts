import { type Diagnostic, diagnostic } from "../../common/diagnostic.ts";
import type { Span } from "../../common/source.ts";
import type { Token, TokenKind } from "./token.ts";
import { decodeUnicodeEscapes } from "./unicode-string.ts";

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

function isDigit(c: number): boolean {
  return c >= DIGIT_0 && c <= DIGIT_9;
}

function isHexDigit(c: number): boolean {
  return isDigit(c) || (c >= UPPER_A && c <= UPPER_F) || (c >= LOWER_A && c <= LOWER_F);
}

function isWordStart(c: number): boolean {
  return (
    (c >= LOWER_A && c <= LOWER_Z) ||
    (c >= UPPER_A && c <= UPPER_Z) ||
    c === UNDERSCORE ||
    isNonAsciiLetter(c)
  );
}

function isWordPart(c: number): boolean {
  return isWordStart(c) || isDigit(c) || c === DOLLAR;
}

/** Identifiers may use any letter (Calcite's grammar accepts Unicode letters); the space-like code points are not letters. */
function isNonAsciiLetter(c: number): boolean {
  return c > 127 && c !== 0xa0 && c !== 0xfeff && !(c >= 0x2000 && c <= 0x200b) && c !== 0x3000;
}

function isSpace(c: number): boolean {
  return c === SPACE || c === LF || c === TAB || c === CR || c === FF;
}

/**
 * Splits SQL text into tokens. Never throws: a lexical error becomes a diagnostic plus an `error` token,
 * and lexing goes on after it (or stops at the end for unterminated literals and comments).
 */
export function tokenize(text: string): LexResult {
  const tokens: Token[] = [];
  const diagnostics: Diagnostic[] = [];
  const length = text.length;
  let pos = 0;
  let line = 1;
  let lineStart = 0;
  let inHint = false;
  let hintStart: Span | undefined;
  // Where the current token starts.
  let start = 0;
  let startLine = 1;
  let startCol = 1;

  const push = (kind: TokenKind, value: string): void => {
    tokens.push({
      kind,
      text: text.slice(start, pos),
      value,
      start,
      end: pos,
      line: startLine,
      col: startCol,
    });
  };
  const fail = (code: string, message: string): void => {
    const span: Span = {
      start,
      end: Math.min(Math.max(pos, start + 1), length),
      line: startLine,
      col: startCol,
    };
    diagnostics.push(diagnostic(code, message, span));
    tokens.push({
      kind: "error",
      text: text.slice(start, pos),
      value: message,
      start,
      end: pos,
      line: startLine,
      col: startCol,
    });
  };
  /** Scans a `'...'` body from the opening quote; returns the decoded value, or undefined if unterminated. */
  const scanQuoted = (quote: number): string | undefined => {
    pos++;
    let value = "";
    let chunkStart = pos;
    while (pos < length) {
      const c = text.charCodeAt(pos);
      if (c === quote) {
        if (text.charCodeAt(pos + 1) === quote) {
          value += text.slice(chunkStart, pos + 1);
          pos += 2;
          chunkStart = pos;
          continue;
        }
        value += text.slice(chunkStart, pos);
        pos++;
        return value;
      }
      if (c === LF) {
        line++;
        lineStart = pos + 1;
      }
      pos++;
    }
    return undefined;
  };
  const skipSpaces = (): void => {
    while (pos < length) {
      const c = text.charCodeAt(pos);
      if (c === LF) {
        line++;
        lineStart = pos + 1;
      } else if (!isSpace(c)) return;
      pos++;
    }
  };

  while (true) {
    skipSpaces();
    start = pos;
    startLine = line;
    startCol = pos - lineStart + 1;
    if (pos >= length) break;
    const c = text.charCodeAt(pos);
    const next = text.charCodeAt(pos + 1);

    if (c === MINUS && next === MINUS) {
      while (pos < length && text.charCodeAt(pos) !== LF) pos++;
      continue;
    }
    if (c === SLASH && next === STAR) {
      if (text.charCodeAt(pos + 2) === PLUS && !inHint) {
        pos += 3;
        inHint = true;
        hintStart = { start, end: pos, line: startLine, col: startCol };
        push("hintStart", "/*+");
        continue;
      }
      pos += 2;
      let closed = false;
      while (pos < length) {
        const d = text.charCodeAt(pos);
        if (d === STAR && text.charCodeAt(pos + 1) === SLASH) {
          pos += 2;
          closed = true;
          break;
        }
        if (d === LF) {
          line++;
          lineStart = pos + 1;
        }
        pos++;
      }
      if (!closed) fail("parse/unterminated-comment", "unterminated comment");
      continue;
    }
    if (inHint && c === STAR && next === SLASH) {
      pos += 2;
      inHint = false;
      push("hintEnd", "*/");
      continue;
    }

    if ((c === UPPER_X || c === LOWER_X) && next === QUOTE) {
      pos++;
      const digits = scanQuoted(QUOTE);
      if (digits === undefined) fail("parse/unterminated-string", "unterminated binary string literal");
      else if (!isHexString(digits))
        fail("parse/invalid-binary-literal", "binary literal must contain hex digits only");
      else push("binary", digits.toUpperCase());
      continue;
    }
    if ((c === UPPER_U || c === LOWER_U) && next === AMPERSAND && text.charCodeAt(pos + 2) === QUOTE) {
      pos += 2;
      const raw = scanQuoted(QUOTE);
      if (raw === undefined) {
        fail("parse/unterminated-string", "unterminated string literal");
        continue;
      }
      const escapeChar = scanUescape();
      if (escapeChar === undefined) continue;
      const decoded = decodeUnicodeEscapes(raw, escapeChar);
      if (typeof decoded === "string") push("string", decoded);
      else fail("parse/invalid-unicode-escape", decoded.error);
      continue;
    }
    // `$rowtime` and the like: Confluent's system columns may be written without backticks.
    if (isWordStart(c) || (c === DOLLAR && isWordPart(next))) {
      pos++;
      while (pos < length && isWordPart(text.charCodeAt(pos))) pos++;
      const word = text.slice(start, pos);
      tokens.push({
        kind: "word",
        text: word,
        value: word.toUpperCase(),
        start,
        end: pos,
        line: startLine,
        col: startCol,
      });
      continue;
    }
    if (isDigit(c) || (c === DOT && isDigit(next))) {
      scanNumber();
      continue;
    }
    if (c === QUOTE) {
      const value = scanQuoted(QUOTE);
      if (value === undefined) fail("parse/unterminated-string", "unterminated string literal");
      else push("string", value);
      continue;
    }
    if (c === BACKTICK) {
      const value = scanQuoted(BACKTICK);
      if (value === undefined) fail("parse/unterminated-identifier", "unterminated quoted identifier");
      else if (value.length === 0) fail("parse/empty-identifier", "quoted identifier must not be empty");
      else push("quoted", value);
      continue;
    }
    const op = operatorAt(c, next);
    if (op !== undefined) {
      pos += op.length;
      push("op", op === "!=" ? "<>" : op);
      continue;
    }
    pos += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
    fail("parse/invalid-character", `unexpected character '${text.slice(start, pos)}'`);
  }
  if (hintStart !== undefined && inHint) {
    diagnostics.push(diagnostic("parse/unterminated-hint", "unterminated hint: expected '*/'", hintStart));
    tokens.push({
      kind: "error",
      text: "",
      value: "unterminated hint",
      start: length,
      end: length,
      line,
      col: length - lineStart + 1,
    });
  }
  tokens.push({
    kind: "eof",
    text: "",
    value: "",
    start: length,
    end: length,
    line,
    col: length - lineStart + 1,
  });
  return { tokens, diagnostics };

  function scanNumber(): void {
    while (isDigit(text.charCodeAt(pos))) pos++;
    if (text.charCodeAt(pos) === DOT && isDigit(text.charCodeAt(pos + 1))) {
      pos++;
      while (isDigit(text.charCodeAt(pos))) pos++;
    } else if (text.charCodeAt(pos) === DOT && !isWordStart(text.charCodeAt(pos + 1))) {
      // `1.` is a complete DECIMAL literal, but `1.x` is not ours to take apart.
      pos++;
    }
    const e = text.charCodeAt(pos);
    if (e === UPPER_E || e === LOWER_E) {
      const sign = text.charCodeAt(pos + 1);
      const digitAt = sign === PLUS || sign === MINUS ? pos + 2 : pos + 1;
      if (isDigit(text.charCodeAt(digitAt))) {
        pos = digitAt;
        while (isDigit(text.charCodeAt(pos))) pos++;
      }
    }
    if (isWordPart(text.charCodeAt(pos))) {
      while (pos < length && isWordPart(text.charCodeAt(pos))) pos++;
      fail("parse/invalid-number", `invalid number '${text.slice(start, pos)}'`);
      return;
    }
    const literal = text.slice(start, pos);
    push("number", literal);
  }

  /** After a `U&'...'` literal: the optional `UESCAPE 'c'`; undefined after reporting an error. */
  function scanUescape(): string | undefined {
    const literalEnd = pos;
    const savedLine = line;
    const savedLineStart = lineStart;
    skipSpaces();
    if (text.slice(pos, pos + 7).toUpperCase() !== "UESCAPE" || isWordPart(text.charCodeAt(pos + 7))) {
      pos = literalEnd;
      line = savedLine;
      lineStart = savedLineStart;
      return "\\";
    }
    pos += 7;
    skipSpaces();
    if (text.charCodeAt(pos) !== QUOTE) {
      fail("parse/invalid-unicode-escape", "expected a quoted escape character after UESCAPE");
      return undefined;
    }
    const escapeChar = scanQuoted(QUOTE);
    if (
      escapeChar === undefined ||
      escapeChar.length !== 1 ||
      isHexDigit(escapeChar.charCodeAt(0)) ||
      "+'\" ".includes(escapeChar)
    ) {
      fail(
        "parse/invalid-unicode-escape",
        "UESCAPE must be a single character that is not a hex digit, '+', a quote or a space",
      );
      return undefined;
    }
    return escapeChar;
  }
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
