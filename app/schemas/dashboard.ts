import { z } from "zod";
import { defaultPeriod } from "../domain/dashboard";
import { addMonths, isIsoDate } from "../lib/dates";

/** The longest period a dashboard covers: enough for trends, short enough to list by quarter. */
export const MAX_PERIOD_YEARS = 5;

const optionalDate = (which: "start" | "end") =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => v || undefined)
    .refine(
      (v) => v === undefined || isIsoDate(v),
      `Enter the ${which} of the period as a real date, for example 2026-03-31`,
    );

/**
 * The dashboard's filters from the query string. An empty date means the default period (the
 * last twelve months to `today`); an empty region means no narrowing.
 */
export function dashboardFiltersSchema(today: string) {
  return z
    .object({
      from: optionalDate("start"),
      to: optionalDate("end"),
      region: z
        .string()
        .trim()
        .toUpperCase()
        .optional()
        .transform((v) => v || null)
        .refine((v) => v === null || /^[A-Z0-9]{1,10}$/.test(v), "Select a region from the list"),
    })
    .transform((value) => {
      const to = value.to ?? today;
      return { from: value.from ?? defaultPeriod(to).from, to, region: value.region, toGiven: value.to !== undefined };
    })
    .superRefine((value, ctx) => {
      if (value.to < value.from) {
        if (value.toGiven)
          ctx.addIssue({
            code: "custom",
            path: ["to"],
            message: "The end of the period must be the same as or after the start",
          });
        else
          ctx.addIssue({ code: "custom", path: ["from"], message: "The start of the period must be today or earlier" });
      } else if (addMonths(value.from, MAX_PERIOD_YEARS * 12) < value.to) {
        ctx.addIssue({
          code: "custom",
          path: ["from"],
          message: `The period can be at most ${MAX_PERIOD_YEARS} years long`,
        });
      }
    })
    .transform(({ toGiven: _toGiven, ...filters }) => filters);
}

export type DashboardFilters = z.output<ReturnType<typeof dashboardFiltersSchema>>;
