import { z } from "zod";

/** Well above any trust's improvement team, low enough to catch a typing slip. */
export const MAX_SHARED_CAPACITY = 500;

const WHOLE_NUMBER = "Enter a whole number, like 4, or leave it empty for no shared limit";

/** An empty field clears the shared limit; otherwise a whole number from 1. */
export const sharedCapacitySchema = z.object({
  sharedCapacity: z
    .string()
    .trim()
    .default("")
    .refine((text) => /^\d*$/.test(text), WHOLE_NUMBER)
    .transform((text) => (text === "" ? null : Number(text)))
    .pipe(
      z
        .number()
        .min(1, "The shared limit must be at least 1, or leave it empty for no shared limit")
        .max(MAX_SHARED_CAPACITY, `The shared limit must be ${MAX_SHARED_CAPACITY} or fewer`)
        .nullable(),
    ),
});
