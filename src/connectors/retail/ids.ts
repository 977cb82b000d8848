/** Identifiers in the seed's style: a prefix and a number padded to at least three digits (CUST001). */
export function retailId(prefix: string, number: number): string {
  return number < 10 ? `${prefix}00${number}` : number < 100 ? `${prefix}0${number}` : `${prefix}${number}`;
}

export const CUSTOMER_PREFIX = "CUST";
export const TRANSACTION_PREFIX = "TXN";
export const ITEM_PREFIX = "ITM";
export const TICKET_PREFIX = "TKT";
export const USAGE_PREFIX = "USG";
export const PRODUCT_PREFIX = "PRD";
export const SUPPLIER_PREFIX = "SUP";
export const INVENTORY_PREFIX = "INV";
export const SHIPMENT_PREFIX = "SHP";
export const TRACKING_PREFIX = "EVT";
export const WAREHOUSE_PREFIX = "WH";
export const STORE_PREFIX = "ST";
