import type { FastifyInstance } from "fastify";
import type { ServedProduct } from "../served-product.ts";
import type { RouteContext } from "./route-context.ts";

export const ADMIN_TAG = "admin";

/** `GET /health` and `GET /metrics` (Prometheus text). */
export function registerAdminRoutes(
  app: FastifyInstance,
  products: readonly ServedProduct[],
  ctx: RouteContext,
): void {
  app.get(
    "/health",
    {
      schema: {
        tags: [ADMIN_TAG],
        summary: "Whether the server is up, and what it serves",
        response: {
          200: {
            type: "object",
            properties: {
              status: { type: "string", enum: ["ok"] },
              uptime_seconds: { type: "number" },
              products: { type: "array", items: { type: "string" } },
            },
            required: ["status", "uptime_seconds", "products"],
          },
        },
      },
    },
    async () => ({
      status: "ok",
      uptime_seconds: (ctx.clock() - ctx.startedAt) / 1000,
      products: products.map((p) => p.id),
    }),
  );
  app.get(
    "/metrics",
    {
      schema: {
        tags: [ADMIN_TAG],
        summary:
          "Requests, latencies, rows served, live streams and product tables, in Prometheus text format",
        response: {
          200: {
            description: "Prometheus text exposition format 0.0.4.",
            content: { "text/plain": { schema: { type: "string" } } },
          },
        },
      },
    },
    async (_request, reply) => {
      reply.type("text/plain; version=0.0.4; charset=utf-8");
      return ctx.metrics.registry.render();
    },
  );
}
