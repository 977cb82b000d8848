// BINARY/VARBINARY travel as base64 text in JSON and CSV (Flink's type mapping: "string with
// encoding: base64", Jackson's standard alphabet with padding).

const BASE64_SYNTAX = /^[A-Za-z0-9+/]*={0,2}$/;

export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
}

/** Undefined when the text is not base64. */
export function fromBase64(text: string): Uint8Array | undefined {
  if (!BASE64_SYNTAX.test(text) || text.replace(/=+$/, "").length % 4 === 1) return undefined;
  return new Uint8Array(Buffer.from(text, "base64"));
}
