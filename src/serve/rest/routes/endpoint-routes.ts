import type { FastifyInstance } from "fastify";
import { ERROR_RESPONSES } from "../api-error.ts";
import {
  ENDPOINT_PATH,
  type ProductEndpoint,
  RESERVED_ENDPOINT_PATHS,
  type ServerStatus,
} from "../product-endpoint.ts";
import type { ServedProduct } from "../served-product.ts";
import { productPath, type RouteContext } from "./route-context.ts";

/** Mounts the endpoints a product adds at `GET /products/<id>/<path>`. */
export function registerEndpointRoutes(
  app: FastifyInstance,
  product: ServedProduct,
  ctx: RouteContext,
): void {
  const server: ServerStatus = {
    startedAt: ctx.startedAt,
    now: ctx.clock,
    requests: () => ctx.metrics.requestTotals(),
  };
  for (const endpoint of product.endpoints) {
    checkPath(product, endpoint);
    app.get(
      productPath(product.id, `/${endpoint.path}`),
      {
        schema: {
          tags: [product.id],
          summary: endpoint.summary,
          ...(endpoint.description ? { description: endpoint.description } : {}),
          querystring: {
            type: "object",
            properties: {},
            ...endpoint.querystring,
            additionalProperties: false,
          },
          response: { 200: endpoint.response, 400: ERROR_RESPONSES[400] },
        },
      },
      async (request) => {
        const result = await endpoint.handle({
          product,
          query: request.query as Record<string, unknown>,
          server,
        });
        ctx.metrics.rowsServed.inc([product.id, "endpoint"], Array.isArray(result) ? result.length : 1);
        return result;
      },
    );
  }
}

function checkPath(product: ServedProduct, endpoint: ProductEndpoint): void {
  const first = endpoint.path.split("/")[0]!;
  if (!ENDPOINT_PATH.test(endpoint.path) || RESERVED_ENDPOINT_PATHS.includes(first))
    throw new Error(
      `endpoint '${endpoint.path}' of ${product.id}: a path is letters, digits, '-', '_' and '/', and cannot start with ${RESERVED_ENDPOINT_PATHS.join(" or ")}`,
    );
}
