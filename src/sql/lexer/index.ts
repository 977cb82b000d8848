export { Lexer, type LexResult, tokenize } from "./lexer.ts";
export type { Token, TokenKind } from "./token.ts";
