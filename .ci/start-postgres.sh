#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on 127.0.0.1:55432 with a peerlink superuser.
set -euo pipefail
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
DATA=${PGDATA_DIR:-/tmp/peerlink-pg}
if [ ! -f "$DATA/PG_VERSION" ]; then
  rm -rf "$DATA"; mkdir -p "$DATA"; chown postgres:postgres "$DATA"
  runuser -u postgres -- "$PGBIN/initdb" -D "$DATA" -U postgres -A trust >/dev/null
fi
if ! runuser -u postgres -- "$PGBIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w \
    -o "-p 55432 -c listen_addresses=127.0.0.1 -c unix_socket_directories=/tmp -c fsync=off -c max_connections=200" start >/dev/null
fi
runuser -u postgres -- "$PGBIN/psql" -h 127.0.0.1 -p 55432 -U postgres -qtAc \
  "DO \$\$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname='peerlink') THEN CREATE ROLE peerlink LOGIN SUPERUSER PASSWORD 'peerlink'; END IF; END\$\$;"
echo "PostgreSQL is running on 127.0.0.1:55432"
