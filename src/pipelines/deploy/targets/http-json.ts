import { maskSecretsInText } from "../../config/mask-secrets.ts";
import { TargetError } from "../deploy-target.ts";

export interface HttpResponse {
  readonly status: number;
  /** The parsed JSON body; undefined when the body is empty or not JSON. */
  readonly body: unknown;
  readonly text: string;
}

export interface JsonHttpOptions {
  /** Base URL, without a trailing slash. */
  readonly baseUrl: string;
  /** Names the target in errors, e.g. "Flink SQL Gateway". */
  readonly label: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Values never to show in an error message (API keys and secrets). */
  readonly secrets?: readonly string[];
  readonly timeoutMs?: number;
}

/**
 * A small JSON-over-HTTP client shared by the targets: every answer comes back with its status
 * (callers decide what 404 or 409 mean); only a target that cannot be reached, or times out, throws
 * a TargetError naming the target, the request and the cause.
 */
export class JsonHttp {
  readonly baseUrl: string;
  private readonly options: JsonHttpOptions;

  constructor(options: JsonHttpOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.options = options;
  }

  async request(
    method: string,
    path: string,
    body?: unknown,
    contentType = "application/json",
  ): Promise<HttpResponse> {
    const url = path.startsWith("http") ? path : `${this.baseUrl}${path}`;
    const headers: Record<string, string> = { Accept: "application/json", ...this.options.headers };
    if (body !== undefined) headers["Content-Type"] = contentType;
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
      });
    } catch (error) {
      throw new TargetError(
        this.mask(`${this.options.label}: ${method} ${url} failed: ${networkCause(error)}`),
      );
    }
    const text = await res.text();
    return { status: res.status, body: parseJson(text), text };
  }

  /** A TargetError for an answer the caller did not expect, quoting (a masked excerpt of) the body. */
  unexpected(method: string, path: string, res: HttpResponse, what = ""): TargetError {
    const excerpt = res.text.length > 600 ? `${res.text.slice(0, 600)}...` : res.text;
    const message = `${this.options.label}: ${method} ${path} answered HTTP ${res.status}${what ? `: ${what}` : ""}${excerpt && !what ? ` ${excerpt}` : ""}`;
    return new TargetError(this.mask(message), res.status);
  }

  mask(text: string): string {
    return maskSecretsInText(text, this.options.secrets ?? []);
  }
}

function networkCause(error: unknown): string {
  if (error instanceof Error && error.name === "TimeoutError") return "no answer in time";
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code === "ECONNREFUSED") return "connection refused (is it running?)";
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}

function parseJson(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
