import { randomUUID } from "node:crypto";

/** Row ids are made in the application so both engines store the same text keys. */
export const newId = () => randomUUID();
