import { z } from "zod";

/** Form field names; capability ids and factor codes make them unique on the page. */
export const maturityField = (capabilityId: string) => `maturity-${capabilityId}`;
export const evidenceField = (capabilityId: string) => `evidence-${capabilityId}`;
export const readinessField = (factorCode: string) => `readiness-${factorCode}`;

export const EVIDENCE_MAX = 1000;
export const NOTE_MAX = 2000;

const LEVELS = ["1", "2", "3", "4", "5"] as const;

const level = (message: string) => z.enum(LEVELS, { errorMap: () => ({ message }) }).transform(Number);

export interface AssessedCapability {
  id: string;
  name: string;
}

export interface AssessedFactor {
  code: string;
  name: string;
}

/** The field names in page order, so the error summary lists problems as the form shows them. */
export function assessmentFieldOrder(capabilities: AssessedCapability[], factors: AssessedFactor[]): string[] {
  return [
    ...capabilities.flatMap((c) => [maturityField(c.id), evidenceField(c.id)]),
    ...factors.map((f) => readinessField(f.code)),
    "note",
  ];
}

/**
 * The self-assessment form for the framework as it stands: a level for every active capability
 * and readiness factor, optional evidence per capability and an optional note.
 */
export function assessmentSchema(capabilities: AssessedCapability[], factors: AssessedFactor[]) {
  const shape: Record<string, z.ZodTypeAny> = {
    note: z
      .string()
      .trim()
      .max(NOTE_MAX, `The note must be ${NOTE_MAX.toLocaleString("en-GB")} characters or fewer`)
      .default(""),
  };
  for (const c of capabilities) {
    shape[maturityField(c.id)] = level(`Select a maturity level for ${c.name}`);
    shape[evidenceField(c.id)] = z
      .string()
      .trim()
      .max(
        EVIDENCE_MAX,
        `The evidence for ${c.name} must be ${EVIDENCE_MAX.toLocaleString("en-GB")} characters or fewer`,
      )
      .default("");
  }
  for (const f of factors)
    shape[readinessField(f.code)] = level(`Select a level of readiness for ${f.name.toLowerCase()}`);

  return z
    .object(shape)
    .superRefine((_, ctx) => {
      if (capabilities.length === 0)
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ["form"],
          message: "The capability framework has no capabilities to assess yet",
        });
    })
    .transform((values) => ({
      scores: capabilities.map((c) => ({
        capabilityId: c.id,
        maturity: values[maturityField(c.id)] as number,
        evidence: values[evidenceField(c.id)] as string,
      })),
      readiness: factors.map((f) => ({ factorCode: f.code, score: values[readinessField(f.code)] as number })),
      note: values.note as string,
    }));
}

/** The assessment form's field for each refusal code the assessment model gives; others concern the whole form. */
export function assessmentRefusalField(code: string): string | undefined {
  if (code.startsWith("maturity:")) return maturityField(code.slice("maturity:".length));
  if (code.startsWith("readiness:")) return readinessField(code.slice("readiness:".length));
  return code === "assessed_on" ? "assessedOn" : undefined;
}
