import { only, type AccessRow } from "./types";

export const covers = ["admin.audit.tsx", "admin.audit_.csv.ts"];

export const rows: AccessRow[] = [
  { name: "audit log", method: "GET", path: "/admin/audit", expect: only("admin") },
  {
    name: "audit log filtered by kind",
    method: "GET",
    path: "/admin/audit?kind=sign_in_succeeded",
    expect: only("admin"),
  },
  { name: "audit log CSV", method: "GET", path: "/admin/audit/csv", expect: only("admin"), download: true },
];
