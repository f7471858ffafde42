import {
  CompiledQuery,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type SqliteDialectConfig,
} from "kysely";

/**
 * Transactions take SQLite's write lock when they begin (BEGIN IMMEDIATE), not at their first
 * write. A deferred transaction that reads and then writes fails at once with SQLITE_BUSY when
 * another process committed in between, and busy_timeout cannot help it; taking the lock first
 * makes a second process wait its turn instead, so a read-then-write check holds across processes.
 */
class WriteLockFirstDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}

export class SqliteWriteLockFirstDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new WriteLockFirstDriver(this.#config);
  }
}
