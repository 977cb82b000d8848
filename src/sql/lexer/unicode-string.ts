/**
 * Decodes the escapes of a `U&'...'` literal: `<e>XXXX` (4 hex digits), `<e>+XXXXXX` (6 hex digits) and
 * `<e><e>` for the escapeChar character itself, where `<e>` is `\` unless UESCAPE names another.
 */
export function decodeUnicodeEscapes(raw: string, escapeChar: string): string | { readonly error: string } {
  let out = "";
  let i = 0;
  while (i < raw.length) {
    const ch = raw[i]!;
    if (ch !== escapeChar) {
      out += ch;
      i++;
      continue;
    }
    if (raw[i + 1] === escapeChar) {
      out += escapeChar;
      i += 2;
      continue;
    }
    const long = raw[i + 1] === "+";
    const digits = long ? raw.slice(i + 2, i + 8) : raw.slice(i + 1, i + 5);
    if (!/^[0-9a-fA-F]+$/.test(digits) || digits.length !== (long ? 6 : 4)) {
      return { error: `invalid Unicode escapeChar '${raw.slice(i, i + (long ? 8 : 5))}'` };
    }
    const code = Number.parseInt(digits, 16);
    if (code > 0x10ffff) return { error: `Unicode code point out of range '${digits}'` };
    out += String.fromCodePoint(code);
    i += long ? 8 : 5;
  }
  return out;
}
