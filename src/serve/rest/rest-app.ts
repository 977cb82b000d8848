import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyInstance, type FastifyReply } from "fastify";
import { ApiError, badParameter, ERROR_SCHEMA, errorBody } from "./api-error.ts";
import { handleError } from "./error-handler.ts";
import { RestMetrics } from "./metrics/rest-metrics.ts";
import { ADMIN_TAG, registerAdminRoutes } from "./routes/admin-routes.ts";
import { CATALOG_TAG, registerCatalogRoutes, registerDescribeRoute } from "./routes/catalog-routes.ts";
import { registerChangesRoute } from "./routes/changes-route.ts";
import { registerEndpointRoutes } from "./routes/endpoint-routes.ts";
import { registerRecordRoutes } from "./routes/record-routes.ts";
import type { RouteContext } from "./routes/route-context.ts";
import { ServedProduct, type ServedProductOptions } from "./served-product.ts";
import { type ChangeStreamOptions, DEFAULT_CHANGE_STREAM_OPTIONS } from "./sse/change-stream.ts";

export interface RestAppOptions {
  readonly products: readonly ServedProductOptions[];
  /** The time stats and metrics are measured with; the wall clock by default. */
  readonly clock?: () => number;
  readonly changeStreams?: Partial<ChangeStreamOptions>;
  /** Fastify's request log (pino) on stderr; off by default. */
  readonly log?: boolean;
}

/**
 * The REST interface of a set of data products as a Fastify app, routes generated from each product's
 * contract and documented in an OpenAPI 3.1 document (`/openapi.json`, browsable at `/docs`).
 * Use `inject` on it in tests; `startRestServer` listens on a socket.
 */
export async function buildRestApp(options: RestAppOptions): Promise<FastifyInstance> {
  const products = options.products.map((p) => new ServedProduct(p));
  const ids = new Set<string>();
  for (const p of products) {
    if (ids.has(p.id)) throw new Error(`product ${p.id} is given twice`);
    ids.add(p.id);
  }
  const clock = options.clock ?? Date.now;
  const app = Fastify({
    logger: options.log ?? false,
    // Parameters the schemas do not list are refused, not silently dropped; "1" becomes 1 for integers.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: "array" } },
    routerOptions: { maxParamLength: 2048 },
    frameworkErrors: (error, _request, reply) => {
      const body = errorBody(badParameter("path", error.message));
      (reply as FastifyReply).status(400).send(body);
    },
  });
  const ctx: RouteContext = {
    metrics: new RestMetrics(products, clock),
    clock,
    startedAt: clock(),
    streams: new Set(),
    streamOptions: { ...DEFAULT_CHANGE_STREAM_OPTIONS, ...options.changeStreams },
  };
  // Responses are encoded by the product's own value encoders; the schemas document them.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) => {
    reply
      .status(404)
      .send(
        errorBody(new ApiError(404, "not_found", `no route ${request.method} ${request.url.split("?")[0]}`)),
      );
  });
  // A callback hook, not an async one: no promise per request on the lookup path.
  app.addHook("onResponse", (request, reply, done) => {
    const route = request.routeOptions.url ?? "unmatched";
    ctx.metrics.requests.inc([request.method, route, String(reply.statusCode)]);
    ctx.metrics.latency.observe([route], reply.elapsedTime / 1000);
    done();
  });
  app.addHook("preClose", async () => {
    for (const stream of [...ctx.streams]) stream.close("shutdown");
  });
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Headwater data products",
        version: "1",
        description:
          "Lookups, listings and live changes of data products, generated from their ODCS contracts. " +
          "Values: DECIMAL as exact strings, BIGINT beyond ±2^53 as strings, DATE as YYYY-MM-DD, " +
          "TIMESTAMP as ISO-8601 local date-times, TIMESTAMP_LTZ as ISO-8601 UTC instants.",
      },
      tags: [
        { name: CATALOG_TAG, description: "Which products are served here" },
        ...products.map((p) => ({ name: p.id, description: p.descriptor.product.purpose })),
        { name: ADMIN_TAG, description: "Health and metrics" },
      ],
    },
    refResolver: {
      buildLocalReference: (json, _base, _fragment, i) =>
        typeof json.$id === "string" ? json.$id : `def-${i}`,
    },
  });
  await app.register(swaggerUi, { routePrefix: "/docs" });
  app.addSchema(ERROR_SCHEMA);
  registerCatalogRoutes(app, products);
  for (const product of products) {
    registerDescribeRoute(app, product, ctx);
    registerRecordRoutes(app, product, ctx);
    registerChangesRoute(app, product, ctx);
    registerEndpointRoutes(app, product, ctx);
  }
  registerAdminRoutes(app, products, ctx);
  app.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());
  await app.ready();
  return app;
}
