/** The five-point maturity scale used for every capability. */
export const MATURITY_LEVELS = [
  { value: 1, name: "Not started", descriptor: "No structured activity yet; improvement happens by chance." },
  { value: 2, name: "Emerging", descriptor: "Early pockets of work led by enthusiasts; little shared method or data." },
  {
    value: 3,
    name: "Developing",
    descriptor: "A recognised approach used in several areas, with training under way and some measurement.",
  },
  {
    value: 4,
    name: "Established",
    descriptor: "Used routinely across the organisation, led from the board, with measured results.",
  },
  {
    value: 5,
    name: "Exemplary",
    descriptor: "Sustained, measured improvement that others learn from; the organisation teaches it.",
  },
] as const;

export const ESTABLISHED = 4;

export const maturityName = (value: number) => MATURITY_LEVELS.find((l) => l.value === value)?.name ?? "Not assessed";

/** Readiness for change uses its own five-point scale. */
export const READINESS_LEVELS = [
  { value: 1, name: "Absent" },
  { value: 2, name: "Limited" },
  { value: 3, name: "Partial" },
  { value: 4, name: "Good" },
  { value: 5, name: "Strong" },
] as const;
