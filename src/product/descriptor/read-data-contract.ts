import { isMap, isScalar } from "yaml";
import type { YamlField, YamlReader } from "../yaml/yaml-reader.ts";
import {
  type ContractColumn,
  type ContractObject,
  type DataContract,
  LOGICAL_TYPES,
} from "./data-contract.ts";
import { PRODUCT_STATUSES } from "./data-product.ts";
import { optional } from "./read-data-product.ts";
import { readQualityRule } from "./read-quality-rule.ts";
import { readSlaProperty } from "./read-sla.ts";

/** ODCS versions this reader understands; 3.1 is the current approved one. */
export const ODCS_VERSIONS = ["v3.0.0", "v3.0.1", "v3.0.2", "v3.1.0"] as const;

const CONTRACT_FIELDS = [
  "apiVersion",
  "kind",
  "id",
  "name",
  "version",
  "status",
  "tenant",
  "domain",
  "dataProduct",
  "description",
  "tags",
  "authoritativeDefinitions",
  "customProperties",
  "contractCreatedTs",
  "servers",
  "schema",
  "support",
  "price",
  "team",
  "roles",
  "slaProperties",
  "slaDefaultElement",
];
const DESCRIPTION_FIELDS = [
  "purpose",
  "limitations",
  "usage",
  "authoritativeDefinitions",
  "customProperties",
];
const OBJECT_FIELDS = [
  "id",
  "name",
  "physicalName",
  "physicalType",
  "logicalType",
  "businessName",
  "description",
  "dataGranularityDescription",
  "tags",
  "quality",
  "authoritativeDefinitions",
  "customProperties",
  "relationships",
  "properties",
];
const PROPERTY_FIELDS = [
  "id",
  "name",
  "physicalName",
  "logicalType",
  "logicalTypeOptions",
  "physicalType",
  "description",
  "businessName",
  "required",
  "unique",
  "primaryKey",
  "primaryKeyPosition",
  "partitioned",
  "partitionKeyPosition",
  "classification",
  "criticalDataElement",
  "encryptedName",
  "transformSourceObjects",
  "transformLogic",
  "transformDescription",
  "examples",
  "items",
  "properties",
  "tags",
  "quality",
  "authoritativeDefinitions",
  "customProperties",
];

/** Reads an ODCS contract.yaml; problems go to the reader, and the result is undefined if any field is unusable. */
export function readDataContract(reader: YamlReader): DataContract | undefined {
  // Broken YAML leaves a partial tree: its holes would read as missing fields, so stop at the syntax errors.
  if (reader.diagnostics.length > 0) return undefined;
  const top = reader.object(reader.root, CONTRACT_FIELDS);
  if (!top) return undefined;
  const apiVersion = top.choice("apiVersion", ODCS_VERSIONS, true);
  top.choice("kind", ["DataContract"], true);
  const id = top.string("id", true);
  const name = top.string("name");
  const version = top.string("version", true);
  const status = top.choice("status", PRODUCT_STATUSES, true);
  const domain = top.string("domain");
  const purpose = top.object("description", DESCRIPTION_FIELDS)?.string("purpose");
  const objects = top.list("schema", true);
  if (objects.length > 1)
    reader.error(
      objects[1]!,
      "product/invalid-value",
      "Headwater serves one table per contract: give one schema object",
    );
  const object = objects[0] ? readObject(reader, objects[0]) : undefined;
  if (top.has("schema") && objects.length === 0)
    reader.error(top.get("schema"), "product/invalid-value", "must describe the table (one schema object)");
  const sla = top.list("slaProperties").flatMap((item) => readSlaProperty(reader, item, object) ?? []);
  if (reader.diagnostics.length > 0 || !object) return undefined;
  return {
    apiVersion: apiVersion!,
    id: id!,
    ...optional("name", name),
    version: version!,
    status: status!,
    ...optional("domain", domain),
    ...optional("purpose", purpose),
    object,
    sla,
  };
}

function readObject(reader: YamlReader, item: YamlField): ContractObject | undefined {
  const object = reader.object(item, OBJECT_FIELDS);
  if (!object) return undefined;
  const name = object.string("name", true);
  const physicalName = object.string("physicalName");
  object.choice("physicalType", ["table", "view", "topic"]);
  const description = object.string("description");
  const quality = object.list("quality").flatMap((q) => readQualityRule(reader, q, "object") ?? []);
  const properties = object.list("properties", true);
  const columns = properties.flatMap((p) => readColumn(reader, p) ?? []);
  checkUniqueNames(reader, properties);
  checkKeyPositions(reader, object.get("properties"), columns);
  if (name === undefined) return undefined;
  const tableField = object.has("physicalName") ? object.get("physicalName") : object.get("name");
  return {
    name,
    table: physicalName ?? name,
    ...optional("description", description),
    columns,
    quality,
    span: object.span(),
    tableSpan: reader.span(tableField.node!),
  };
}

function readColumn(reader: YamlReader, item: YamlField): ContractColumn | undefined {
  const property = reader.object(item, PROPERTY_FIELDS);
  if (!property) return undefined;
  const before = reader.diagnostics.length;
  const name = property.string("name", true);
  const physicalName = property.string("physicalName");
  const logicalType = property.choice("logicalType", LOGICAL_TYPES, true);
  const physicalType = property.string("physicalType");
  const description = property.string("description");
  const required = property.boolean("required") ?? false;
  const unique = property.boolean("unique") ?? false;
  const primaryKey = property.boolean("primaryKey") ?? false;
  const position = property.number("primaryKeyPosition");
  if (position !== undefined && (!Number.isInteger(position) || position < 1))
    reader.error(
      property.get("primaryKeyPosition"),
      "product/invalid-value",
      "must be a positive whole number",
    );
  if (position !== undefined && !primaryKey)
    reader.error(
      property.get("primaryKeyPosition"),
      "product/invalid-value",
      "is set but primaryKey is not true",
    );
  const classification = property.string("classification");
  const tags = property.stringList("tags");
  const quality = property.list("quality").flatMap((q) => readQualityRule(reader, q, "column") ?? []);
  if (name === undefined || logicalType === undefined || reader.diagnostics.length > before) return undefined;
  const nameNode = property.get("name").node!;
  return {
    name,
    column: physicalName ?? name,
    logicalType,
    ...optional("physicalType", physicalType),
    ...optional("description", description),
    required,
    unique,
    // A key column without a position takes its place in the order the properties are listed.
    ...optional("primaryKeyPosition", primaryKey ? (position ?? Number.MAX_SAFE_INTEGER) : undefined),
    ...optional("classification", classification),
    tags,
    quality,
    span: reader.span(nameNode),
    ...optional(
      "physicalTypeSpan",
      physicalType === undefined ? undefined : reader.span(property.get("physicalType").node!),
    ),
  };
}

/** Two properties with one name would make the second unreachable; checked even where other fields are wrong. */
function checkUniqueNames(reader: YamlReader, properties: readonly YamlField[]): void {
  const seen = new Set<string>();
  for (const item of properties) {
    const name = isMap(item.node) ? item.node.get("name", true) : undefined;
    if (!isScalar(name) || typeof name.value !== "string") continue;
    if (seen.has(name.value))
      reader.error(
        { ...item, node: name, path: `${item.path}.name` },
        "product/invalid-value",
        `'${name.value}' is described twice`,
      );
    seen.add(name.value);
  }
}

/** When key columns give positions, every one of them does, numbered 1, 2, … without gaps or repeats. */
function checkKeyPositions(reader: YamlReader, field: YamlField, columns: readonly ContractColumn[]): void {
  const keys = columns.filter((c) => c.primaryKeyPosition !== undefined);
  const positions = keys.map((c) => c.primaryKeyPosition!).filter((p) => p !== Number.MAX_SAFE_INTEGER);
  if (positions.length === 0) return;
  const sorted = [...positions].sort((a, b) => a - b);
  if (positions.length !== keys.length || sorted.some((p, i) => p !== i + 1))
    reader.error(
      field,
      "product/invalid-value",
      "primaryKeyPosition must number every key column 1, 2, … once each",
    );
}
