import type { OrganisationType } from "../../db/schema";

/** Trust types are not in ODS data; admins set them. */
export const ORGANISATION_TYPES: { value: OrganisationType; label: string }[] = [
  { value: "acute", label: "Acute" },
  { value: "acute_specialist", label: "Acute specialist" },
  { value: "mental_health", label: "Mental health" },
  { value: "community", label: "Community" },
  { value: "ambulance", label: "Ambulance" },
  { value: "other", label: "Other" },
];
