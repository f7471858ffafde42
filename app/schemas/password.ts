import { z } from "zod";

export const forgotPasswordSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, "Enter your email address")
    .max(320, "Enter an email address in the correct format, like name@example.nhs.uk")
    .email("Enter an email address in the correct format, like name@example.nhs.uk"),
});

export const newPasswordSchema = z
  .object({
    password: z.string().min(1, "Enter a new password"),
    confirmPassword: z.string().min(1, "Enter the new password again"),
  })
  .refine((v) => v.password === v.confirmPassword, {
    message: "The passwords do not match",
    path: ["confirmPassword"],
  });

export const changePasswordSchema = z
  .object({
    intent: z.literal("change-password"),
    currentPassword: z.string().min(1, "Enter your current password").max(1024, "Enter your current password"),
    newPassword: z.string().min(1, "Enter a new password"),
    confirmPassword: z.string().min(1, "Enter the new password again"),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    message: "The passwords do not match",
    path: ["confirmPassword"],
  });
