/**
 * What happens after a purchase ships: the shipment row (its state at `asOf`) and the carrier's tracking
 * events, pick-up to delivery, each dated in the days after the sale.
 */
import type { Row } from "../../common/value.ts";
import type { Catalog, Location } from "./catalog.ts";
import { retailId, SHIPMENT_PREFIX, TRACKING_PREFIX } from "./ids.ts";
import { CITIES } from "./places.ts";
import { cumulative, type Rng } from "./random.ts";
import { dayOf, MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE } from "./time.ts";
import {
  CARRIERS,
  DELIVERY_STATUS_DELIVERED,
  DELIVERY_STATUS_IN_TRANSIT,
  SERVICE_LEVEL_WEIGHTS,
  SERVICE_LEVELS,
  SHIPPING_COST_CENTS,
  TRANSIT_DAYS,
} from "./vocabulary.ts";

export interface TimedRow {
  readonly at: number;
  readonly row: Row;
}

export interface Shipment {
  /** When the label is printed: the shipment's event time. */
  readonly at: number;
  readonly row: Row;
  /** Tracking events before `asOf`, in time order. */
  readonly tracking: readonly TimedRow[];
}

const SERVICE_CUMULATIVE = cumulative(SERVICE_LEVEL_WEIGHTS);
const PACKAGING_GRAMS = 150;
const HUB_SHARE = 0.6;

function place(city: number): string {
  return `${CITIES[city]!.name} ${CITIES[city]!.state}`;
}

function trackingNumber(carrier: string, number: number): string {
  const digits = String(number).padStart(9, "0");
  if (carrier === "UPS") return `1Z999AA1${digits}`;
  return carrier === "FedEx" ? `9261234567891${digits}` : `9400109876543${digits}`;
}

/** A box that fits the weight: "LxWxH cm" like the seed's. */
function boxFor(rng: Rng, grams: number): string {
  const length = Math.round(12 + 9 * Math.cbrt(grams / 1000) + rng.int(6));
  return `${length}x${Math.round(length * 0.8)}x${Math.max(2, Math.round(length * 0.42))} cm`;
}

function at(day: number, hour: number, rng: Rng, spreadMinutes: number): number {
  return day * MS_PER_DAY + hour * MS_PER_HOUR + rng.int(spreadMinutes) * MS_PER_MINUTE;
}

export interface ShipmentRequest {
  readonly transactionId: string;
  readonly soldAt: number;
  readonly weightGrams: number;
  /** The store for in-store purchases shipped home; null for online and mobile orders. */
  readonly store: Location | null;
  readonly customerCity: number;
  readonly destination: string;
}

/**
 * The shipment for a sale, or null when it would ship on or after `asOf`. `trackingNumberStart` is the
 * number of the first tracking event; the caller advances it by `tracking.length`.
 */
export function buildShipment(
  rng: Rng,
  catalog: Catalog,
  asOf: number,
  shipmentNumber: number,
  trackingNumberStart: number,
  request: ShipmentRequest,
): Shipment | null {
  const asOfDay = dayOf(asOf);
  const shipDay = dayOf(request.soldAt) + 1;
  if (shipDay >= asOfDay) return null;
  const origin = request.store ?? rng.pick(catalog.warehousesNear[request.customerCity]!);
  const carrier = rng.pick(CARRIERS);
  const service = rng.weighted(SERVICE_CUMULATIVE);
  const estimatedDay = shipDay + TRANSIT_DAYS[service]!;
  const early = service === 0 && rng.chance(0.7) ? 1 : 0;
  const late = rng.chance(0.05) ? rng.between(1, 2) : 0;
  const actualDay = Math.max(shipDay + 1, estimatedDay - early + late);
  const grams = request.weightGrams + PACKAGING_GRAMS;
  const [lowCost, highCost] = SHIPPING_COST_CENTS[service]!;
  const cost = Math.min(99_999_999, rng.between(lowCost, highCost) + Math.floor(grams / 1000) * 75);
  const shipmentId = retailId(SHIPMENT_PREFIX, shipmentNumber);

  const route: { at: number; type: string; where: number; description: string; status: string }[] = [];
  const pickedUp = at(shipDay, 8, rng, 240);
  const pickedUpFrom = origin.type === "store" ? "store" : "warehouse";
  route.push({
    at: pickedUp,
    type: "picked_up",
    where: origin.city,
    description: `Package picked up from ${pickedUpFrom}`,
    status: "IP",
  });
  route.push({
    at: pickedUp + rng.between(4 * 60, 7 * 60) * MS_PER_MINUTE,
    type: "in_transit",
    where: origin.city,
    description: "Departed from origin facility",
    status: "DP",
  });
  // Parcels travelling two days or more pass a sort facility (seed: 6 events) unless the route is
  // local (4 events); the mix gives the seed's 5 tracking events per shipment.
  if (actualDay - shipDay >= 2 && rng.chance(HUB_SHARE)) {
    const hub = rng.pick(catalog.warehouses).city;
    const hubDay = shipDay + 1 + rng.int(actualDay - shipDay - 1);
    const arrived = at(hubDay, 6, rng, 300);
    route.push({
      at: arrived,
      type: "in_transit",
      where: hub,
      description: "Arrived at sort facility",
      status: "AR",
    });
    route.push({
      at: arrived + rng.between(4 * 60, 8 * 60) * MS_PER_MINUTE,
      type: "in_transit",
      where: hub,
      description: "Departed from sort facility",
      status: "DP",
    });
  }
  const outForDelivery = at(actualDay, 7, rng, 180);
  const delivered = outForDelivery + rng.between(2 * 60, 6 * 60) * MS_PER_MINUTE;
  route.push({
    at: outForDelivery,
    type: "out_for_delivery",
    where: request.customerCity,
    description: "Out for delivery",
    status: "OFD",
  });
  const deliveredNote =
    SERVICE_LEVELS[service] === "overnight" ? "Package delivered - overnight service" : "Package delivered";
  route.push({
    at: delivered,
    type: "delivered",
    where: request.customerCity,
    description: deliveredNote,
    status: "DL",
  });

  const tracking: TimedRow[] = [];
  for (const step of route) {
    if (step.at >= asOf) break;
    const id = retailId(TRACKING_PREFIX, trackingNumberStart + tracking.length);
    tracking.push({
      at: step.at,
      row: [id, shipmentId, step.at, step.type, place(step.where), step.description, step.status],
    });
  }
  const isDelivered = delivered < asOf;
  const row: Row = [
    shipmentId,
    request.transactionId,
    trackingNumber(carrier, shipmentNumber),
    carrier,
    SERVICE_LEVELS[service]!,
    origin.id,
    request.destination,
    BigInt(Math.max(1, Math.round(grams / 100))),
    boxFor(rng, grams),
    shipDay,
    estimatedDay,
    isDelivered ? actualDay : null,
    isDelivered ? DELIVERY_STATUS_DELIVERED : DELIVERY_STATUS_IN_TRANSIT,
    BigInt(cost),
  ];
  return { at: at(shipDay, 6, rng, 90), row, tracking };
}
