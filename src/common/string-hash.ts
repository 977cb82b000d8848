/** 32-bit FNV-1a over a string's UTF-16 code units: cheap, and spreads keys that differ in one digit. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/**
 * FNV-1a, then MurmurHash3's 32-bit finalizer, so that every bit depends on every character: for
 * uses that keep only the low bits (a table's mask, a modulus) of keys that differ in their last one.
 */
export function mixedHash(text: string): number {
  let hash = fnv1a(text);
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}
