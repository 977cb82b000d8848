import type { YamlReader } from "../yaml/yaml-reader.ts";
import {
  type DataProduct,
  type OutputPort,
  PORT_TYPES,
  PRODUCT_STATUSES,
  type TeamMember,
} from "./data-product.ts";

/** ODPS versions this reader understands (1.0 and 1.1 share every field it reads). */
export const ODPS_VERSIONS = ["v1.0.0", "v1.1.0"] as const;

/** Every top-level field of ODPS 1.1; Headwater reads some of them and accepts the rest. */
const PRODUCT_FIELDS = [
  "apiVersion",
  "kind",
  "id",
  "name",
  "version",
  "status",
  "domain",
  "tenant",
  "type",
  "description",
  "tags",
  "authoritativeDefinitions",
  "customProperties",
  "productCreatedTs",
  "inputPorts",
  "outputPorts",
  "managementPorts",
  "support",
  "team",
  "context",
  "synonyms",
  "deprecated",
];
const DESCRIPTION_FIELDS = [
  "purpose",
  "limitations",
  "usage",
  "authoritativeDefinitions",
  "customProperties",
];
const PORT_FIELDS = [
  "name",
  "version",
  "contractId",
  "type",
  "description",
  "sbom",
  "inputContracts",
  "tags",
  "customProperties",
  "authoritativeDefinitions",
  "deprecated",
];
const TEAM_FIELDS = [
  "id",
  "name",
  "description",
  "members",
  "tags",
  "customProperties",
  "authoritativeDefinitions",
];
const MEMBER_FIELDS = [
  "username",
  "name",
  "description",
  "role",
  "dateIn",
  "dateOut",
  "replacedByUsername",
  "tags",
];

/** Ids appear in URLs (`/products/{id}`), so they keep to characters that need no escaping. */
export const PRODUCT_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Reads an ODPS product.yaml; problems go to the reader, and the result is undefined if any field is unusable. */
export function readDataProduct(reader: YamlReader): DataProduct | undefined {
  // Broken YAML leaves a partial tree: its holes would read as missing fields, so stop at the syntax errors.
  if (reader.diagnostics.length > 0) return undefined;
  const top = reader.object(reader.root, PRODUCT_FIELDS);
  if (!top) return undefined;
  const apiVersion = top.choice("apiVersion", ODPS_VERSIONS, true);
  top.choice("kind", ["DataProduct"], true);
  const name = top.string("name");
  const id = top.string("id", true);
  if (id !== undefined && !PRODUCT_ID.test(id))
    reader.error(top.get("id"), "product/invalid-value", "may hold only letters, digits, '.', '_' and '-'");
  const status = top.choice("status", PRODUCT_STATUSES, true);
  const domain = top.string("domain", true);
  const description = top.object("description", DESCRIPTION_FIELDS, true);
  const purpose = description?.string("purpose", true);
  const team = top.object("team", TEAM_FIELDS, true);
  const owner = team?.string("name", true);
  const members = (team?.list("members") ?? []).flatMap((item): TeamMember[] => {
    const member = reader.object(item, MEMBER_FIELDS);
    const username = member?.string("username", true);
    if (!member || username === undefined) return [];
    return [
      { username, ...optional("role", member.string("role")), ...optional("name", member.string("name")) },
    ];
  });
  const ports = top.list("outputPorts", true);
  if (top.has("outputPorts") && ports.length === 0)
    reader.error(top.get("outputPorts"), "product/invalid-value", "must list at least one port");
  const seen = new Set<string>();
  const outputPorts = ports.flatMap((item): OutputPort[] => {
    const port = reader.object(item, PORT_FIELDS);
    if (!port) return [];
    const portName = port.string("name", true);
    const type = port.choice("type", PORT_TYPES, true);
    const contractId = port.string("contractId", true);
    const version = port.string("version");
    const text = port.string("description");
    if (portName !== undefined && seen.has(portName))
      reader.error(port.get("name"), "product/invalid-value", `a second port named '${portName}'`);
    if (portName !== undefined) seen.add(portName);
    if (portName === undefined || type === undefined || contractId === undefined) return [];
    return [
      {
        name: portName,
        type,
        contractId,
        ...optional("version", version),
        ...optional("description", text),
      },
    ];
  });
  const version = top.string("version");
  const tags = top.stringList("tags");
  const limitations = description?.string("limitations");
  const usage = description?.string("usage");
  if (reader.diagnostics.length > 0) return undefined;
  return {
    apiVersion: apiVersion!,
    id: id!,
    name: name ?? id!,
    ...optional("version", version),
    status: status!,
    domain: domain!,
    purpose: purpose!,
    ...optional("limitations", limitations),
    ...optional("usage", usage),
    owner: owner!,
    members,
    tags,
    outputPorts,
  };
}

/** `{ key: value }` when the value is present, `{}` otherwise: keeps absent fields absent. */
export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
