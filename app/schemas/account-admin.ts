import { z } from "zod";
import { pageNumber } from "./page";

/** The people page's address bar: what was searched for, and which page. Anything odd reads as nothing. */
export const peopleQuerySchema = z.object({
  q: z.string().trim().max(100).catch(""),
  page: pageNumber,
});

/** Resending or withdrawing a waiting invitation, from its row on the people page. */
export const invitationActionSchema = z.object({
  intent: z.enum(["resend", "withdraw"], { message: "Choose what to do with the invitation" }),
  invitationId: z.string().min(1, "Choose an invitation").max(100, "Choose an invitation"),
});

/** What an administrator can do on a person's page. */
export const accountActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("change-role"),
      role: z.enum(["member", "org_admin", "coordinator", "admin"], { message: "Choose a role" }),
    }),
    z.object({ intent: z.literal("disable") }),
    z.object({ intent: z.literal("enable") }),
  ],
  { errorMap: () => ({ message: "Choose what to change" }) },
);

/** Ending one of one's own sessions, or all the others. */
export const sessionActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("end"),
      session: z.string().regex(/^[0-9a-f]{32}$/, "Choose a session to end"),
    }),
    z.object({ intent: z.literal("end-others") }),
  ],
  { errorMap: () => ({ message: "Choose which sessions to end" }) },
);
