import type { TableView } from "../../engine/index.ts";
import { t } from "../../sql/types/constructors.ts";
import { derivedRelation, type RecordOf, type Relation, tableRelation } from "../endpoints/index.ts";
import type { Customer } from "./customers.ts";

/**
 * What the view does not hold — which categories customers buy and what the goods cost — read from
 * the pipeline's transaction-grain tables: the counted transactions (int_c360_customer_transactions:
 * completed, with at least one item of a product on sale, of a known customer), their items, and the
 * products on sale.
 */
export const SALES_TABLES = {
  transactions: "int_c360_customer_transactions",
  items: "src_c360_transaction_items",
  products: "src_c360_products",
} as const;

export interface SalesTables {
  readonly transactions: TableView;
  readonly items: TableView;
  readonly products: TableView;
}

const TRANSACTION_SHAPE = { transaction_id: "string", customer_id: "string" } as const;
const ITEM_SHAPE = {
  item_id: "string",
  transaction_id: "string",
  product_id: "string",
  quantity: "integer",
  line_total: "decimal",
} as const;
const PRODUCT_SHAPE = { product_id: "string", category: "string", cost: "decimal" } as const;

/** Money columns are cents (DECIMAL(p, 2)) so line totals and costs add up without rescaling. */
const MONEY_SCALE = 2;
const MONEY = t.decimal(38, MONEY_SCALE, false);

type Item = RecordOf<typeof ITEM_SHAPE>;
type Product = RecordOf<typeof PRODUCT_SHAPE>;

/** An item of a counted transaction, with its product and the buying customer. */
interface SoldItem {
  readonly customerId: string;
  readonly transactionId: string;
  readonly item: Item;
  readonly product: Product;
}

function requireCents(table: TableView, column: string): void {
  const type = table.columns.find((c) => c.name === column)?.type;
  if (type?.kind !== "DECIMAL" || type.scale !== MONEY_SCALE)
    throw new Error(
      `${table.schema.path.join(".")}.${column} must be a DECIMAL with ${MONEY_SCALE} fraction digits`,
    );
}

/** items ⋈ counted transactions ⋈ products on sale (inner joins), read afresh on every call. */
function soldItems(tables: SalesTables): () => SoldItem[] {
  const transactions = tableRelation(tables.transactions, TRANSACTION_SHAPE);
  const items = tableRelation(tables.items, ITEM_SHAPE);
  const products = tableRelation(tables.products, PRODUCT_SHAPE);
  requireCents(tables.items, "line_total");
  requireCents(tables.products, "cost");
  return () => {
    const buyers = new Map(transactions.rows().map((tx) => [tx.transaction_id, tx.customer_id]));
    const onSale = new Map(products.rows().map((p) => [p.product_id, p]));
    const sold: SoldItem[] = [];
    for (const item of items.rows()) {
      const customerId = buyers.get(item.transaction_id);
      const product = onSale.get(item.product_id);
      if (customerId && product)
        sold.push({ customerId, transactionId: item.transaction_id!, item, product });
    }
    return sold;
  };
}

/** One customer's purchases in one category: orders containing it, units and revenue of its items. */
export interface CategoryPurchase {
  readonly category: string | null;
  readonly customer_id: string;
  readonly orders: number;
  readonly units: number;
  readonly revenue: bigint;
}

/** Sold items grouped by (category, customer). */
export function categoryPurchases(tables: SalesTables): Relation<CategoryPurchase> {
  const sold = soldItems(tables);
  const columns = {
    category: t.string(),
    customer_id: t.string(false),
    orders: t.bigint(false),
    units: t.bigint(false),
    revenue: MONEY,
  };
  return derivedRelation<CategoryPurchase>("category_purchases", columns, ["category", "customer_id"], () => {
    type Open = Omit<CategoryPurchase, "orders"> & { units: number; revenue: bigint; orders: Set<string> };
    const groups = new Map<string, Open>();
    for (const { customerId, transactionId, item, product } of sold()) {
      const id = `${product.category ?? "\u0001"}\u0000${customerId}`;
      let group = groups.get(id);
      if (!group) {
        group = {
          category: product.category,
          customer_id: customerId,
          orders: new Set(),
          units: 0,
          revenue: 0n,
        };
        groups.set(id, group);
      }
      group.orders.add(transactionId);
      group.units += item.quantity ?? 0;
      group.revenue += item.line_total ?? 0n;
    }
    return [...groups.values()].map(({ orders, ...rest }) => ({ ...rest, orders: orders.size }));
  });
}

/** A customer of the view with the margin on the items they bought. */
export interface CustomerMargin {
  readonly customer_id: string;
  readonly loyalty_tier: string | null;
  readonly total_spent: bigint | null;
  /** Σ line_total of their items of products on sale. */
  readonly item_revenue: bigint;
  /** Σ quantity × cost of those items. */
  readonly cost_of_goods: bigint;
  readonly gross_profit: bigint;
}

/** Every customer of the view (a LEFT JOIN: without purchases, a zero margin) with their items' margin. */
export function customerMargins(
  tables: SalesTables,
  customers: Relation<Customer>,
): Relation<CustomerMargin> {
  const sold = soldItems(tables);
  const columns = {
    customer_id: t.string(false),
    loyalty_tier: customers.columns.get("loyalty_tier")!,
    total_spent: customers.columns.get("total_spent")!,
    item_revenue: MONEY,
    cost_of_goods: MONEY,
    gross_profit: MONEY,
  };
  return derivedRelation<CustomerMargin>("customer_margins", columns, ["customer_id"], () => {
    const margins = new Map<string, { revenue: bigint; cost: bigint }>();
    for (const { customerId, item, product } of sold()) {
      const margin = margins.get(customerId) ?? { revenue: 0n, cost: 0n };
      margin.revenue += item.line_total ?? 0n;
      margin.cost += BigInt(item.quantity ?? 0) * (product.cost ?? 0n);
      margins.set(customerId, margin);
    }
    return customers.rows().map((c) => {
      const { revenue, cost } = margins.get(c.customer_id!) ?? { revenue: 0n, cost: 0n };
      return {
        customer_id: c.customer_id!,
        loyalty_tier: c.loyalty_tier,
        total_spent: c.total_spent,
        item_revenue: revenue,
        cost_of_goods: cost,
        gross_profit: revenue - cost,
      };
    });
  });
}
