import type { SourceText, Span } from "./source.ts";

export type Severity = "error" | "warning";

/** A problem found in user input, pointing at the text that caused it. */
export interface Diagnostic {
  readonly severity: Severity;
  /** Stable machine-readable code, e.g. `parse/unexpected-token`, `bind/unknown-column`. */
  readonly code: string;
  readonly message: string;
  readonly span: Span;
  /** Suggestions such as "did you mean customer_id?". */
  readonly hints?: readonly string[];
}

export function diagnostic(code: string, message: string, span: Span, hints?: readonly string[]): Diagnostic {
  return hints && hints.length > 0
    ? { severity: "error", code, message, span, hints }
    : { severity: "error", code, message, span };
}

/**
 * Renders a diagnostic the way compilers do:
 *
 *   file.sql:3:8: error: unknown column 'custmer_id'
 *     3 | SELECT custmer_id FROM customers
 *       |        ^^^^^^^^^^
 *     = hint: did you mean customer_id?
 */
export function renderDiagnostic(source: SourceText, d: Diagnostic): string {
  const lines = source.text.split("\n");
  const lineText = (lines[d.span.line - 1] ?? "").replace(/\r$/, "");
  const gutter = String(d.span.line);
  const pad = " ".repeat(gutter.length);
  const lineEnd = d.span.start - (d.span.col - 1) + lineText.length;
  const width = Math.max(1, Math.min(d.span.end, lineEnd) - d.span.start);
  const caret = " ".repeat(Math.max(0, d.span.col - 1)) + "^".repeat(width);
  const out = [
    `${source.name}:${d.span.line}:${d.span.col}: ${d.severity}: ${d.message}`,
    ` ${gutter} | ${lineText}`,
    ` ${pad} | ${caret}`,
  ];
  for (const hint of d.hints ?? []) out.push(` ${pad} = hint: ${hint}`);
  return out.join("\n");
}

/** Finds the closest candidate by edit distance, for "did you mean" hints. */
export function closestMatch(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}
