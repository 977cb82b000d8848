import type { FastifyInstance } from "fastify";
import { ERROR_RESPONSES, notFound } from "../api-error.ts";
import { productStats, STATS_SCHEMA } from "../product-stats.ts";
import type { ServedProduct } from "../served-product.ts";
import {
  PRODUCT_DESCRIPTION_SCHEMA,
  PRODUCT_SUMMARY_SCHEMA,
  productDescription,
  productSummary,
} from "./describe-product.ts";
import { productPath, type RouteContext } from "./route-context.ts";

export const CATALOG_TAG = "catalog";

/** The catalog (`GET /products`), and an answer for product ids the server does not know. */
export function registerCatalogRoutes(app: FastifyInstance, products: readonly ServedProduct[]): void {
  app.addSchema(PRODUCT_SUMMARY_SCHEMA);
  app.addSchema(PRODUCT_DESCRIPTION_SCHEMA);
  app.get(
    "/products",
    {
      schema: {
        tags: [CATALOG_TAG],
        summary: "The data products served here: ids, descriptions and ports",
        response: {
          200: {
            type: "object",
            properties: { products: { type: "array", items: { $ref: "ProductSummary#" } } },
            required: ["products"],
          },
        },
      },
    },
    async () => ({ products: products.map(productSummary) }),
  );
  const unknown = async (request: { params: unknown; url: string }) => {
    const { id } = request.params as { id: string };
    const served = products.find((p) => p.id === id);
    if (served && served.key.length === 0 && request.url.includes("/records/"))
      throw notFound(
        `${id} has no primary key, so its records cannot be looked up: list them with ${productPath(id, "/records")}`,
      );
    if (served) throw notFound(`no route GET ${request.url.split("?")[0]}`);
    const known = products.map((p) => p.id).join(", ");
    throw notFound(`no product '${id}' is served here${known ? ` (served: ${known})` : ""}`);
  };
  app.get("/products/:id", { schema: { hide: true } }, unknown);
  app.get("/products/:id/*", { schema: { hide: true } }, unknown);
}

/** `GET /products/<id>`: the descriptor, the contract as served, and live stats. */
export function registerDescribeRoute(app: FastifyInstance, product: ServedProduct, ctx: RouteContext): void {
  app.get(
    productPath(product.id),
    {
      schema: {
        tags: [product.id],
        summary: `${product.descriptor.product.name}: descriptor, contract and live stats`,
        description: product.descriptor.product.purpose,
        response: {
          200: {
            type: "object",
            allOf: [
              { $ref: "ProductDescription#" },
              { type: "object", properties: { stats: STATS_SCHEMA }, required: ["stats"] },
            ],
          },
          404: ERROR_RESPONSES[404],
        },
      },
    },
    async () => ({ ...productDescription(product), stats: productStats(product, ctx.clock()) }),
  );
}
