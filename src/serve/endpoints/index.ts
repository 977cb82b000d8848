/**
 * Product endpoints defined as queries: a relation (a product's table read as typed records, or
 * records derived from several tables), and a SELECT … WHERE … GROUP BY … ORDER BY … LIMIT written as
 * data, from which the handler, the parameters' validation and the OpenAPI schemas all follow.
 */
export { type Amount, divideRounded, roundDouble } from "./exact.ts";
export {
  avg,
  count,
  countDistinct,
  countOf,
  countWhere,
  type Measure,
  max,
  min,
  percentWhere,
  ratio,
  sum,
  total,
} from "./measures.ts";
export {
  choicesParam,
  decimalParam,
  integerParam,
  type Param,
  type ParamDecls,
  type ParamValues,
} from "./params.ts";
export {
  asc,
  column,
  computed,
  desc,
  inSequence,
  type NoParams,
  type Order,
  type Output,
  type Query,
  type QuerySpec,
} from "./query.ts";
export { queryEndpoint, recordEncoder, recordSchema } from "./query-endpoint.ts";
export {
  derivedRelation,
  type RecordOf,
  type Relation,
  type Shape,
  tableRelation,
  type ValueKind,
} from "./relation.ts";
export { type BoundQuery, bindQuery, type OutputField } from "./run-query.ts";
