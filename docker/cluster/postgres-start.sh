#!/bin/bash
# PostgreSQL from Debian's package: a database "chat" owned by user "chat" (password from
# POSTGRES_PASSWORD), data in /var/lib/chat-postgres, listening on every address of the container.
set -euo pipefail
DATA=/var/lib/chat-postgres
BIN="$(ls -d /usr/lib/postgresql/*/bin | head -n 1)"
mkdir -p "$DATA" /run/postgresql
chown -R postgres:postgres "$DATA" /run/postgresql
if [ ! -s "$DATA/PG_VERSION" ]; then
  su postgres -c "$BIN/initdb -D $DATA -E UTF8 --locale=C.UTF-8 -U postgres" >/dev/null
  echo "host all all 0.0.0.0/0 scram-sha-256" >> "$DATA/pg_hba.conf"
  su postgres -c "$BIN/pg_ctl -D $DATA -o '-c listen_addresses=localhost' -w start" >/dev/null
  su postgres -c "psql -q -c \"CREATE USER chat PASSWORD '${POSTGRES_PASSWORD:?}'\" -c 'CREATE DATABASE chat OWNER chat'"
  su postgres -c "$BIN/pg_ctl -D $DATA -w stop" >/dev/null
fi
exec su postgres -c "exec $BIN/postgres -D $DATA -c listen_addresses='*'"
