import { z } from "zod";

const required = (message: string) => z.string({ required_error: message }).trim().min(1, message);

const name = (what: string) =>
  required(`Enter the ${what}'s name`).max(150, `The ${what}'s name must be 150 characters or fewer`);
const description = z.string().trim().max(500, "The description must be 500 characters or fewer").default("");
const capabilityId = required("Choose a capability");

export const capabilityCode = z
  .string({ required_error: "Enter a code, like QSIR-PM" })
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9-]{0,19}$/, "Enter a code of up to 20 letters, numbers and hyphens, like QSIR-PM");

const domainId = required("Select a domain");

const retire = z.object({ intent: z.literal("retire"), capabilityId });
const unretire = z.object({ intent: z.literal("unretire"), capabilityId });

/** The framework page: add a capability or a domain, retire or restore a capability. */
export const frameworkActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("add-capability"),
      domainId,
      code: capabilityCode,
      name: name("capability"),
      description,
    }),
    // Named apart from the capability fields because both forms share the page.
    z.object({ intent: z.literal("add-domain"), domainName: name("domain"), domainDescription: description }),
    retire,
    unretire,
  ],
  { errorMap: () => ({ message: "Choose what to do" }) },
);

/** One capability's page: change its wording, move it to another domain, retire or restore it. */
export const capabilityActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("rename"), name: name("capability"), description }),
    z.object({ intent: z.literal("move"), domainId }),
    z.object({ intent: z.literal("retire") }),
    z.object({ intent: z.literal("unretire") }),
  ],
  { errorMap: () => ({ message: "Choose what to do" }) },
);

export const domainSchema = z.object({ name: name("domain"), description });

/** The framework forms' fields for each refusal code the framework model gives; others concern the whole form. */
export const frameworkRefusalFields: Record<string, string> = {
  domain_unknown: "domainId",
  domain_name_taken: "name",
  capability_code_taken: "code",
};
