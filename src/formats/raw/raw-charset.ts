import { FormatConfigError } from "../errors.ts";

/** Text ↔ bytes in a Java charset name ('raw.charset'), for the charsets Node can encode. */
export interface Charset {
  decode(bytes: Uint8Array): string;
  encode(text: string): Uint8Array;
}

function swapPairs(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    out[i] = bytes[i + 1] as number;
    out[i + 1] = bytes[i] as number;
  }
  return out;
}

function bufferCharset(encoding: BufferEncoding): Charset {
  return {
    decode: (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString(encoding),
    encode: (text) => new Uint8Array(Buffer.from(text, encoding)),
  };
}

const utf16be: Charset = {
  decode: (bytes) => Buffer.from(swapPairs(bytes)).toString("utf16le"),
  encode: (text) => swapPairs(Buffer.from(text, "utf16le")),
};

/** Java's "UTF-16": big-endian with a byte-order mark when writing; reading honours either mark. */
const utf16: Charset = {
  decode: (bytes) => {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return bufferCharset("utf16le").decode(bytes.subarray(2));
    return utf16be.decode(bytes[0] === 0xfe && bytes[1] === 0xff ? bytes.subarray(2) : bytes);
  },
  encode: (text) => {
    const body = utf16be.encode(text);
    const out = new Uint8Array(body.length + 2);
    out.set([0xfe, 0xff]);
    out.set(body, 2);
    return out;
  },
};

export function charsetFor(name: string): Charset {
  switch (name.trim().toUpperCase().replace(/_/g, "-")) {
    case "UTF-8":
    case "UTF8":
      return bufferCharset("utf8");
    case "US-ASCII":
    case "ASCII":
      return bufferCharset("ascii");
    case "ISO-8859-1":
    case "LATIN1":
      return bufferCharset("latin1");
    case "UTF-16LE":
      return bufferCharset("utf16le");
    case "UTF-16BE":
      return utf16be;
    case "UTF-16":
      return utf16;
    default:
      throw new FormatConfigError(
        `option 'raw.charset' = '${name}' is not supported; use UTF-8, US-ASCII, ISO-8859-1, UTF-16, UTF-16BE or UTF-16LE`,
      );
  }
}
