import SQLite from "better-sqlite3";
import fs from "node:fs";

export interface BackupProgress {
  totalPages: number;
  remainingPages: number;
  /** True once a write from another connection has made SQLite start the copy again. */
  restarted: boolean;
}

export interface BackupResult {
  pages: number;
  bytes: number;
  /** How often another connection's write restarted the copy. */
  restarts: number;
}

export interface BackupOptions {
  /** Pages copied per step; the source is free for writers between steps. */
  pagesPerStep?: number;
}

// sqlite3_backup_step with this count copies whatever remains in one read transaction.
const ALL_REMAINING_PAGES = 0x7fffffff;

/**
 * Copies a live SQLite database with the online backup API, so the copy is one committed
 * state even while the app writes. A path is opened for the copy and closed after; a handle
 * is used as it is (writes through that same handle are carried into the copy, not restarted).
 */
export async function backupSqlite(
  source: string | SQLite.Database,
  destination: string,
  onProgress?: (progress: BackupProgress) => void,
  { pagesPerStep = 100 }: BackupOptions = {},
): Promise<BackupResult> {
  const sqlite = typeof source === "string" ? openSource(source) : source;
  let restarts = 0;
  let lastCopied = 0;
  try {
    const final = await sqlite.backup(destination, {
      progress: ({ totalPages, remainingPages }) => {
        // A commit by another connection between steps sends SQLite back to page 1. On a
        // busy database small steps could restart for ever, so after a restart the rest is
        // taken in a single step: in WAL mode that read does not hold up the writers.
        const copied = totalPages - remainingPages;
        if (copied < lastCopied) restarts++;
        lastCopied = copied;
        onProgress?.({ totalPages, remainingPages, restarted: restarts > 0 });
        return restarts > 0 ? ALL_REMAINING_PAGES : pagesPerStep;
      },
    });
    onProgress?.({ totalPages: final.totalPages, remainingPages: 0, restarted: restarts > 0 });
    return { pages: final.totalPages, bytes: fs.statSync(destination).size, restarts };
  } finally {
    if (typeof source === "string") sqlite.close();
  }
}

function openSource(file: string): SQLite.Database {
  // fileMustExist: a mistyped path must fail, not back up a new empty database. Read-write
  // (though nothing is written) so that, when the app is stopped, closing tidies the -wal
  // and -shm files away as the app itself would; a read-only handle leaves them behind.
  const sqlite = new SQLite(file, { fileMustExist: true });
  try {
    sqlite.pragma("busy_timeout = 5000");
    // Reading the schema fails now, with a plain message, if the file is not a database.
    sqlite.prepare("SELECT count(*) FROM sqlite_schema").get();
    return sqlite;
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

/** Runs PRAGMA integrity_check on a database file and returns its messages, "ok" when sound. */
export function integrityCheck(file: string): string {
  const sqlite = new SQLite(file, { fileMustExist: true });
  try {
    const rows = sqlite.pragma("integrity_check") as { integrity_check: string }[];
    return rows.map((row) => row.integrity_check).join("\n");
  } finally {
    sqlite.close();
  }
}
