import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../../../db/schema";

export type Db = Kysely<Database> | Transaction<Database>;

/** Counting stops here: past it the page says "more than 1,000", which is all pagination needs. */
export const COUNT_CAP = 1000;
/** The same for searches with filters, whose entries are counted one check at a time. */
export const FILTERED_COUNT_CAP = 100;

export interface LearningSearchParams {
  /** What the person typed; empty lists the newest shared entries first. */
  query: string;
  /** Entries tagged with any of these capabilities. */
  capabilityIds?: string[];
  /** Entries whose engagement's offer has one of these formats. */
  formatCodes?: string[];
  /** Entries where either trust is in this NHS England region. */
  regionCode?: string;
  /** Recorded on or after this date, YYYY-MM-DD. */
  from?: string;
  /** Recorded on or before this date, YYYY-MM-DD. */
  to?: string;
  page: number;
  pageSize: number;
}

export interface LearningSearchHit {
  id: string;
  title: string;
  /** The title with matched words between the markers of ./markers. */
  markedTitle: string;
  /** A passage of the entry with matched words marked; the start of the insight when nothing was searched. */
  excerpt: string;
  createdAt: string;
  requesterName: string;
  pioneerName: string;
  formatName: string;
  capabilities: { id: string; name: string }[];
}

export interface LearningSearchResult {
  hits: LearningSearchHit[];
  /** Matching entries, counted up to COUNT_CAP (FILTERED_COUNT_CAP when filters apply). */
  total: number;
  /** True when more entries match than were counted. */
  moreThanTotal: boolean;
}

/** The full-text index of shared learning entries, one implementation per engine. */
export interface LearningSearch {
  /** Writes the entry's row from its current title, insight, links, actions and capabilities; a private entry is taken out. */
  indexEntry(trx: Db, entryId: string): Promise<void>;
  /** indexEntry for many entries at once (a bulk load): a few statements per batch instead of several per entry. */
  indexEntries(trx: Db, entryIds: readonly string[]): Promise<void>;
  removeEntry(trx: Db, entryId: string): Promise<void>;
  search(db: Db, params: LearningSearchParams): Promise<LearningSearchResult>;
}
