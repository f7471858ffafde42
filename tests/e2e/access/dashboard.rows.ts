import { only, type AccessRow } from "./types";

export const covers = ["dashboard._index.tsx", "dashboard_.csv.$table.ts"];

// Coordinators see their own scope and admins the whole country; organisations' own people do not see dashboards.
const coordinatorsAndAdmins = only("coordinator", "regional", "admin");

export const rows: AccessRow[] = [
  { name: "coordinator dashboard", method: "GET", path: "/dashboard", expect: coordinatorsAndAdmins },
  {
    name: "coordinator dashboard narrowed to London",
    method: "GET",
    path: "/dashboard?region=Y56",
    expect: coordinatorsAndAdmins,
  },
  {
    name: "dashboard funnel as CSV",
    method: "GET",
    path: "/dashboard/csv/funnel",
    expect: coordinatorsAndAdmins,
    download: true,
  },
];
