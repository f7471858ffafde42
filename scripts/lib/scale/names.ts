import type { OrganisationType } from "../../../db/schema";
import type { Random } from "./random";

// Invented English place names, so no synthetic trust can be mistaken for a real one.
const ROOTS = [
  "Ash",
  "Bar",
  "Beck",
  "Bram",
  "Brook",
  "Brad",
  "Carr",
  "Chal",
  "Cold",
  "Crane",
  "Dal",
  "Dun",
  "Elm",
  "Fair",
  "Fern",
  "Glen",
  "Hal",
  "Harrow",
  "Hart",
  "Heath",
  "Holm",
  "Kel",
  "Kings",
  "Lang",
  "Lind",
  "Long",
  "Marsh",
  "Mel",
  "Mill",
  "Moor",
  "North",
  "Oak",
  "Pen",
  "Red",
  "Ring",
  "Rother",
  "Sand",
  "Shep",
  "Stan",
  "Stock",
  "Thorn",
  "Wal",
  "Wen",
  "West",
  "Whit",
  "Wild",
  "Willow",
  "Wood",
  "Wrex",
  "Yar",
  "Alder",
  "Birch",
  "Cran",
  "Dray",
  "Ever",
  "Frome",
  "Grim",
];
const SUFFIXES = [
  "field",
  "ton",
  "ham",
  "ley",
  "bury",
  "worth",
  "ford",
  "brook",
  "dale",
  "wick",
  "by",
  "stow",
  "mouth",
  "well",
  "combe",
  "borough",
  "minster",
  "hurst",
  "thorpe",
  "wood",
  "bridge",
  "caster",
  "mere",
  "side",
];
const PREFIXES = ["", "", "", "", "", "", "North ", "South ", "East ", "West ", "Upper ", "Great ", "Little ", "Mid "];

const STREETS = [
  "Hospital Road",
  "Infirmary Street",
  "Station Road",
  "Park Lane",
  "Church Street",
  "London Road",
  "Victoria Road",
  "Mill Lane",
  "High Street",
  "Queens Avenue",
];

const FIRST_NAMES = [
  "Olivia",
  "Amelia",
  "Isla",
  "Ava",
  "Mia",
  "Grace",
  "Sophie",
  "Hannah",
  "Chloe",
  "Fatima",
  "Aisha",
  "Priya",
  "Zara",
  "Ewa",
  "Niamh",
  "Rhian",
  "Chidi",
  "Oliver",
  "George",
  "Harry",
  "Jack",
  "Noah",
  "Leo",
  "Arjun",
  "Mohammed",
  "Daniel",
  "Tomasz",
  "Samuel",
  "Owen",
  "Rhys",
  "Kwame",
  "Luca",
  "Imran",
  "Joseph",
  "Ruth",
  "Helen",
  "Catherine",
  "Gareth",
  "Simon",
  "Deborah",
];
const SURNAMES = [
  "Smith",
  "Jones",
  "Taylor",
  "Brown",
  "Williams",
  "Wilson",
  "Johnson",
  "Davies",
  "Patel",
  "Robinson",
  "Wright",
  "Thompson",
  "Evans",
  "Walker",
  "White",
  "Roberts",
  "Green",
  "Hall",
  "Khan",
  "Ahmed",
  "Okafor",
  "Nowak",
  "Kowalski",
  "Murphy",
  "Kelly",
  "Begum",
  "Singh",
  "Chen",
  "Hughes",
  "Edwards",
  "Lewis",
  "Clarke",
  "Mensah",
  "Osei",
  "Campbell",
  "Fraser",
  "Bennett",
  "Shah",
];

export const personName = (random: Random) => `${random.pick(FIRST_NAMES)} ${random.pick(SURNAMES)}`;

export const placeName = (random: Random) => `${random.pick(PREFIXES)}${random.pick(ROOTS)}${random.pick(SUFFIXES)}`;

/** The trust's main name for its type, e.g. "Northfield Hospitals NHS Foundation Trust". */
function nameFor(type: OrganisationType, foundation: boolean, random: Random): string {
  const place = random.chance(0.2) ? `${placeName(random)} and ${placeName(random)}` : placeName(random);
  const trust = foundation ? "NHS Foundation Trust" : "NHS Trust";
  switch (type) {
    case "acute":
      return `${place} ${random.pick(["Hospitals", "University Hospitals", "Teaching Hospitals", "General Hospital", "Royal Infirmary"])} ${trust}`;
    case "acute_specialist":
      return `${place} ${random.pick(["Heart and Chest Hospital", "Children's Hospital", "Orthopaedic Hospital", "Cancer Centre", "Eye Hospital"])} ${trust}`;
    case "mental_health":
      return `${place} ${random.pick(["Partnership", "Mental Health", "Care", "Health and Wellbeing"])} ${trust}`;
    case "community":
      return `${place} ${random.pick(["Community Health", "Community Healthcare", "Community Services"])} ${trust}`;
    case "ambulance":
      return `${place} Ambulance Service ${trust}`;
    case "other":
      return `${place} ${random.pick(["Health and Care", "Integrated Care", "Primary Care"])} ${trust}`;
  }
}

/** A name not yet in `taken`, which it joins. */
export function organisationName(
  type: OrganisationType,
  foundation: boolean,
  random: Random,
  taken: Set<string>,
): string {
  for (let attempt = 0; attempt < 50; attempt++) {
    const name = nameFor(type, foundation, random);
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
  // After many collisions, a second place makes the name longer but unique.
  for (;;) {
    const name = `${placeName(random)} and ${nameFor(type, foundation, random)}`;
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
}

export const streetAddress = (place: string, random: Random) =>
  `${random.int(1, 250)} ${random.pick(STREETS)}, ${place}`;

/** Postcode-shaped, from the place's initials; it does not claim to be a real one. */
export function postcode(place: string, random: Random): string {
  const letters = "ABDEFGHJLNPQRSTUWXY";
  const area = place
    .replace(/[^A-Z]/g, "")
    .slice(0, 2)
    .padEnd(2, "X");
  return `${area}${random.int(1, 29)} ${random.int(1, 9)}${letters[random.int(0, letters.length - 1)]}${letters[random.int(0, letters.length - 1)]}`;
}

/** "Barnsworth Hospitals NHS Trust" → "barnsworth-hospitals", for example URLs. */
export const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/nhs (foundation )?trust/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
