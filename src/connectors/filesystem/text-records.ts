/** One record of a text file and the 1-based line it starts on. */
export interface TextRecord {
  readonly text: string;
  readonly line: number;
}

/**
 * Splits a file into records: lines, except that a CSV field in quotes may hold line breaks (RFC
 * 4180). Blank lines are no records. `quote` is the CSV quote character (undefined: lines only).
 */
export function splitRecords(text: string, quote: string | undefined): TextRecord[] {
  const out: TextRecord[] = [];
  let start = 0;
  let line = 1;
  let startLine = 1;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === quote) quoted = !quoted;
    else if (c === "\n") {
      line++;
      if (!quoted) {
        push(out, text.slice(start, i), startLine);
        start = i + 1;
        startLine = line;
      }
    }
  }
  push(out, text.slice(start), startLine);
  return out;
}

function push(out: TextRecord[], raw: string, line: number): void {
  const text = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
  if (text.trim() !== "") out.push({ text, line });
}
