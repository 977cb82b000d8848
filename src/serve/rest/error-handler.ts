import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { closestMatch } from "../../common/diagnostic.ts";
import { ApiError, errorBody } from "./api-error.ts";

/** Header names as clients write them, for messages. */
const HEADER_NAMES: Readonly<Record<string, string>> = { "last-event-id": "Last-Event-ID" };

/**
 * Every failure becomes a JSON error body: our own ApiErrors as they are, schema validation
 * failures as 400s naming the parameter, other client errors Fastify detects as 400s, and anything
 * else as a 500 that leaks no internals (it is logged instead).
 */
export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const api = toApiError(error, request);
  if (api.status >= 500) request.log.error(error);
  reply.status(api.status).send(errorBody(api));
}

function toApiError(error: FastifyError, request: FastifyRequest): ApiError {
  if (error instanceof ApiError) return error;
  const [first] = error.validation ?? [];
  if (first) {
    if (first.keyword === "additionalProperties") {
      const name = String((first.params as { additionalProperty?: unknown }).additionalProperty);
      const known = Object.keys(querystringProperties(request));
      const near = closestMatch(name, known);
      return new ApiError(
        400,
        "unknown_parameter",
        `${name}: is not a parameter of ${request.routeOptions.url}${near ? `; did you mean ${near}?` : ""}`,
        name,
      );
    }
    const path = first.instancePath.replace(/^\//, "").split("/")[0] ?? "";
    const missing = (first.params as { missingProperty?: unknown }).missingProperty;
    const raw = path || (typeof missing === "string" ? missing : (error.validationContext ?? "request"));
    const name = HEADER_NAMES[raw] ?? raw;
    return new ApiError(400, "invalid_parameter", `${name}: ${first.message ?? "is invalid"}`, name);
  }
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500)
    return new ApiError(
      error.statusCode,
      error.statusCode === 404 ? "not_found" : "invalid_parameter",
      error.message,
    );
  return new ApiError(500, "internal", "the server failed to answer this request; the failure is logged");
}

function querystringProperties(request: FastifyRequest): Record<string, unknown> {
  const schema = request.routeOptions.schema?.querystring as
    | { properties?: Record<string, unknown> }
    | undefined;
  return schema?.properties ?? {};
}
