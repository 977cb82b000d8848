import type { FastifyInstance } from "fastify";
import { ERROR_RESPONSES, notFound } from "../api-error.ts";
import { decodeCursor, encodeCursor } from "../records/cursor.ts";
import { filterPredicate, filterSchemas, parseFilters } from "../records/filters.ts";
import { keyDescription, keyParameterName, parseRecordKey } from "../records/record-key.ts";
import { selectPage } from "../records/select-page.ts";
import { MAX_SORT_KEYS, parseSortOrder } from "../records/sort-order.ts";
import type { ServedProduct } from "../served-product.ts";
import { jsonSchemaFor } from "../values/json-schema.ts";
import { productPath, type RouteContext } from "./route-context.ts";

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

/** The component name of a product's record schema in the OpenAPI document. */
export function recordSchemaId(product: ServedProduct): string {
  return `${product.id}.Record`;
}

/** A product's record as a JSON Schema derived from its contract: names, encodings, descriptions, tags. */
export function recordSchema(product: ServedProduct) {
  return {
    $id: recordSchemaId(product),
    type: "object",
    description: product.descriptor.contract.object.description ?? `A record of ${product.id}.`,
    properties: Object.fromEntries(
      product.columns.map((c) => {
        const schema = jsonSchemaFor(c.type);
        const description = [c.contract.description, schema.description]
          .filter((d) => d !== undefined)
          .join(" ");
        return [
          c.name,
          {
            ...schema,
            ...(description ? { description } : {}),
            ...(c.contract.tags.length > 0 ? { "x-tags": c.contract.tags } : {}),
            ...(c.contract.classification ? { "x-classification": c.contract.classification } : {}),
          },
        ];
      }),
    ),
    required: product.columns.map((c) => c.name),
    additionalProperties: false,
  };
}

/** Lookups by primary key and filtered, sorted, paginated listings of a product's records. */
export function registerRecordRoutes(app: FastifyInstance, product: ServedProduct, ctx: RouteContext): void {
  app.addSchema(recordSchema(product));
  const record = { $ref: `${recordSchemaId(product)}#` };
  if (product.key.length > 0) {
    const parameter = keyParameterName(product);
    app.get(
      productPath(product.id, `/records/:${parameter}`),
      {
        schema: {
          tags: [product.id],
          summary: `One record of ${product.id} by its primary key (${product.key.map((c) => c.name).join(", ")})`,
          params: {
            type: "object",
            properties: { [parameter]: { type: "string", description: keyDescription(product) } },
            required: [parameter],
          },
          response: {
            200: { description: "The record.", ...record },
            400: ERROR_RESPONSES[400],
            404: ERROR_RESPONSES[404],
          },
        },
      },
      async (request) => {
        // The raw segment, not the decoded parameter: an encoded comma (%2C) belongs to a value, a bare one separates values.
        const path = request.url.split("?")[0]!;
        const row = product.table.lookup(parseRecordKey(product, path.slice(path.lastIndexOf("/") + 1)));
        const shown = (request.params as Record<string, string>)[parameter];
        if (!row) throw notFound(`${product.id} has no record with key ${shown}`);
        ctx.metrics.rowsServed.inc([product.id, "lookup"]);
        return product.record(row);
      },
    );
  }
  app.get(
    productPath(product.id, "/records"),
    {
      schema: {
        tags: [product.id],
        summary: `Records of ${product.id}, filtered, sorted and paginated`,
        description:
          "Filters: `<column>=v` (repeat for any of several values), `<column>.ne`, `.gt`, `.gte`, `.lt`, `.lte`, " +
          "`.null=true|false`; values are written as in responses. All filters must hold. Pages follow `next_cursor`.",
        querystring: {
          type: "object",
          properties: {
            limit: {
              type: "integer",
              minimum: 1,
              maximum: MAX_LIMIT,
              default: DEFAULT_LIMIT,
              description: `Records per page (1 to ${MAX_LIMIT}).`,
            },
            cursor: {
              type: "string",
              description: "next_cursor of the previous page; only valid with the same sort.",
            },
            sort: {
              type: "string",
              description:
                `Up to ${MAX_SORT_KEYS} comma-separated columns, '-' before a name for descending; the primary key ` +
                "breaks ties. NULL sorts first ascending, last descending. Default: the primary key.",
            },
            ...filterSchemas(product),
          },
          additionalProperties: false,
        },
        response: {
          200: {
            type: "object",
            properties: {
              items: { type: "array", items: record },
              next_cursor: {
                type: ["string", "null"],
                description: "Pass as cursor for the next page; null on the last.",
              },
              matched: { type: "integer", description: "Records matching the filters, over all pages." },
            },
            required: ["items", "next_cursor", "matched"],
          },
          400: ERROR_RESPONSES[400],
        },
      },
    },
    async (request) => {
      const query = request.query as Record<string, unknown> & {
        limit: number;
        cursor?: string;
        sort?: string;
      };
      const order = parseSortOrder(product, query.sort);
      const after = query.cursor === undefined ? undefined : decodeCursor(order, query.cursor);
      const matches = filterPredicate(parseFilters(product, query));
      const page = selectPage(product.table.rows(), matches, order, after, query.limit);
      ctx.metrics.rowsServed.inc([product.id, "listing"], page.rows.length);
      return {
        items: page.rows.map((row) => product.record(row)),
        next_cursor: page.last ? encodeCursor(order, page.last) : null,
        matched: page.matched,
      };
    },
  );
}
