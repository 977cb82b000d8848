import { STATEMENT_NAME_MAX, STATEMENT_NAME_PATTERN, STATEMENT_PHASES } from "../../pipelines/index.ts";

/** JSON schemas of the control API: Fastify validates requests with them and @fastify/swagger publishes them. */
export const statementSchema = {
  type: "object",
  required: ["name", "statement", "kind", "phase", "createdAt"],
  properties: {
    name: { type: "string" },
    statement: { type: "string", description: "the SQL text as submitted" },
    kind: { type: "string", enum: ["ddl", "dml"] },
    phase: { type: "string", enum: [...STATEMENT_PHASES] },
    detail: { type: "string", description: "the error of a FAILED statement" },
    createdAt: { type: "string", format: "date-time" },
    startedAt: { type: "string", format: "date-time" },
    recordsIn: { type: "integer", description: "rows its jobs read from their sources" },
    recordsOut: { type: "integer", description: "rows its jobs wrote to their sink" },
    checkpoints: {
      type: "object",
      description: "an INSERT under checkpoints (headwater serve --checkpoint-interval)",
      properties: {
        lastCheckpoint: { type: "integer", description: "id of the last completed checkpoint" },
        restoredFrom: { type: "string", description: "the checkpoint or savepoint file it resumed from" },
        savepoint: { type: "string", description: "the savepoint file its last stop wrote" },
      },
    },
  },
} as const;

export const stopStatementBody = {
  type: "object",
  additionalProperties: false,
  properties: {
    savepoint: { type: "boolean", description: "write a savepoint (kept until deleted) before stopping" },
  },
} as const;

export const startStatementBody = {
  type: "object",
  additionalProperties: false,
  properties: {
    fromSavepoint: {
      type: "string",
      minLength: 1,
      maxLength: 4096,
      description: "a savepoint file to resume from instead of the statement's last checkpoint",
    },
    statement: {
      type: "string",
      minLength: 1,
      maxLength: 131072,
      description: "new SQL for the statement (an upgrade in place), checked against the saved state",
    },
  },
} as const;

export const errorSchema = {
  type: "object",
  required: ["statusCode", "error", "message"],
  properties: {
    statusCode: { type: "integer" },
    error: { type: "string" },
    message: { type: "string" },
  },
} as const;

export const nameParams = {
  type: "object",
  required: ["name"],
  properties: {
    name: { type: "string", pattern: STATEMENT_NAME_PATTERN, maxLength: STATEMENT_NAME_MAX },
  },
} as const;

export const createStatementBody = {
  type: "object",
  required: ["name", "statement"],
  additionalProperties: false,
  properties: {
    name: {
      type: "string",
      pattern: STATEMENT_NAME_PATTERN,
      maxLength: STATEMENT_NAME_MAX,
      description: "lowercase letters, digits, '-' and '.'; e.g. dev-usw2-sales-dml-src-sales-orders",
    },
    statement: { type: "string", minLength: 1, maxLength: 131072, description: "one SQL statement" },
  },
} as const;

export const tableSchema = {
  type: "object",
  required: ["name", "columns"],
  properties: {
    name: { type: "string", description: "catalog.database.table" },
    columns: {
      type: "array",
      items: {
        type: "object",
        required: ["name", "type"],
        properties: { name: { type: "string" }, type: { type: "string" } },
      },
    },
  },
} as const;
