import { json } from "@remix-run/node";
import { sql } from "kysely";
import { getConnection } from "~/db.server";

/** Liveness and database state for load balancers and monitoring; public and cheap. */
export async function loader() {
  const connection = getConnection();
  const started = performance.now();
  try {
    await sql`select 1`.execute(connection.db);
    return json(
      {
        status: "ok",
        database: {
          engine: connection.engine,
          state: "ok",
          latencyMs: Math.round((performance.now() - started) * 10) / 10,
        },
      },
      { headers: { "Cache-Control": "no-store" } },
    );
  } catch (error) {
    console.error(error);
    return json(
      { status: "degraded", database: { engine: connection.engine, state: "unreachable" } },
      { status: 503, headers: { "Cache-Control": "no-store" } },
    );
  }
}
