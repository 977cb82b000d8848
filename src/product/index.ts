/**
 * Data products: ODPS product descriptors and the ODCS contracts their ports promise, read from
 * `products/<id>/{product,contract}.yaml`, validated with every problem positioned, and checked
 * against the tables they describe.
 */
export { checkContractSchema } from "./check/check-contract-schema.ts";
export {
  type ContractColumn,
  type ContractObject,
  contractPrimaryKey,
  type DataContract,
  freshnessSlo,
  type LogicalType,
  type QualityRule,
  type QualityThreshold,
  type SlaProperty,
} from "./descriptor/data-contract.ts";
export type {
  DataProduct,
  OutputPort,
  PortType,
  ProductStatus,
  TeamMember,
} from "./descriptor/data-product.ts";
export {
  CONTRACT_FILE,
  checkProductTable,
  type LoadResult,
  loadProduct,
  loadProducts,
  loadProjectProducts,
  PRODUCT_FILE,
  PRODUCTS_DIR,
  type ProductDescriptor,
  type ProductProblem,
  renderProductProblems,
} from "./load/load-product.ts";
