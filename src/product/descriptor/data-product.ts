/**
 * How consumers reach a product: `tables` (the SQL endpoint), `api` (REST lookups and listings),
 * `files` (versioned exports) and `stream` (live changes). ODPS leaves the type free; Headwater
 * serves these four.
 */
export type PortType = "tables" | "api" | "files" | "stream";
export const PORT_TYPES: readonly PortType[] = ["tables", "api", "files", "stream"];

export interface OutputPort {
  readonly name: string;
  readonly type: PortType;
  readonly version?: string;
  /** The id of the contract the port promises (ODCS `id`). */
  readonly contractId: string;
  readonly description?: string;
}

export type ProductStatus = "proposed" | "draft" | "active" | "deprecated" | "retired";
export const PRODUCT_STATUSES: readonly ProductStatus[] = [
  "proposed",
  "draft",
  "active",
  "deprecated",
  "retired",
];

export interface TeamMember {
  readonly username: string;
  readonly role?: string;
  readonly name?: string;
}

/** An ODPS data product, the part Headwater uses (product.yaml). */
export interface DataProduct {
  readonly apiVersion: string;
  /** Addressable id, used in URLs: `customer.analytics.C360`. */
  readonly id: string;
  readonly name: string;
  readonly version?: string;
  readonly status: ProductStatus;
  readonly domain: string;
  readonly purpose: string;
  readonly limitations?: string;
  readonly usage?: string;
  /** The owning team (ODPS `team.name`). */
  readonly owner: string;
  readonly members: readonly TeamMember[];
  readonly tags: readonly string[];
  readonly outputPorts: readonly OutputPort[];
}
