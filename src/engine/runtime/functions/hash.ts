import { createHash, randomUUID } from "node:crypto";
import { type ScalarFunction, strict, strictBy } from "./scalar-function.ts";

/** Digests of the UTF-8 bytes (or of BYTES), as lower-case hex (Flink's MD5, SHA1, SHA2...). */
function digest(algorithm: string): (v: string | Uint8Array) => string {
  return (v) => createHash(algorithm).update(v).digest("hex");
}

export const MD5: ScalarFunction = strict(digest("md5"));
export const SHA1: ScalarFunction = strict(digest("sha1"));
export const SHA224: ScalarFunction = strict(digest("sha224"));
export const SHA256: ScalarFunction = strict(digest("sha256"));
export const SHA384: ScalarFunction = strict(digest("sha384"));
export const SHA512: ScalarFunction = strict(digest("sha512"));

/** SHA2(s, bits): 224, 256, 384 or 512; any other length is NULL. */
export const SHA2: ScalarFunction = strict(
  (v: string | Uint8Array, bits: number) =>
    bits === 224 || bits === 256 || bits === 384 || bits === 512 ? digest(`sha${bits}`)(v) : null,
  { mayReturnNull: true },
);

/** Java's String.hashCode: s[0]·31^(n−1) + … + s[n−1] in 32-bit arithmetic over UTF-16 units. */
export function javaStringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

/** HASH_CODE(x): Java's hashCode of the value (strings as String.hashCode, INT as itself, BIGINT as Long.hashCode). */
export const HASH_CODE: ScalarFunction = strictBy((site) => {
  const kind = site.args[0]?.type.kind;
  if (kind === "CHAR" || kind === "VARCHAR") return (s: string) => javaStringHash(s);
  if (kind === "BIGINT") return (n: number) => Number(BigInt.asIntN(32, BigInt(n) ^ (BigInt(n) >> 32n)));
  if (kind === "BOOLEAN") return (b: boolean) => (b ? 1231 : 1237);
  return (n: number) => n | 0;
});

/** UUID(): a random version-4 UUID. */
export const UUID: ScalarFunction = strict(() => randomUUID());
