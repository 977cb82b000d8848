import type { Row } from "../../common/value.ts";
import type { EventContext } from "./event-context.ts";
import { FIRST_PERSON_ID } from "./layout.ts";
import { randomExtra, randomWords } from "./text.ts";

const STATES = ["AZ", "CA", "ID", "OR", "WA", "WY"];
const CITIES = [
  "Phoenix",
  "Los Angeles",
  "San Francisco",
  "Boise",
  "Portland",
  "Bend",
  "Redmond",
  "Seattle",
  "Kent",
  "Cheyenne",
];
const FIRST_NAMES = [
  "Peter",
  "Paul",
  "Luke",
  "John",
  "Saul",
  "Vicky",
  "Kate",
  "Julie",
  "Sarah",
  "Deiter",
  "Walter",
];
const LAST_NAMES = ["Shultz", "Abrams", "Spencer", "White", "Bartels", "Walton", "Smith", "Jones", "Noris"];
const FOUR_DIGITS = Array.from({ length: 10_000 }, (_, i) => String(i).padStart(4, "0"));

/**
 * A new person, as the `person` ROW: id, name, emailAddress, creditCard, city, state, dateTime, extra.
 * Fields are drawn in Flink's order (`PersonGenerator.nextPerson`) so the distributions match.
 */
export function buildPerson(context: EventContext, eventId: number, timestamp: number): Row {
  const { layout, random, pools } = context;
  const id = layout.lastPersonId(eventId) + FIRST_PERSON_ID;
  const name = `${pick(FIRST_NAMES, context)} ${pick(LAST_NAMES, context)}`;
  const email = `${randomWords(random, pools, 7)}@${randomWords(random, pools, 5)}.com`;
  const creditCard = `${pick(FOUR_DIGITS, context)} ${pick(FOUR_DIGITS, context)} ${pick(FOUR_DIGITS, context)} ${pick(FOUR_DIGITS, context)}`;
  const city = pick(CITIES, context);
  const state = pick(STATES, context);
  const size = 8 + name.length + email.length + creditCard.length + city.length + state.length;
  const extra = randomExtra(random, pools, size, context.options.personAvgSize);
  return [id, name, email, creditCard, city, state, timestamp, extra];
}

function pick(values: readonly string[], context: EventContext): string {
  return values[context.random.below(values.length)]!;
}
