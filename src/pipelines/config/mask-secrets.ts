/**
 * Secrets never reach output or logs: configuration values under secret-looking keys are replaced,
 * and known secret values are blanked out of any text before it is printed.
 */
const SECRET_KEY_PARTS = [
  "secret",
  "password",
  "api_key",
  "apikey",
  "token",
  "authorization",
  "bearer",
  "credential",
];

export const MASK = "*****MASKED*****";

export function isSecretKey(key: string): boolean {
  const lower = key.toLowerCase();
  return SECRET_KEY_PARTS.some((part) => lower.includes(part));
}

/** A deep copy of `value` with every non-empty value under a secret-looking key masked. */
export function maskSecrets<T>(value: T): T {
  return maskValue(value, false) as T;
}

function maskValue(value: unknown, secret: boolean): unknown {
  if (Array.isArray(value)) return value.map((v) => maskValue(v, secret));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, maskValue(v, secret || isSecretKey(k))]),
    );
  }
  if (secret && value !== "" && value !== undefined && value !== null) return MASK;
  return value;
}

/** Replaces every occurrence of each secret in `text` (for log lines and error messages). */
export function maskSecretsInText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length > 0) out = out.split(secret).join(MASK);
  return out;
}
