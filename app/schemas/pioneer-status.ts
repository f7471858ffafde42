import { z } from "zod";

const MAX = 2000;

/** The organisation page's pioneer-status forms, told apart by `intent`. */
export const pioneerStatusActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("ask"),
      reason: z
        .string({ required_error: "Say why your organisation should be a pioneer" })
        .trim()
        .min(1, "Say why your organisation should be a pioneer: the improvement work others could learn from")
        .max(MAX, `Reason must be ${MAX} characters or fewer`),
    }),
    z.object({
      intent: z.literal("grant"),
      requestId: z
        .string({ required_error: "Reload the page and choose again" })
        .min(1, "Reload the page and choose again"),
      note: z.string().trim().max(MAX, `Note must be ${MAX} characters or fewer`).default(""),
    }),
    z.object({
      intent: z.literal("refuse"),
      requestId: z
        .string({ required_error: "Reload the page and choose again" })
        .min(1, "Reload the page and choose again"),
      note: z
        .string({ required_error: "Say why, so the trust knows what would change the decision" })
        .trim()
        .min(1, "Say why, so the trust knows what would change the decision")
        .max(MAX, `Note must be ${MAX} characters or fewer`),
    }),
  ],
  { errorMap: () => ({ message: "Choose what you want to do" }) },
);

/** A coordinator flags the trust as a priority for support, with a short reason, or clears the flag. */
export const supportPriorityActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("flag-priority"),
    priorityReason: z
      .string()
      .trim()
      .min(1, "Enter why the trust is a priority for support, for example Recovery Support Programme")
      .max(120, "The reason must be 120 characters or fewer"),
  }),
  z.object({ intent: z.literal("clear-priority") }),
]);
