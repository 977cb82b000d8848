/**
 * The 14 retail data sets behind `customer.analytics.C360`: column names and order exactly as in the
 * seed's mock CSVs, with the Flink SQL types that fit their values.
 */

/** How a value of the column is represented and rendered (see common/value.ts). */
export type ColumnKind = "string" | "int" | "decimal" | "boolean" | "date" | "timestamp";

export interface RetailColumn {
  readonly name: string;
  /** Flink SQL type text, e.g. `DECIMAL(10,2)`. */
  readonly type: string;
  readonly kind: ColumnKind;
  /** Digits after the point for DECIMAL columns, else 0. */
  readonly scale: number;
  readonly nullable: boolean;
}

export type RetailDomain = "customer" | "sales" | "products" | "logistics";

export type RetailDataSetName =
  | "customers"
  | "loyalty_program"
  | "support_tickets"
  | "app_usage"
  | "transactions"
  | "transaction_items"
  | "regional_sales"
  | "products"
  | "inventory"
  | "suppliers"
  | "product_suppliers"
  | "shipments"
  | "tracking_events"
  | "warehouse_locations";

export interface RetailSchema {
  readonly name: RetailDataSetName;
  /** The seed's folder for the data set; writers use it as the sub-directory. */
  readonly domain: RetailDomain;
  readonly columns: readonly RetailColumn[];
  readonly primaryKey: readonly string[];
  /**
   * The TIMESTAMP(3) column that dates a record, for a watermark; null when the data set has none.
   * A stream event's timestamp equals it except for late updates, which carry their own later time.
   */
  readonly eventTime: string | null;
}

function column(spec: string): RetailColumn {
  // "name TYPE" or "name TYPE NOT NULL"
  const [name, type, ...rest] = spec.split(" ");
  const nullable = rest.join(" ") !== "NOT NULL";
  const decimal = /^DECIMAL\((\d+),(\d+)\)$/.exec(type!);
  const kind: ColumnKind = decimal
    ? "decimal"
    : type === "INT"
      ? "int"
      : type === "BOOLEAN"
        ? "boolean"
        : type === "DATE"
          ? "date"
          : type!.startsWith("TIMESTAMP")
            ? "timestamp"
            : "string";
  return { name: name!, type: type!, kind, scale: decimal ? Number(decimal[2]) : 0, nullable };
}

function schema(
  name: RetailDataSetName,
  domain: RetailDomain,
  primaryKey: readonly string[],
  eventTime: string | null,
  columns: readonly string[],
): RetailSchema {
  return { name, domain, primaryKey, eventTime, columns: columns.map(column) };
}

// Keys, foreign keys, event times and amounts are NOT NULL: referential integrity and sums rely on them.
export const RETAIL_SCHEMAS: readonly RetailSchema[] = [
  schema("customers", "customer", ["customer_id"], "registration_date", [
    "customer_id STRING NOT NULL",
    "first_name STRING",
    "last_name STRING",
    "email STRING",
    "phone STRING",
    "date_of_birth DATE",
    "gender STRING",
    "registration_date TIMESTAMP(3) NOT NULL",
    "customer_segment STRING",
    "preferred_channel STRING",
    "address_line1 STRING",
    "city STRING",
    "state STRING",
    "zip_code STRING",
    "country STRING",
  ]),
  schema("loyalty_program", "customer", ["customer_id"], null, [
    "customer_id STRING NOT NULL",
    "loyalty_tier STRING",
    "points_balance INT",
    "points_earned_ytd INT",
    "points_redeemed_ytd INT",
    "tier_start_date DATE",
    "lifetime_value DECIMAL(10,2) NOT NULL",
  ]),
  schema("support_tickets", "customer", ["ticket_id"], "created_date", [
    "ticket_id STRING NOT NULL",
    "customer_id STRING NOT NULL",
    "created_date TIMESTAMP(3) NOT NULL",
    "resolved_date TIMESTAMP(3)",
    "category STRING",
    "priority STRING",
    "status STRING",
    "channel STRING",
    "satisfaction_score INT",
  ]),
  schema("app_usage", "customer", ["usage_id"], "session_start", [
    "usage_id STRING NOT NULL",
    "customer_id STRING NOT NULL",
    "session_date DATE",
    "session_start TIMESTAMP(3) NOT NULL",
    "session_duration_minutes INT",
    "pages_viewed INT",
    "actions_taken INT",
    "device_type STRING",
    "app_version STRING",
  ]),
  schema("transactions", "sales", ["transaction_id"], "transaction_date", [
    "transaction_id STRING NOT NULL",
    "customer_id STRING NOT NULL",
    "transaction_date TIMESTAMP(3) NOT NULL",
    "channel STRING",
    "store_id STRING",
    "payment_method STRING",
    "subtotal DECIMAL(10,2) NOT NULL",
    "tax_amount DECIMAL(10,2) NOT NULL",
    "discount_amount DECIMAL(10,2) NOT NULL",
    "total_amount DECIMAL(10,2) NOT NULL",
    "currency STRING",
    "status STRING",
  ]),
  schema("transaction_items", "sales", ["item_id"], null, [
    "item_id STRING NOT NULL",
    "transaction_id STRING NOT NULL",
    "product_id STRING NOT NULL",
    "quantity INT NOT NULL",
    "unit_price DECIMAL(10,2) NOT NULL",
    "line_total DECIMAL(10,2) NOT NULL",
    "discount_applied DECIMAL(10,2) NOT NULL",
  ]),
  schema("regional_sales", "sales", ["region_id", "sales_date"], null, [
    "region_id STRING NOT NULL",
    "region_name STRING",
    "country STRING",
    "sales_date DATE NOT NULL",
    "total_revenue DECIMAL(12,2) NOT NULL",
    "total_transactions INT NOT NULL",
    "average_order_value DECIMAL(10,2) NOT NULL",
  ]),
  schema("products", "products", ["product_id"], null, [
    "product_id STRING NOT NULL",
    "product_name STRING",
    "category STRING",
    "subcategory STRING",
    "brand STRING",
    "price DECIMAL(10,2) NOT NULL",
    "cost DECIMAL(10,2) NOT NULL",
    "weight_kg DECIMAL(8,3)",
    "dimensions STRING",
    "color STRING",
    "size STRING",
    "created_date DATE NOT NULL",
    "status STRING",
  ]),
  schema("inventory", "products", ["inventory_id"], "last_updated", [
    "inventory_id STRING NOT NULL",
    "product_id STRING NOT NULL",
    "location_id STRING NOT NULL",
    "stock_quantity INT NOT NULL",
    "reserved_quantity INT NOT NULL",
    "reorder_point INT",
    "max_stock_level INT",
    "last_updated TIMESTAMP(3) NOT NULL",
  ]),
  schema("suppliers", "products", ["supplier_id"], null, [
    "supplier_id STRING NOT NULL",
    "supplier_name STRING",
    "contact_person STRING",
    "email STRING",
    "phone STRING",
    "address STRING",
    "country STRING",
    "payment_terms STRING",
    "quality_rating DECIMAL(2,1)",
  ]),
  schema("product_suppliers", "products", ["product_id", "supplier_id"], null, [
    "product_id STRING NOT NULL",
    "supplier_id STRING NOT NULL",
    "is_primary BOOLEAN NOT NULL",
    "cost_price DECIMAL(10,2) NOT NULL",
    "lead_time_days INT",
  ]),
  schema("shipments", "logistics", ["shipment_id"], null, [
    "shipment_id STRING NOT NULL",
    "transaction_id STRING NOT NULL",
    "tracking_number STRING",
    "carrier STRING",
    "service_level STRING",
    "origin_location STRING NOT NULL",
    "destination_address STRING",
    "weight_kg DECIMAL(6,1)",
    "dimensions STRING",
    "ship_date DATE NOT NULL",
    "estimated_delivery DATE",
    "actual_delivery DATE",
    "delivery_status STRING",
    "shipping_cost DECIMAL(10,2) NOT NULL",
  ]),
  schema("tracking_events", "logistics", ["event_id"], "event_timestamp", [
    "event_id STRING NOT NULL",
    "shipment_id STRING NOT NULL",
    "event_timestamp TIMESTAMP(3) NOT NULL",
    "event_type STRING",
    "location STRING",
    "description STRING",
    "carrier_status STRING",
  ]),
  schema("warehouse_locations", "logistics", ["location_id"], null, [
    "location_id STRING NOT NULL",
    "location_name STRING",
    "location_type STRING",
    "address STRING",
    "city STRING",
    "state STRING",
    "country STRING",
    "capacity_cubic_meters INT",
    "manager_name STRING",
  ]),
];

export const RETAIL_DATA_SET_NAMES: readonly RetailDataSetName[] = RETAIL_SCHEMAS.map((s) => s.name);

const BY_NAME = new Map(RETAIL_SCHEMAS.map((s) => [s.name, s]));

export function retailSchema(name: RetailDataSetName): RetailSchema {
  return BY_NAME.get(name)!;
}

/** Position of each column by name, for readable row construction and tests. */
export function columnIndex(name: RetailDataSetName): Readonly<Record<string, number>> {
  return Object.fromEntries(retailSchema(name).columns.map((c, i) => [c.name, i]));
}

/** `CREATE TABLE` text in Flink SQL, for pipelines and docs. */
export function retailTableSql(name: RetailDataSetName, tableName: string = name): string {
  const s = retailSchema(name);
  const lines = s.columns.map((c) => `  \`${c.name}\` ${c.type}${c.nullable ? "" : " NOT NULL"}`);
  if (s.eventTime)
    lines.push(`  WATERMARK FOR \`${s.eventTime}\` AS \`${s.eventTime}\` - INTERVAL '5' SECOND`);
  lines.push(`  PRIMARY KEY (${s.primaryKey.map((k) => `\`${k}\``).join(", ")}) NOT ENFORCED`);
  return `CREATE TABLE \`${tableName}\` (\n${lines.join(",\n")}\n)`;
}
