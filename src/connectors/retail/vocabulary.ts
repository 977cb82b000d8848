/**
 * Categorical values, exactly as spelled in the seed's CSVs, with weights taken from the seed's
 * frequencies where it has enough rows to say something (noted per constant).
 */

export const CUSTOMER_SEGMENTS = ["Premium", "Standard", "Basic"] as const;
export const CHANNELS = ["online", "store", "mobile"] as const;
/** Seed: online 6, store 5, mobile 4 of 15 customers. */
export const PREFERRED_CHANNEL_WEIGHTS = [6, 5, 4];
export const COUNTRY = "USA";
export const CURRENCY = "USD";
export const TRANSACTION_STATUS = "completed";

export const LOYALTY_TIERS = ["Bronze", "Silver", "Gold", "Platinum"] as const;
/**
 * Lifetime value at which a tier starts. The seed's tiers do not overlap: Bronze 950–1850,
 * Silver 4200–5650, Gold 7100–9800, Platinum 12500–18750; the cut-offs sit between those bands.
 */
export const TIER_THRESHOLDS = [0, 3000, 6500, 11000];
/** Seed: points_earned_ytd ≈ 2 × spend; points_redeemed_ytd / earned between 0.46 and 0.66. */
export const POINTS_PER_DOLLAR = 2;
export const REDEMPTION_SHARE = [0.45, 0.67] as const;

/** Seed: store purchases pay by debit card or cash, online by credit card, mobile by wallet or PayPal. */
export const PAYMENT_METHODS: Readonly<Record<(typeof CHANNELS)[number], readonly string[]>> = {
  online: ["credit_card", "credit_card", "credit_card", "paypal"],
  store: ["debit_card", "cash", "credit_card"],
  mobile: ["apple_pay", "google_pay", "paypal"],
};
/** Seed: 13 of 20 transactions carry a 10% discount; tax is 8% of the subtotal. */
export const DISCOUNT_SHARE = 0.65;
export const DISCOUNT_PERCENT = 10;
export const TAX_PERCENT = 8;

export const TICKET_CATEGORIES = ["billing", "product", "shipping", "account", "technical"] as const;
/** Seed: billing 4, product 5, shipping 4, account 3, technical 1. */
export const TICKET_CATEGORY_WEIGHTS = [4, 5, 4, 3, 1];
export const TICKET_PRIORITIES = ["low", "medium", "high", "urgent"] as const;
/** Seed: low 5, medium 6, high 4, urgent 2. */
export const TICKET_PRIORITY_WEIGHTS = [5, 6, 4, 2];
/** Hours to resolve, by priority: [min, max]. Seed: urgent within a day, low up to ~2 days. */
export const TICKET_RESOLUTION_HOURS: readonly (readonly [number, number])[] = [
  [3, 72],
  [2, 60],
  [2, 54],
  [1, 24],
];
export const TICKET_CHANNELS = ["email", "phone", "chat", "store"] as const;
export const TICKET_STATUS_RESOLVED = "resolved";
export const TICKET_STATUS_IN_PROGRESS = "in_progress";
export const TICKET_STATUS_OPEN = "open";
/** Satisfaction 1..5; seed: 2 → 2, 3 → 3, 4 → 6, 5 → 4 (no 1s in 15, kept rare). */
export const SATISFACTION_WEIGHTS = [1, 2, 3, 6, 4];

/** Each device type runs one app version in the seed. */
export const DEVICE_TYPES = ["ios", "android", "web"] as const;
export const APP_VERSIONS: Readonly<Record<(typeof DEVICE_TYPES)[number], string>> = {
  ios: "3.2.1",
  android: "3.1.8",
  web: "3.2.0",
};

export const CARRIERS = ["UPS", "FedEx", "USPS"] as const;
export const SERVICE_LEVELS = ["standard", "expedited", "overnight"] as const;
/** Seed: standard 11, expedited 6, overnight 3 of 20 shipments. */
export const SERVICE_LEVEL_WEIGHTS = [11, 6, 3];
/** Promised transit days by service level (seed: 4, 1–2, 1). */
export const TRANSIT_DAYS = [4, 2, 1];
/** Shipping cost band in cents by service level (seed: 7.50–15.75, 14.25–28.50, 35.00–45.00). */
export const SHIPPING_COST_CENTS: readonly (readonly [number, number])[] = [
  [750, 1575],
  [1425, 2850],
  [3500, 4500],
];
export const DELIVERY_STATUS_DELIVERED = "delivered";
/** Not in the seed's shipments (all delivered); taken from its tracking event types for parcels still moving at `asOf`. */
export const DELIVERY_STATUS_IN_TRANSIT = "in_transit";

export const PAYMENT_TERMS = ["Net 30", "Net 45", "Net 60", "Letter of Credit"] as const;

export const PRODUCT_STATUS_ACTIVE = "active";
export const PRODUCT_STATUS_SEASONAL = "seasonal";
/** Seed: 1 of 25 products is seasonal. */
export const SEASONAL_SHARE = 1 / 25;
