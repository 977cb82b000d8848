/**
 * The kinds of token the lexer produces.
 *
 * - `word`: an unquoted identifier or keyword; `value` is its upper-case form, `text` keeps the case.
 * - `quoted`: a backtick identifier; `value` is the name with doubled backticks undone.
 * - `string`, `binary`: `'...'` / `U&'...'` and `X'...'` literals; `value` is decoded (hex digits upper-case).
 * - `number`: `123`, `1.5`, `.5`, `1e3`; `value` is the text.
 * - `op`: punctuation and operators; `value` is the operator text.
 * - `hintStart` / `hintEnd`: the `/*+` and `*\/` around a hint; the tokens between are ordinary tokens.
 * - `error`: a lexical error already reported as a diagnostic; the parser stops the statement there.
 * - `eof`: the end of the text.
 */
export type TokenKind =
  | "word"
  | "quoted"
  | "string"
  | "binary"
  | "number"
  | "op"
  | "hintStart"
  | "hintEnd"
  | "error"
  | "eof";

export interface Token {
  readonly kind: TokenKind;
  /** The source text of the token. */
  readonly text: string;
  /** The token's meaning, see {@link TokenKind}. */
  readonly value: string;
  readonly start: number;
  readonly end: number;
}
