import { z } from "zod";

/** No list is this long; a larger number would overflow the query's offset. */
export const MAX_PAGE = 10_000;

/** A page number from the address bar: anything that is not a page from 1 to MAX_PAGE reads as page 1. */
export const pageNumber = z.coerce.number().int().min(1).max(MAX_PAGE).catch(1);

export const pageSchema = z.object({ page: pageNumber });
