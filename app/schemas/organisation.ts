import { z } from "zod";
import { pageNumber } from "./page";

const checkbox = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => v !== undefined && v !== "");

export const organisationFiltersSchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  region: z.string().trim().max(10).optional().catch(undefined),
  icb: z.string().trim().max(10).optional().catch(undefined),
  type: z.string().trim().max(30).optional().catch(undefined),
  pioneer: checkbox.catch(false),
  page: pageNumber,
});

/** The form sends its yes/no facts as one "flags" checkbox group; the model wants booleans. */
const withFlags = (raw: unknown) => {
  const values = (raw ?? {}) as Record<string, unknown>;
  const flags = ([] as unknown[]).concat(values.flags ?? []);
  const set = (name: string) => (flags.includes(name) ? "1" : undefined);
  return {
    ...values,
    isFoundationTrust: set("isFoundationTrust"),
    active: set("active"),
    seeksHelp: set("seeksHelp"),
    offersOutreach: set("offersOutreach"),
  };
};

export const organisationFieldsSchema = z.object({
  odsCode: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9]{3,5}$/, "Enter an ODS code of 3 to 5 letters and numbers, like RWK"),
  name: z.string().trim().min(1, "Enter the organisation's name").max(200, "Name must be 200 characters or fewer"),
  type: z.enum(["acute", "acute_specialist", "mental_health", "community", "ambulance", "other"], {
    errorMap: () => ({ message: "Select the type of organisation" }),
  }),
  isFoundationTrust: checkbox,
  regionCode: z.string().trim().min(1, "Select the NHS England region"),
  icbCode: z
    .string()
    .trim()
    .transform((v) => (v === "" ? null : v)),
  address: z.string().trim().max(300, "Address must be 300 characters or fewer").default(""),
  postcode: z
    .string()
    .trim()
    .toUpperCase()
    .refine((v) => v === "" || /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/.test(v), "Enter a full UK postcode, like E1 8DE")
    .default(""),
  active: checkbox,
  seeksHelp: checkbox,
  offersOutreach: checkbox,
});

export interface OrganisationReferences {
  regionCodes: readonly string[];
  icbCodes: readonly string[];
}

/** The organisation form, checked against the regions and boards that exist, so an unknown code is a message next to its field. */
export const organisationSchema = ({ regionCodes, icbCodes }: OrganisationReferences) =>
  z.preprocess(
    withFlags,
    organisationFieldsSchema.superRefine((o, ctx) => {
      if (o.regionCode && !regionCodes.includes(o.regionCode))
        ctx.addIssue({ code: "custom", path: ["regionCode"], message: "Select the NHS England region from the list" });
      if (o.icbCode !== null && !icbCodes.includes(o.icbCode))
        ctx.addIssue({
          code: "custom",
          path: ["icbCode"],
          message: "Select the integrated care board from the list, or none",
        });
    }),
  );

/** An organisation's own administrator says only whether it seeks help: pioneer status is asked for and granted. */
export const ownProfileSchema = z.preprocess(withFlags, z.object({ seeksHelp: checkbox }));

/** The organisation form's fields for each refusal code the organisation model gives. */
export const organisationRefusalFields: Record<string, string> = { ods_code_taken: "odsCode" };
