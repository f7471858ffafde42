import { z } from "zod";

const attendeeIds = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v.filter(Boolean) : [v]));

export const engagementContactsSchema = z.object({
  leadName: z.string().trim().min(1, "Enter the lead contact's name").max(120, "Name must be 120 characters or fewer"),
  leadEmail: z
    .string()
    .trim()
    .min(1, "Enter the lead contact's email address")
    .max(320, "Enter an email address in the correct format, like name@example.nhs.uk")
    .email("Enter an email address in the correct format, like name@example.nhs.uk"),
  leadPhone: z
    .string()
    .trim()
    .min(1, "Enter the lead contact's phone number")
    .regex(/^\+?[0-9 ()-]{7,20}$/, "Enter a phone number, like 020 7946 0000 or +44 20 7946 0000"),
  attendeeIds,
});
