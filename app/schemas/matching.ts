import { z } from "zod";

const id = (message: string) => z.string({ required_error: message }).trim().min(1, message);
const reason = (message: string) =>
  z.string({ required_error: message }).trim().min(1, message).max(2000, "Reason must be 2000 characters or fewer");
const optionalReason = z.string().trim().max(2000, "Reason must be 2000 characters or fewer").optional().default("");
const chooseAction = { errorMap: () => ({ message: "Choose what to do" }) };

export const runRoundSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("run"),
      only: z.literal("returned", { message: "Choose which requests to match" }).optional(),
      // A checkbox: present when ticked.
      needPriority: z
        .literal("yes", { errorMap: () => ({ message: "Tick the box or leave it empty" }) })
        .optional()
        .transform((v) => v === "yes"),
    }),
  ],
  chooseAction,
);

/** Everything a coordinator can do on a round's page, one form per intent. */
export const roundActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("approve"), proposalId: id("Choose a proposal"), reason: optionalReason }),
    z.object({
      intent: z.literal("bulk-approve"),
      proposalIds: z
        .union([z.string(), z.array(z.string())], {
          errorMap: () => ({ message: "Select at least one proposal to approve" }),
        })
        .transform((v) => (Array.isArray(v) ? v : [v]).filter(Boolean))
        .refine((v) => v.length > 0, "Select at least one proposal to approve"),
    }),
    z.object({
      intent: z.literal("reject"),
      proposalId: id("Choose a proposal"),
      reason: reason("Enter a reason for rejecting the proposal"),
    }),
    z.object({
      intent: z.literal("override"),
      proposalId: id("Choose a proposal"),
      offerId: id("Select the offer to approve instead"),
      reason: reason("Enter a reason for choosing a different offer"),
    }),
    // The same choice, shown with what it changes before it is saved.
    z.object({
      intent: z.literal("override-preview"),
      proposalId: id("Choose a proposal"),
      offerId: id("Select the offer to approve instead"),
      reason: reason("Enter a reason for choosing a different offer"),
    }),
    z.object({
      intent: z.literal("rule"),
      proposalId: id("Choose a proposal"),
      offerId: id("Select an offer"),
      kind: z.enum(["pin", "block"], { errorMap: () => ({ message: "Select pin or block" }) }),
      reason: optionalReason,
    }),
    z.object({ intent: z.literal("remove-rule"), ruleId: id("Choose a rule") }),
    z.object({ intent: z.literal("rerun") }),
  ],
  chooseAction,
);
export type RoundAction = z.infer<typeof roundActionSchema>;

export const matchResponseSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("accept"), reason: optionalReason }),
    z.object({ intent: z.literal("decline"), reason: reason("Enter a reason for declining") }),
  ],
  chooseAction,
);

export const notificationActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("read"), id: id("Choose a notification") }),
    z.object({ intent: z.literal("read-all") }),
  ],
  chooseAction,
);

export { pageSchema } from "./page";

/** A coordinator takes back a match the pioneer did not answer in time. */
export const matchReproposeSchema = z.object({
  intent: z.literal("repropose"),
  reason: reason("Enter a reason for taking the match back"),
});

/** "Why not this offer?": a request of the round and any offer, chosen on a GET form. */
export const whyNotSchema = z.object({ request: id("Choose a request"), offer: id("Choose an offer") });
