import type { FastifyInstance } from "fastify";
import type { ControlStatementRequest } from "../../pipelines/index.ts";
import {
  createStatementBody,
  errorSchema,
  nameParams,
  statementSchema,
  tableSchema,
} from "./control-schemas.ts";
import type { StatementRegistry } from "./statement-registry.ts";

const errors = { 400: errorSchema, 404: errorSchema, 409: errorSchema };

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

  app.post<{ Params: { name: string } }>(
    "/v1/statements/:name/stop",
    {
      schema: {
        summary: "Stop a statement's jobs; it stays listed as STOPPED",
        params: nameParams,
        response: { 200: statementSchema, ...errors },
      },
    },
    async (request) => {
      const statement = registry.stop(request.params.name);
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
