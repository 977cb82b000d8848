import type { Row } from "../../common/value.ts";
import type { ProductEndpoint } from "../rest/product-endpoint.ts";
import type { JsonSchema } from "../rest/values/json-schema.ts";
import { jsonSchemaFor } from "../rest/values/json-schema.ts";
import { jsonEncoderFor } from "../rest/values/json-value.ts";
import type { BoundParam, ParamDecls, ParamValues } from "./params.ts";
import type { QuerySpec } from "./query.ts";
import type { Relation } from "./relation.ts";
import { bindQuery, type OutputField } from "./run-query.ts";

/**
 * A product endpoint answered by a query over a relation: its parameters validated (schema first,
 * then each parameter's own reading and the spec's cross-checks, all 400s naming the parameter),
 * the query run over the relation's current rows on every request, and each field encoded and
 * documented by its type exactly as records' fields are.
 */
export function queryEndpoint<R, D extends ParamDecls>(
  spec: QuerySpec<R, D>,
  relation: Relation<R>,
): ProductEndpoint {
  const query = bindQuery(spec, relation, `endpoint ${spec.path}`);
  const params = Object.entries(spec.params ?? {}).map(([name, param]): [string, BoundParam<unknown>] => [
    name,
    param.bind(relation.columns),
  ]);
  const encode = recordEncoder(query.fields);
  return {
    path: spec.path,
    summary: spec.summary,
    description: spec.description,
    querystring: {
      type: "object",
      properties: Object.fromEntries(params.map(([name, p]) => [name, p.schema])),
    },
    response: { type: "array", items: recordSchema(query.fields) },
    handle({ query: raw }) {
      const values = Object.fromEntries(params.map(([name, p]) => [name, p.read(raw[name], name)]));
      const typed = values as ParamValues<D>;
      const problem = spec.validate?.(typed);
      if (problem) throw problem;
      return query.run(typed).map(encode);
    },
  };
}

/** A result row as a JSON object, each field encoded by its type as records' fields are. */
export function recordEncoder(fields: readonly OutputField[]): (row: Row) => Record<string, unknown> {
  const encoders = fields.map((f) => jsonEncoderFor(f.type));
  return (row) => {
    const out: Record<string, unknown> = {};
    for (let i = 0; i < fields.length; i++) out[fields[i]!.name] = encoders[i]!(row[i]!);
    return out;
  };
}

/** The JSON Schema of what `recordEncoder(fields)` writes. */
export function recordSchema(fields: readonly OutputField[]): JsonSchema {
  return {
    type: "object",
    properties: Object.fromEntries(fields.map((f) => [f.name, jsonSchemaFor(f.type)])),
    required: fields.map((f) => f.name),
  };
}
