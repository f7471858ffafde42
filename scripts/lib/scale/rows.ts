import type { Insertable, Kysely, Transaction } from "kysely";
import type { Database } from "../../../db/schema";

export type Db = Kysely<Database> | Transaction<Database>;
export type TableName = keyof Database & string;
export type Row<T extends TableName> = Insertable<Database[T]>;

/**
 * Bound values per statement: SQLite allows 32,766 and PostgreSQL 65,535. Staying under the
 * smaller with room to spare, 500 rows fit in one insert for every table here.
 */
const MAX_VALUES = 30_000;
const ROWS_PER_INSERT = 500;

/**
 * Collects rows per table and writes them as multi-row inserts. Tables are flushed in the order
 * they were first given rows, and flushing one flushes those before it, so a child row never
 * reaches the database before its parent (foreign keys are checked at once on SQLite).
 */
export class RowSink {
  private readonly buffers = new Map<TableName, unknown[]>();
  private readonly limits = new Map<TableName, number>();
  /** Rows written so far, for the summary. */
  written = 0;

  constructor(private readonly db: Db) {}

  async add<T extends TableName>(table: T, row: Row<T>): Promise<void> {
    let buffer = this.buffers.get(table);
    if (!buffer) {
      buffer = [];
      this.buffers.set(table, buffer);
      this.limits.set(table, Math.max(1, Math.min(ROWS_PER_INSERT, Math.floor(MAX_VALUES / Object.keys(row).length))));
    }
    buffer.push(row);
    if (buffer.length >= this.limits.get(table)!) await this.flushThrough(table);
  }

  async addAll<T extends TableName>(table: T, rows: readonly Row<T>[]): Promise<void> {
    for (const row of rows) await this.add(table, row);
  }

  private async flushThrough(table: TableName): Promise<void> {
    for (const [name, buffer] of this.buffers) {
      await this.write(name, buffer);
      if (name === table) return;
    }
  }

  private async write(table: TableName, buffer: unknown[]): Promise<void> {
    while (buffer.length > 0) {
      const rows = buffer.splice(0, this.limits.get(table)!);
      // The rows were typed when added; the table name is generic here, which Kysely cannot follow.
      await (this.db as unknown as Kysely<Record<string, Record<string, unknown>>>)
        .insertInto(table)
        .values(rows as Record<string, unknown>[])
        .execute();
      this.written += rows.length;
    }
  }

  async flush(): Promise<void> {
    for (const [name, buffer] of this.buffers) await this.write(name, buffer);
  }
}

/**
 * Runs `write` over the items in transactions of `chunk` items each, with a sink that is flushed
 * before each commit. Returns the rows written.
 */
export async function writeInChunks<T>(
  db: Kysely<Database>,
  items: readonly T[],
  chunk: number,
  write: (sink: RowSink, item: T, trx: Transaction<Database>) => Promise<void> | void,
  onChunk: (done: number) => void,
): Promise<number> {
  let rows = 0;
  for (let start = 0; start < items.length; start += chunk) {
    const slice = items.slice(start, start + chunk);
    rows += await db.transaction().execute(async (trx) => {
      const sink = new RowSink(trx);
      for (const item of slice) await write(sink, item, trx);
      await sink.flush();
      return sink.written;
    });
    onChunk(slice.length);
  }
  return rows;
}
