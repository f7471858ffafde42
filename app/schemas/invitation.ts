import { z } from "zod";

export const invitationSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, "Enter their email address")
    .max(254, "Email address must be 254 characters or fewer")
    .email("Enter an email address in the correct format, like name@example.nhs.uk"),
  name: z.string().trim().min(1, "Enter their full name").max(120, "Name must be 120 characters or fewer"),
  role: z.enum(["member", "org_admin", "coordinator", "admin"], { errorMap: () => ({ message: "Select a role" }) }),
  organisationId: z
    .string()
    .optional()
    .transform((v) => (v ? v : null)),
  coordinatingBodyId: z
    .string()
    .optional()
    .transform((v) => (v ? v : null)),
});

export const acceptInvitationSchema = z
  .object({
    password: z.string().min(1, "Enter a password"),
    confirmPassword: z.string().min(1, "Enter the password again"),
  })
  .refine((v) => v.password === v.confirmPassword, {
    message: "The passwords do not match",
    path: ["confirmPassword"],
  });
