/**
 * The seed's catalog as templates: larger catalogs are variants of these 25 products and 10 suppliers,
 * so categories, subcategories, brands, colors and sizes stay within the seed's domains.
 */

export interface ProductTemplate {
  readonly name: string;
  readonly category: string;
  readonly subcategory: string;
  readonly brand: string;
  readonly priceCents: number;
  readonly costCents: number;
  /** Grams. */
  readonly weight: number;
  readonly dimensions: string;
  readonly color: string;
  readonly size: string;
}

function product(
  name: string,
  category: string,
  subcategory: string,
  brand: string,
  price: number,
  cost: number,
  weightKg: number,
  dimensions: string,
  color: string,
  size: string,
): ProductTemplate {
  return {
    name,
    category,
    subcategory,
    brand,
    priceCents: Math.round(price * 100),
    costCents: Math.round(cost * 100),
    weight: Math.round(weightKg * 1000),
    dimensions,
    color,
    size,
  };
}

export const PRODUCT_TEMPLATES: readonly ProductTemplate[] = [
  product("Wireless Bluetooth Headphones", "Electronics", "Audio", "SoundTech", 149.99, 89.99, 0.35, "20x18x8 cm", "Black", "One Size"),
  product("Premium Running Shoes", "Footwear", "Athletic", "RunFast", 149.99, 75, 0.8, "N/A", "Blue", "10"),
  product("Cotton T-Shirt Classic", "Apparel", "Shirts", "BasicWear", 29.99, 12.5, 0.2, "N/A", "White", "M"),
  product("Stainless Steel Water Bottle", "Home & Garden", "Drinkware", "HydroLife", 39.99, 18, 0.45, "25x8x8 cm", "Silver", "750ml"),
  product("Smartphone Case", "Electronics", "Accessories", "TechGuard", 24.99, 8.5, 0.1, "16x8x1 cm", "Black", "iPhone 15"),
  product("Yoga Mat Premium", "Sports & Fitness", "Equipment", "ZenFlow", 75, 35, 1.2, "180x60x0.6 cm", "Purple", "Standard"),
  product("Coffee Maker Deluxe", "Home & Kitchen", "Appliances", "BrewMaster", 199.99, 120, 3.5, "35x25x30 cm", "Black", "12 Cup"),
  product("Winter Jacket", "Apparel", "Outerwear", "WarmCoat", 250, 125, 1.1, "N/A", "Navy", "L"),
  product("Gaming Mouse", "Electronics", "Computer", "GamePro", 125.99, 65, 0.15, "12x7x4 cm", "RGB", "One Size"),
  product("Organic Face Moisturizer", "Beauty", "Skincare", "PureGlow", 69.99, 28, 0.2, "10x5x15 cm", "N/A", "50ml"),
  product("Electric Toothbrush", "Personal Care", "Oral Care", "CleanSmile", 299.99, 150, 0.6, "25x5x5 cm", "White", "One Size"),
  product("Leather Wallet", "Accessories", "Wallets", "CraftLeather", 129.99, 55, 0.25, "11x9x2 cm", "Brown", "Bifold"),
  product("Bluetooth Speaker", "Electronics", "Audio", "SoundWave", 179.99, 95, 1.2, "20x8x8 cm", "Blue", "Portable"),
  product("Ceramic Mug Set", "Home & Kitchen", "Drinkware", "HomeComfort", 39.99, 15, 1.5, "N/A", "Multi", "4-Piece"),
  product("Fitness Tracker", "Electronics", "Wearables", "FitLife", 179.99, 89, 0.08, "4x2x1 cm", "Black", "One Size"),
  product("Desk Lamp LED", "Home & Office", "Lighting", "BrightWork", 149.99, 75, 2.2, "50x20x15 cm", "Silver", "Adjustable"),
  product("Protein Powder", "Health & Nutrition", "Supplements", "MuscleFuel", 89.99, 45, 2.3, "25x15x15 cm", "N/A", "2lb"),
  product("Board Game Classic", "Toys & Games", "Board Games", "FunTime", 159.99, 80, 1.8, "30x30x8 cm", "Multi", "Family"),
  product("Silk Scarf", "Accessories", "Scarves", "LuxStyle", 249.99, 125, 0.1, "150x50 cm", "Red", "One Size"),
  product("Kitchen Knife Set", "Home & Kitchen", "Cutlery", "ChefPro", 299.99, 150, 2.8, "35x20x15 cm", "Steel", "5-Piece"),
  product("Sunglasses Designer", "Accessories", "Eyewear", "StyleVision", 189.99, 95, 0.15, "15x5x15 cm", "Black", "One Size"),
  product("Garden Planter", "Home & Garden", "Gardening", "GreenThumb", 95, 48, 3.2, "40x25x25 cm", "Terracotta", "Large"),
  product("Laptop Stand", "Electronics", "Computer", "TechDesk", 279.99, 140, 1.5, "30x25x5 cm", "Aluminum", "Adjustable"),
  product("Essential Oil Set", "Beauty", "Aromatherapy", "ZenScents", 199.99, 100, 0.8, "25x20x10 cm", "N/A", "10-Pack"),
  product("Travel Backpack", "Bags & Luggage", "Backpacks", "Adventure", 199.99, 100, 1.8, "50x35x20 cm", "Gray", "40L"),
];

/** Appended to a template's name for catalog entries beyond the first 25. */
export const PRODUCT_VARIANTS = ["Pro", "Lite", "Plus", "Max", "Mini", "II", "Essential", "Sport", "Edition", "Compact", "XL", "Eco"];

export interface SupplierTemplate {
  readonly name: string;
  readonly contact: string;
  readonly emailDomain: string;
  readonly phonePrefix: string;
  readonly address: string;
  readonly country: string;
}

export const SUPPLIER_TEMPLATES: readonly SupplierTemplate[] = [
  { name: "TechComponents Inc", contact: "John Smith", emailDomain: "techcomponents.com", phonePrefix: "+1-555-", address: "Industrial Blvd Seattle WA", country: "USA" },
  { name: "Global Textiles Ltd", contact: "Maria Rodriguez", emailDomain: "globaltextiles.com", phonePrefix: "+1-555-", address: "Fabric Ave Portland OR", country: "USA" },
  { name: "Pacific Manufacturing", contact: "David Chen", emailDomain: "pacificmfg.com", phonePrefix: "+1-555-", address: "Production St San Francisco CA", country: "USA" },
  { name: "EuroSupply Group", contact: "Emma Johnson", emailDomain: "eurosupply.eu", phonePrefix: "+44-20-5555-", address: "Commerce Rd London", country: "UK" },
  { name: "AsiaLink Trading", contact: "Li Wei", emailDomain: "asialink.com", phonePrefix: "+86-21-5555-", address: "Trade Center Shanghai", country: "China" },
  { name: "American Leather Co", contact: "Robert Brown", emailDomain: "amerleather.com", phonePrefix: "+1-555-", address: "Tannery Ln Dallas TX", country: "USA" },
  { name: "Nordic Electronics", contact: "Astrid Hansen", emailDomain: "nordicelek.no", phonePrefix: "+47-22-555-", address: "Innovation Way Oslo", country: "Norway" },
  { name: "Wellness Products Inc", contact: "Sarah Wilson", emailDomain: "wellnessprod.com", phonePrefix: "+1-555-", address: "Health Dr Denver CO", country: "USA" },
  { name: "Creative Games Studio", contact: "Michael Taylor", emailDomain: "creativegames.com", phonePrefix: "+1-555-", address: "Fun Ave Austin TX", country: "USA" },
  { name: "Kitchen Solutions Ltd", contact: "Jennifer Davis", emailDomain: "kitchensol.com", phonePrefix: "+1-555-", address: "Culinary St Chicago IL", country: "USA" },
];

/** Seed: quality ratings 4.1–4.8, payment terms mostly Net 30. */
export const SUPPLIER_RATING_TENTHS = [41, 48] as const;
export const PAYMENT_TERM_WEIGHTS = [5, 3, 1, 1];
