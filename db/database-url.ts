export const DEFAULT_SQLITE_PATH = "./data/peerlink.db";

export type DatabaseTarget = { engine: "sqlite"; file: string } | { engine: "postgres"; url: string };

/** Reads DATABASE_URL: unset or `file:PATH` is SQLite, `postgres://` or `postgresql://` is PostgreSQL. */
export function parseDatabaseUrl(url: string | undefined): DatabaseTarget {
  if (!url || url.trim() === "") return { engine: "sqlite", file: DEFAULT_SQLITE_PATH };
  if (url.startsWith("file:")) {
    const file = url.slice("file:".length);
    if (!file) throw new Error("DATABASE_URL file: needs a path, for example file:./data/peerlink.db");
    return { engine: "sqlite", file };
  }
  if (/^postgres(ql)?:\/\//.test(url)) return { engine: "postgres", url };
  throw new Error(`DATABASE_URL must be file:PATH or postgres://…, not "${redact(url)}"`);
}

export function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
}
