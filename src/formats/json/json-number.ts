/**
 * A JSON number whose digits a double cannot hold (a DECIMAL(38, 10), a BIGINT beyond 2^53). The
 * parser keeps its source text only for such numbers, so DECIMAL columns read exactly what was written.
 */
export class JsonNumberText {
  readonly source: string;
  readonly value: number;
  constructor(source: string, value: number) {
    this.source = source;
    this.value = value;
  }
}

interface ReviverContext {
  readonly source?: string;
}

/** JSON.parse reviver (with source-text access) that wraps only the numbers a double would change. */
export function keepLossyNumbers(_key: string, value: unknown, context?: ReviverContext): unknown {
  if (typeof value !== "number" || context?.source === undefined) return value;
  const source = context.source;
  if (source.length <= 15 && !source.includes("e") && !source.includes("E")) return value;
  return String(value) === source ? value : new JsonNumberText(source, value);
}
