import { PERSONAS, SIGNED_IN, PUBLIC, type AccessRow, type Outcome, type Persona } from "./types";

const all = (outcome: Outcome) => Object.fromEntries(PERSONAS.map((p) => [p, outcome])) as Record<Persona, Outcome>;

export const covers = ["forgot-password.tsx", "reset-password.$token.tsx"];

export const rows: AccessRow[] = [
  { name: "forgot password form", method: "GET", path: "/forgot-password", expect: PUBLIC },
  // An empty form gets its validation message and asks for nothing.
  { name: "ask for a reset link", method: "POST", path: "/forgot-password", expect: PUBLIC },
  {
    name: "reset link that does not exist",
    method: "GET",
    path: "/reset-password/not-a-real-token",
    expect: all("deny"),
  },
  {
    name: "set a password through a link that does not exist",
    method: "POST",
    path: "/reset-password/not-a-real-token",
    expect: all("deny"),
  },
  // Only the password change is reachable with an empty form; it gets its validation message.
  { name: "change password", method: "POST", path: "/account", expect: SIGNED_IN },
];
