import { z } from "zod";

export const erasureSchema = z.object({
  confirmEmail: z
    .string()
    .trim()
    .min(1, "Enter the person's email address to confirm")
    .max(320, "Enter the person's email address exactly as shown"),
});
