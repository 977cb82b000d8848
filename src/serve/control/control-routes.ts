import type { FastifyInstance, FastifyRequest } from "fastify";
import type {
  ControlStartRequest,
  ControlStatementRequest,
  ControlStopRequest,
} from "../../pipelines/index.ts";
import {
  createStatementBody,
  errorSchema,
  nameParams,
  startStatementBody,
  statementSchema,
  stopStatementBody,
  tableSchema,
} from "./control-schemas.ts";
import type { StatementRegistry } from "./statement-registry.ts";

const errors = { 400: errorSchema, 404: errorSchema, 409: errorSchema };

/** A POST whose options are all optional may come without a body: that is `{}`. */
async function optionalBody(request: FastifyRequest): Promise<void> {
  request.body ??= {};
}

/** The control API's routes over a registry; `changed` runs after every change (persistence). */
export function registerControlRoutes(
  app: FastifyInstance,
  registry: StatementRegistry,
  changed: () => void,
): void {
  app.post<{ Body: ControlStatementRequest }>(
    "/v1/statements",
    {
      schema: {
        summary: "Submit a named statement (DDL, or an INSERT that keeps running)",
        body: createStatementBody,
        response: { 201: statementSchema, ...errors },
      },
    },
    async (request, reply) => {
      const statement = await registry.submit(request.body.name, request.body.statement);
      changed();
      return reply.status(201).send(statement);
    },
  );

  app.get(
    "/v1/statements",
    {
      schema: {
        summary: "Every statement, in submission order",
        response: {
          200: { type: "object", properties: { statements: { type: "array", items: statementSchema } } },
        },
      },
    },
    async () => ({ statements: registry.list() }),
  );

  app.get<{ Params: { name: string } }>(
    "/v1/statements/:name",
    {
      schema: { summary: "One statement", params: nameParams, response: { 200: statementSchema, ...errors } },
    },
    async (request) => registry.get(request.params.name),
  );

  app.post<{ Params: { name: string }; Body: ControlStopRequest }>(
    "/v1/statements/:name/stop",
    {
      schema: {
        summary:
          "Stop a statement's jobs; it stays listed as STOPPED. Under checkpoints a last checkpoint (or, asked, a savepoint) commits its output first",
        params: nameParams,
        body: stopStatementBody,
        response: { 200: statementSchema, ...errors },
      },
      preValidation: optionalBody,
    },
    async (request) => {
      const statement = await registry.stop(request.params.name, {
        savepoint: request.body.savepoint === true,
      });
      changed();
      return statement;
    },
  );

  app.post<{ Params: { name: string }; Body: ControlStartRequest }>(
    "/v1/statements/:name/start",
    {
      schema: {
        summary:
          "Start a STOPPED or FAILED INSERT again: from its last checkpoint, or from a savepoint, optionally with new SQL checked against the saved state",
        params: nameParams,
        body: startStatementBody,
        response: { 200: statementSchema, ...errors },
      },
      preValidation: optionalBody,
    },
    async (request) => {
      const body = request.body;
      const statement = await registry.start(request.params.name, {
        ...(body.fromSavepoint !== undefined ? { fromSavepoint: body.fromSavepoint } : {}),
        ...(body.statement !== undefined ? { statement: body.statement } : {}),
      });
      changed();
      return statement;
    },
  );

  app.delete<{ Params: { name: string } }>(
    "/v1/statements/:name",
    {
      schema: {
        summary: "Stop and delete a statement",
        params: nameParams,
        response: { 204: { type: "null" }, ...errors },
      },
    },
    async (request, reply) => {
      registry.delete(request.params.name);
      changed();
      return reply.status(204).send();
    },
  );

  app.get(
    "/v1/tables",
    {
      schema: {
        summary: "Tables of the engine's catalog",
        response: { 200: { type: "object", properties: { tables: { type: "array", items: tableSchema } } } },
      },
    },
    async () => ({ tables: registry.tables() }),
  );

  app.get(
    "/v1/health",
    {
      schema: {
        summary: "Liveness, with the number of statements",
        response: {
          200: {
            type: "object",
            properties: { status: { type: "string" }, statements: { type: "integer" } },
          },
        },
      },
    },
    async () => ({ status: "ok", statements: registry.list().length }),
  );
}
