/**
 * Reference data that stays in memory (it grows with the square root of the population): products,
 * suppliers and their links, warehouses and stores. Every entity is a function of (seed, index).
 */
import type { Row } from "../../common/value.ts";
import {
  PAYMENT_TERM_WEIGHTS,
  PRODUCT_TEMPLATES,
  PRODUCT_VARIANTS,
  SUPPLIER_RATING_TENTHS,
  SUPPLIER_TEMPLATES,
} from "./catalog-templates.ts";
import {
  INVENTORY_PREFIX,
  PRODUCT_PREFIX,
  retailId,
  STORE_PREFIX,
  SUPPLIER_PREFIX,
  WAREHOUSE_PREFIX,
} from "./ids.ts";
import { FEMALE_FIRST_NAMES, LAST_NAMES, MALE_FIRST_NAMES } from "./people.ts";
import {
  CAPACITY_RANGES,
  CAPACITY_STEP,
  CITIES,
  CUSTOMER_CITY_WEIGHTS,
  INDUSTRIAL_STREETS,
  RETAIL_STREETS,
  STORE_NAME_PATTERNS,
  WAREHOUSE_NAME_SUFFIXES,
} from "./places.ts";
import type { RetailPlan } from "./plan.ts";
import { AliasTable, cumulative, Rng } from "./random.ts";
import { STREAM } from "./streams.ts";
import { dayOf, MS_PER_DAY } from "./time.ts";
import {
  COUNTRY,
  PAYMENT_TERMS,
  PRODUCT_STATUS_ACTIVE,
  PRODUCT_STATUS_SEASONAL,
  SEASONAL_SHARE,
} from "./vocabulary.ts";

export interface Product {
  readonly id: string;
  readonly priceCents: number;
  readonly weightGrams: number;
  /** Millis; the product is announced (and sellable) from then on. */
  readonly createdAt: number;
  readonly row: Row;
  /** Its product_suppliers rows, announced with it. */
  readonly suppliers: readonly Row[];
}

export interface Location {
  readonly id: string;
  readonly type: "distribution_center" | "warehouse" | "store";
  readonly city: number;
  readonly row: Row;
}

export interface Catalog {
  readonly products: readonly Product[];
  /** Products in announcement order. */
  readonly productsByCreation: readonly Product[];
  /** Power-law popularity: a few products sell most. */
  readonly popularity: AliasTable;
  readonly suppliers: readonly Row[];
  readonly warehouses: readonly Location[];
  readonly stores: readonly Location[];
  /** Stores by customer city index; a city without a store borrows its region's. */
  readonly storesNear: readonly (readonly Location[])[];
  readonly warehousesNear: readonly (readonly Location[])[];
}

const CITY_CUMULATIVE = cumulative(CUSTOMER_CITY_WEIGHTS.map((w) => w + 1));
const SEED_WAREHOUSE_CITIES = [0, 3, 7, 12, 15];
const SEED_WAREHOUSE_TYPES = [
  "distribution_center",
  "warehouse",
  "distribution_center",
  "distribution_center",
  "warehouse",
] as const;
const SEED_STORE_CITIES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
const VARIANT_COLORS = ["Black", "White", "Blue", "Gray", "Red", "Silver", "Navy"];
const PAYMENT_TERM_CUMULATIVE = cumulative(PAYMENT_TERM_WEIGHTS);

function personName(rng: Rng): string {
  const first = rng.chance(0.5) ? rng.pick(FEMALE_FIRST_NAMES) : rng.pick(MALE_FIRST_NAMES);
  return `${first} ${rng.pick(LAST_NAMES)}`;
}

/** Prices end in .99 as retail prices do (the seed's do, but for round ones like 75.00). */
function retailPrice(cents: number): number {
  return Math.max(99, Math.floor(cents / 100) * 100 + 99);
}

function buildProduct(plan: RetailPlan, index: number, supplierCount: number): Product {
  const rng = Rng.of(plan.seed, STREAM.product, index);
  const isSeedEntry = index < PRODUCT_TEMPLATES.length;
  const template = isSeedEntry ? PRODUCT_TEMPLATES[index]! : rng.pick(PRODUCT_TEMPLATES);
  const priceCents = isSeedEntry
    ? template.priceCents
    : retailPrice(template.priceCents * (0.75 + 0.6 * rng.next()));
  const margin = (template.costCents / template.priceCents) * (0.95 + 0.1 * rng.next());
  const costCents = isSeedEntry ? template.costCents : Math.round(priceCents * margin);
  const weightGrams = isSeedEntry
    ? template.weight
    : Math.max(10, Math.round(template.weight * (0.9 + 0.2 * rng.next())));
  const name = isSeedEntry ? template.name : `${template.name} ${rng.pick(PRODUCT_VARIANTS)}`;
  const color =
    !isSeedEntry && template.color !== "N/A" && rng.chance(0.3) ? rng.pick(VARIANT_COLORS) : template.color;
  const seasonal = isSeedEntry ? template.name === "Winter Jacket" : rng.chance(SEASONAL_SHARE);
  const activityStartDay = dayOf(plan.activityStart);
  const createdDay = activityStartDay - 365 + rng.int(365);
  const id = retailId(PRODUCT_PREFIX, index + 1);
  const row: Row = [
    id,
    name,
    template.category,
    template.subcategory,
    template.brand,
    BigInt(priceCents),
    BigInt(costCents),
    BigInt(weightGrams),
    template.dimensions,
    color,
    template.size,
    createdDay,
    seasonal ? PRODUCT_STATUS_SEASONAL : PRODUCT_STATUS_ACTIVE,
  ];
  // Stratified choice: exactly floor(n × share) products get a second supplier, spread evenly.
  const share = plan.ratios.secondarySupplierShare;
  const hasSecondary = supplierCount > 1 && Math.floor((index + 1) * share) > Math.floor(index * share);
  const primary = rng.int(supplierCount);
  const leadTime = rng.between(5, 30);
  const suppliers: Row[] = [[id, retailId(SUPPLIER_PREFIX, primary + 1), true, BigInt(costCents), leadTime]];
  if (hasSecondary) {
    const secondary = (primary + 1 + rng.int(supplierCount - 1)) % supplierCount;
    const markup = Math.round(costCents * (1.02 + 0.04 * rng.next()));
    suppliers.push([
      id,
      retailId(SUPPLIER_PREFIX, secondary + 1),
      false,
      BigInt(markup),
      Math.max(3, leadTime + rng.between(-5, 10)),
    ]);
  }
  return { id, priceCents, weightGrams, createdAt: createdDay * MS_PER_DAY, row, suppliers };
}

function buildSupplier(plan: RetailPlan, index: number): Row {
  const rng = Rng.of(plan.seed, STREAM.supplier, index);
  const isSeedEntry = index < SUPPLIER_TEMPLATES.length;
  const template = isSeedEntry ? SUPPLIER_TEMPLATES[index]! : rng.pick(SUPPLIER_TEMPLATES);
  const name = isSeedEntry
    ? template.name
    : `${rng.pick(SUPPLIER_TEMPLATES).name.split(" ")[0]} ${template.name.split(" ").slice(1).join(" ")}`;
  const contact = isSeedEntry ? template.contact : personName(rng);
  const [first, ...last] = contact.split(" ");
  const domain = isSeedEntry ? template.emailDomain : `${name.toLowerCase().replace(/[^a-z]/g, "")}.com`;
  const email = `${first![0]!.toLowerCase()}.${last.join("").toLowerCase()}@${domain}`;
  const phone = `${template.phonePrefix}${2001 + (index % 7999)}`;
  const address = `${rng.between(100, 9999)} ${template.address}`;
  const terms = PAYMENT_TERMS[rng.weighted(PAYMENT_TERM_CUMULATIVE)]!;
  const rating = rng.between(SUPPLIER_RATING_TENTHS[0], SUPPLIER_RATING_TENTHS[1]);
  return [
    retailId(SUPPLIER_PREFIX, index + 1),
    name,
    contact,
    email,
    phone,
    address,
    template.country,
    terms,
    BigInt(rating),
  ];
}

function buildLocation(
  plan: RetailPlan,
  index: number,
  kind: "warehouse" | "store",
  nameUses: Map<string, number>,
): Location {
  const rng = Rng.of(plan.seed, STREAM.location, kind === "store" ? 1_000_000 + index : index);
  const city =
    kind === "store"
      ? (SEED_STORE_CITIES[index] ?? rng.weighted(CITY_CUMULATIVE))
      : (SEED_WAREHOUSE_CITIES[index] ?? rng.weighted(CITY_CUMULATIVE));
  const type =
    kind === "store"
      ? "store"
      : (SEED_WAREHOUSE_TYPES[index] ?? (rng.chance(0.6) ? "distribution_center" : "warehouse"));
  const cityName = CITIES[city]!.name;
  const baseName =
    type === "store"
      ? rng.pick(STORE_NAME_PATTERNS).replace("{city}", cityName)
      : `${cityName} ${rng.pick(WAREHOUSE_NAME_SUFFIXES[type]!)}`;
  // Two buildings of the same kind in one city get numbered names.
  const uses = (nameUses.get(baseName) ?? 0) + 1;
  nameUses.set(baseName, uses);
  const name = uses === 1 ? baseName : `${baseName} ${uses}`;
  const street = type === "store" ? rng.pick(RETAIL_STREETS) : rng.pick(INDUSTRIAL_STREETS);
  const [low, high] = CAPACITY_RANGES[type]!;
  const capacity = rng.between(low, high) * CAPACITY_STEP[type]!;
  const id = retailId(kind === "store" ? STORE_PREFIX : WAREHOUSE_PREFIX, index + 1);
  const row: Row = [
    id,
    name,
    type,
    `${rng.between(100, 3000)} ${street}`,
    cityName,
    CITIES[city]!.state,
    COUNTRY,
    capacity,
    personName(rng),
  ];
  return { id, type, city, row };
}

/** Locations of one kind in each city; a city without any uses its region's, then everyone's. */
function nearest(locations: readonly Location[]): Location[][] {
  return CITIES.map((city, index) => {
    const same = locations.filter((l) => l.city === index);
    if (same.length > 0) return same;
    const region = locations.filter((l) => CITIES[l.city]!.region === city.region);
    return region.length > 0 ? region : [...locations];
  });
}

export function buildCatalog(plan: RetailPlan): Catalog {
  const products = Array.from({ length: plan.products }, (_, i) => buildProduct(plan, i, plan.suppliers));
  const productsByCreation = [...products].sort((a, b) => a.createdAt - b.createdAt);
  const rng = Rng.of(plan.seed, STREAM.catalog, 0);
  // Zipf-like popularity over a shuffled order, so product ids carry no popularity signal.
  const popularityWeights = products.map((_, i) => 1 / (i + 1) ** 0.8);
  for (let i = popularityWeights.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [popularityWeights[i], popularityWeights[j]] = [popularityWeights[j]!, popularityWeights[i]!];
  }
  const nameUses = new Map<string, number>();
  const warehouses = Array.from({ length: plan.warehouses }, (_, i) =>
    buildLocation(plan, i, "warehouse", nameUses),
  );
  const stores = Array.from({ length: plan.stores }, (_, i) => buildLocation(plan, i, "store", nameUses));
  return {
    products,
    productsByCreation,
    popularity: new AliasTable(popularityWeights),
    suppliers: Array.from({ length: plan.suppliers }, (_, i) => buildSupplier(plan, i)),
    warehouses,
    stores,
    storesNear: nearest(stores),
    warehousesNear: nearest(warehouses),
  };
}

/** Stock levels at the snapshot: each product in one warehouse and one store (the seed's two rows per product). */
export function* inventoryRows(plan: RetailPlan, catalog: Catalog): Generator<Row> {
  let number = 0;
  for (let p = 0; p < catalog.products.length; p++) {
    const rng = Rng.of(plan.seed, STREAM.inventory, p);
    const product = catalog.products[p]!;
    for (const location of [rng.pick(catalog.warehouses), rng.pick(catalog.stores)]) {
      const isStore = location.type === "store";
      const max = isStore ? rng.between(4, 16) * 5 : rng.between(9, 100) * 10;
      const stock = Math.round(max * (0.3 + 0.4 * rng.next()));
      const reserved = Math.round(stock * (0.08 + 0.12 * rng.next()));
      const reorder = Math.max(1, Math.round(max * (0.25 + 0.1 * rng.next())));
      yield [
        retailId(INVENTORY_PREFIX, ++number),
        product.id,
        location.id,
        stock,
        reserved,
        reorder,
        max,
        plan.snapshotTime,
      ];
    }
  }
}
