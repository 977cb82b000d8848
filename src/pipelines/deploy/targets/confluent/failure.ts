import { isRecord } from "../http-json.ts";

/**
 * Confluent Cloud's error body (`Failure`): `{"errors": [{id, status, code, title, detail, source}]}`.
 * Returns "title: detail" for each error, or undefined when the body is not one.
 */
export function failureMessage(body: unknown): string | undefined {
  if (!isRecord(body) || !Array.isArray(body.errors)) return undefined;
  const parts = body.errors.filter(isRecord).map((e) => {
    const title = typeof e.title === "string" ? e.title : typeof e.code === "string" ? e.code : "";
    const detail = typeof e.detail === "string" ? e.detail : "";
    return title && detail ? `${title}: ${detail}` : title || detail;
  });
  const text = parts.filter((p) => p !== "").join("; ");
  return text === "" ? undefined : text;
}
