import { only, type AccessRow } from "./types";

export const covers = ["organisations.$id_.shared-capacity.tsx"];

export const rows: AccessRow[] = [
  {
    name: "the pioneer's shared capacity (form)",
    method: "GET",
    path: async (ctx) => `/organisations/${await ctx.orgId("RWK")}/shared-capacity`,
    expect: only("pioneer", "admin"),
  },
  // 0 is refused by the field, so an allowed post leaves the demo as it was.
  {
    name: "set the pioneer's shared capacity",
    method: "POST",
    path: async (ctx) => `/organisations/${await ctx.orgId("RWK")}/shared-capacity`,
    form: { sharedCapacity: "0" },
    expect: only("pioneer", "admin"),
  },
];
