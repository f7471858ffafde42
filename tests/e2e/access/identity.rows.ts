import { PERSONAS, SIGNED_IN, type AccessRow, type Outcome, type Persona } from "./types";

const all = (outcome: Outcome) => Object.fromEntries(PERSONAS.map((p) => [p, outcome])) as Record<Persona, Outcome>;

export const covers = [
  "login_.two-factor.tsx",
  "login_.set-up-two-factor.tsx",
  "account_.two-factor.tsx",
  "auth.oidc.ts",
  "auth.oidc_.callback.tsx",
];

export const rows: AccessRow[] = [
  // Without a password step just passed there is nothing to finish: everyone is sent back to sign in.
  { name: "security code step", method: "GET", path: "/login/two-factor", expect: all("login") },
  { name: "security code", method: "POST", path: "/login/two-factor", form: { code: "123456" }, expect: all("login") },
  {
    name: "two-factor set-up page (signed in: sent to settings)",
    method: "GET",
    path: "/login/set-up-two-factor",
    expect: SIGNED_IN,
  },
  {
    name: "two-factor set-up at sign-in",
    method: "POST",
    path: "/login/set-up-two-factor",
    form: { code: "123456" },
    expect: all("login"),
  },
  { name: "two-factor settings", method: "GET", path: "/account/two-factor", expect: SIGNED_IN },
  // A wrong code changes nothing.
  {
    name: "two-factor confirm with a wrong code",
    method: "POST",
    path: "/account/two-factor",
    form: { intent: "confirm", code: "abc" },
    expect: SIGNED_IN,
  },
  // This server has no identity provider set up, so the provider's routes do not exist.
  { name: "sign in with the identity provider", method: "GET", path: "/auth/oidc", expect: all("deny") },
  {
    name: "return from the identity provider",
    method: "GET",
    path: "/auth/oidc/callback?code=x&state=y",
    expect: all("deny"),
  },
];
