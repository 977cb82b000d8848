/**
 * A typing rule's refusal, with the message Headwater shows (the binder adds the position).
 * `argIndex` points at the offending argument when one is to blame.
 */
export interface TypingError {
  readonly error: string;
  readonly argIndex?: number;
}

export function isTypingError(value: unknown): value is TypingError {
  return typeof value === "object" && value !== null && "error" in value;
}
