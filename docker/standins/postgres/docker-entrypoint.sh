#!/bin/sh
# First start on an empty data directory: create the cluster with POSTGRES_USER and
# POSTGRES_PASSWORD, the database POSTGRES_DB, and run /docker-entrypoint-initdb.d/*.sql.
set -eu
user="${POSTGRES_USER:-postgres}"
database="${POSTGRES_DB:-$user}"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
    password_file=$(mktemp)
    printf '%s\n' "${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}" > "$password_file"
    initdb --username="$user" --encoding=UTF8 --locale=C.UTF-8 --pwfile="$password_file" --auth-local=trust --auth-host=scram-sha-256 >/dev/null
    rm -f "$password_file"
    echo "host all all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
    pg_ctl --wait --silent --options="-c listen_addresses=''" start
    [ "$database" = postgres ] || createdb --username="$user" "$database"
    for script in /docker-entrypoint-initdb.d/*.sql; do
        [ -e "$script" ] && psql --quiet --set ON_ERROR_STOP=1 --username="$user" --dbname="$database" --file="$script"
    done
    pg_ctl --wait --silent --mode=fast stop
fi
if [ "$1" = postgres ]; then
    shift
    exec postgres -c listen_addresses='*' "$@"
fi
exec "$@"
