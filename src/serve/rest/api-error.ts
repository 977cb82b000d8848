import type { JsonSchema } from "./values/json-schema.ts";

export type ApiErrorCode =
  | "invalid_parameter"
  | "unknown_parameter"
  | "not_found"
  | "offset_out_of_range"
  | "internal";

/**
 * A request the server refuses, with what a client needs to fix it: the HTTP status, a stable code,
 * the parameter at fault (query, path or header name) and why.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly parameter: string | undefined;

  constructor(status: number, code: ApiErrorCode, message: string, parameter?: string) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.parameter = parameter;
  }
}

export function badParameter(parameter: string, why: string): ApiError {
  return new ApiError(400, "invalid_parameter", `${parameter}: ${why}`, parameter);
}

/** A changelog offset older than what is retained (Kafka's OFFSET_OUT_OF_RANGE): the changes are gone. */
export function offsetOutOfRange(parameter: string, why: string): ApiError {
  return new ApiError(410, "offset_out_of_range", `${parameter}: ${why}`, parameter);
}

export function notFound(message: string): ApiError {
  return new ApiError(404, "not_found", message);
}

const REASONS: Readonly<Record<number, string>> = { 400: "Bad Request", 404: "Not Found", 410: "Gone" };

/** The body of every error response. */
export interface ErrorBody {
  readonly statusCode: number;
  readonly error: string;
  readonly code: ApiErrorCode;
  readonly message: string;
  readonly parameter?: string;
}

export const ERROR_SCHEMA_ID = "Error";

export const ERROR_SCHEMA: JsonSchema = {
  $id: ERROR_SCHEMA_ID,
  type: "object",
  description: "Why a request failed; `parameter` names the query, path or header parameter at fault.",
  properties: {
    statusCode: { type: "integer" },
    error: { type: "string", description: "The HTTP reason phrase." },
    code: {
      type: "string",
      enum: ["invalid_parameter", "unknown_parameter", "not_found", "offset_out_of_range", "internal"],
    },
    message: { type: "string" },
    parameter: { type: "string" },
  },
  required: ["statusCode", "error", "code", "message"],
};

export function errorBody(error: ApiError): ErrorBody {
  const reason = REASONS[error.status] ?? "Internal Server Error";
  return {
    statusCode: error.status,
    error: reason,
    code: error.code,
    message: error.message,
    ...(error.parameter === undefined ? {} : { parameter: error.parameter }),
  };
}

/** Responses every route may give, for the OpenAPI document. */
export const ERROR_RESPONSES = {
  400: {
    description: "A parameter is invalid: `parameter` names it, `message` says why.",
    $ref: `${ERROR_SCHEMA_ID}#`,
  },
  404: { description: "No such product or record.", $ref: `${ERROR_SCHEMA_ID}#` },
} as const;
