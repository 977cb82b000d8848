/** Where customers live and where the retailer has buildings: the seed's cities, streets and regions. */

export interface City {
  readonly name: string;
  readonly state: string;
  /** The seed's zip code for the city; generated zips stay in its range. */
  readonly zip: number;
  /** Index into REGIONS. */
  readonly region: number;
  /** Relative share of customers (0: a logistics-only city). */
  readonly customerWeight: number;
}

/**
 * The seed's 5 sales regions. Its customers live in 14 states, more than the regions name, so each
 * state is assigned to the nearest of the five (documented choice: CO → Texas, AZ/NV → California,
 * IL/MI/ME → Northeast, TN → Southeast).
 */
export const REGIONS = [
  { id: "RGN001", name: "Pacific Northwest" },
  { id: "RGN002", name: "California" },
  { id: "RGN003", name: "Texas" },
  { id: "RGN004", name: "Northeast" },
  { id: "RGN005", name: "Southeast" },
] as const;

export const CITIES: readonly City[] = [
  { name: "Seattle", state: "WA", zip: 98101, region: 0, customerWeight: 7 },
  { name: "Portland", state: "OR", zip: 97201, region: 0, customerWeight: 5 },
  { name: "San Francisco", state: "CA", zip: 94102, region: 1, customerWeight: 8 },
  { name: "Los Angeles", state: "CA", zip: 90210, region: 1, customerWeight: 12 },
  { name: "Denver", state: "CO", zip: 80202, region: 2, customerWeight: 6 },
  { name: "Austin", state: "TX", zip: 73301, region: 2, customerWeight: 6 },
  { name: "Miami", state: "FL", zip: 33101, region: 4, customerWeight: 7 },
  { name: "Chicago", state: "IL", zip: 60601, region: 3, customerWeight: 10 },
  { name: "Boston", state: "MA", zip: 2101, region: 3, customerWeight: 7 },
  { name: "Phoenix", state: "AZ", zip: 85001, region: 1, customerWeight: 6 },
  { name: "Las Vegas", state: "NV", zip: 89101, region: 1, customerWeight: 4 },
  { name: "Nashville", state: "TN", zip: 37201, region: 4, customerWeight: 4 },
  { name: "Atlanta", state: "GA", zip: 30301, region: 4, customerWeight: 7 },
  { name: "Detroit", state: "MI", zip: 48201, region: 3, customerWeight: 5 },
  { name: "Portland", state: "ME", zip: 4101, region: 3, customerWeight: 2 },
  { name: "Dallas", state: "TX", zip: 75201, region: 2, customerWeight: 0 },
];

export const CUSTOMER_CITY_WEIGHTS = CITIES.map((c) => c.customerWeight);

export const RESIDENTIAL_STREETS = [
  "Main St",
  "Oak Ave",
  "Pine St",
  "Elm Dr",
  "Maple Blvd",
  "Cedar Ln",
  "Birch Ave",
  "Spruce St",
  "Willow Rd",
  "Poplar Dr",
  "Ash St",
  "Holly Ln",
  "Magnolia Ave",
  "Dogwood Dr",
  "Sycamore Rd",
];

export const INDUSTRIAL_STREETS = [
  "Commerce Blvd",
  "Industrial Ave",
  "Logistics Dr",
  "Supply Chain Rd",
  "Distribution Way",
];

export const RETAIL_STREETS = [
  "Pike St",
  "Broadway Ave",
  "Market St",
  "Santa Monica Blvd",
  "16th Street Mall",
  "Congress Ave",
  "Ocean Drive",
  "State St",
  "Newbury St",
  "Central Ave",
];

/** Building names by location type (seed: "Seattle Distribution Center", "Chicago Hub", "Denver Store"…). */
export const WAREHOUSE_NAME_SUFFIXES: Readonly<Record<string, readonly string[]>> = {
  distribution_center: ["Distribution Center", "Hub", "Regional Center"],
  warehouse: ["Warehouse"],
};
export const STORE_NAME_PATTERNS = [
  "Downtown {city} Store",
  "{city} Main Store",
  "{city} Flagship",
  "{city} Store",
];

/** Capacity in cubic meters by location type (seed: 40–50K, 30–35K, 350–800). */
export const CAPACITY_RANGES: Readonly<Record<string, readonly [number, number]>> = {
  distribution_center: [40, 50],
  warehouse: [30, 35],
  store: [7, 16],
};
/** Capacity steps: thousands for distribution centers and warehouses, fifties for stores. */
export const CAPACITY_STEP: Readonly<Record<string, number>> = {
  distribution_center: 1000,
  warehouse: 1000,
  store: 50,
};
