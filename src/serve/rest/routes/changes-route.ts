import type { FastifyInstance } from "fastify";
import { badParameter, ERROR_RESPONSES, ERROR_SCHEMA_ID, offsetOutOfRange } from "../api-error.ts";
import type { ServedProduct } from "../served-product.ts";
import { ChangeStream } from "../sse/change-stream.ts";
import { recordSchemaId } from "./record-routes.ts";
import { productPath, type RouteContext } from "./route-context.ts";

/**
 * `GET /products/<id>/changes`: the product's changelog as Server-Sent Events, from `?from=OFFSET`
 * (the current end by default, i.e. only new changes) or, when a client reconnects, from after the
 * `Last-Event-ID` it last received. An offset the table no longer retains is refused with 410 (the client
 * must start over from a snapshot), one beyond the end with 400.
 */
export function registerChangesRoute(app: FastifyInstance, product: ServedProduct, ctx: RouteContext): void {
  app.get(
    productPath(product.id, "/changes"),
    {
      schema: {
        tags: [product.id],
        summary: `Live changes of ${product.id} (Server-Sent Events)`,
        description:
          "One event per changelog entry: `id` is its offset, `event` its kind (+I insert, -U old row of an update, " +
          `+U new row, -D delete), \`data\` the record as JSON (schema ${recordSchemaId(product)}). Comment lines are ` +
          "heartbeats. A last `end` event gives the reason when the server closes the stream (shutdown, a client " +
          "too slow to keep up, or retention dropping changes before they were sent) and `resume_from`, the offset " +
          "to reconnect from. For a table kept in the embedded store, offsets are its log's and survive restarts; " +
          "an upsert table's changes are as stored: `+U` is a key's new row (inserted or updated) and `-D` a " +
          "delete, whose record holds the key columns only (the others null).",
        querystring: {
          type: "object",
          properties: {
            from: {
              type: "integer",
              minimum: 0,
              description:
                "The first offset to send: 0 replays the whole changelog. Default: the current end.",
            },
          },
          additionalProperties: false,
        },
        headers: {
          type: "object",
          properties: {
            "last-event-id": {
              type: "string",
              pattern: "^\\d+$",
              description: "The id of the last event received; the stream resumes after it (wins over from).",
            },
          },
        },
        response: {
          200: {
            description: "A text/event-stream of changes.",
            content: { "text/event-stream": { schema: { type: "string" } } },
          },
          400: ERROR_RESPONSES[400],
          410: {
            description:
              "The offset is older than the changelog retains (`offset_out_of_range`): those changes are gone.",
            $ref: `${ERROR_SCHEMA_ID}#`,
          },
        },
      },
    },
    (request, reply) => {
      const { from } = request.query as { from?: number };
      const lastEventId = request.headers["last-event-id"] as string | undefined;
      const changelog = product.table.changelog;
      const end = changelog.endOffset;
      const start = lastEventId !== undefined ? Number(lastEventId) + 1 : (from ?? end);
      const parameter = lastEventId !== undefined ? "Last-Event-ID" : "from";
      if (start > end)
        throw badParameter(parameter, `offset ${start} is beyond the end of the changelog (${end})`);
      if (start < changelog.startOffset)
        throw offsetOutOfRange(
          parameter,
          `offset ${start} is no longer retained: the changelog starts at ${changelog.startOffset}`,
        );
      reply.hijack();
      ctx.metrics.streamOpened(product.id);
      const stream = new ChangeStream(product, reply.raw, start, ctx.streamOptions, (reason, sent) => {
        ctx.streams.delete(stream);
        ctx.metrics.streamClosed(product.id, reason);
        ctx.metrics.rowsServed.inc([product.id, "changes"], sent);
      });
      ctx.streams.add(stream);
      stream.start();
    },
  );
}
