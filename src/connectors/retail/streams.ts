/**
 * Purposes that separate the random streams: each entity kind and each sequential process draws from
 * its own stream, so changing one option (say, the dirt rates) leaves every other value unchanged.
 */
export const STREAM = {
  customer: 1,
  customerUpdate: 2,
  product: 3,
  supplier: 4,
  location: 5,
  inventory: 6,
  loyalty: 7,
  dayTransactions: 8,
  daySessions: 9,
  dayTickets: 10,
  dayUpdates: 11,
  dirt: 12,
  continuous: 13,
  catalog: 14,
} as const;
