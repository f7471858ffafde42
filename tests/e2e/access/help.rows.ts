import { PUBLIC, type AccessRow } from "./types";

export const covers = ["help._index.tsx", "help.$role.tsx", "help.glossary.tsx"];

// Help is for everyone, signed in or not: it explains the service before you have an account.
export const rows: AccessRow[] = [
  { name: "help", method: "GET", path: "/help", expect: PUBLIC },
  { name: "help for coordinators", method: "GET", path: "/help/coordinator", expect: PUBLIC },
  { name: "help for members", method: "GET", path: "/help/member", expect: PUBLIC },
  { name: "glossary", method: "GET", path: "/help/glossary", expect: PUBLIC },
];
