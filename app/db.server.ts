import { connect, type Connection } from "../db/connect";
import { createAuth, type Auth } from "./auth/lucia.server";
import { config } from "./config.server";

// Kept on globalThis so development rebuilds reuse one connection instead of leaking them.
const holder = globalThis as unknown as { __peerlink?: { connection: Connection; auth: Auth } };

function state() {
  if (!holder.__peerlink) {
    const connection = connect();
    const settings = config();
    const auth = createAuth(connection.db, {
      idleMinutes: settings.SESSION_IDLE_MINUTES,
      absoluteHours: settings.SESSION_ABSOLUTE_HOURS,
      production: settings.NODE_ENV === "production",
    });
    holder.__peerlink = { connection, auth };
  }
  return holder.__peerlink;
}

export const getConnection = () => state().connection;
export const getDb = () => state().connection.db;
export const getAuth = () => state().auth;
