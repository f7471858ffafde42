import { z } from "zod";
import { DELIVERIES, MESSAGE_GROUP_NAMES, type MessageGroup } from "~/domain/message-groups";
import type { MailDelivery } from "../../db/schema";

const delivery = z.enum(DELIVERIES as [MailDelivery, ...MailDelivery[]], {
  errorMap: () => ({ message: "Select how these messages reach you" }),
});

export const mailPreferencesSchema = z.object(
  Object.fromEntries(MESSAGE_GROUP_NAMES.map((g) => [g, delivery])) as Record<MessageGroup, typeof delivery>,
);

export const accountActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("sign-out-everywhere") }),
  z.object({ intent: z.literal("mail-preferences") }),
  z.object({ intent: z.literal("change-password") }),
]);
