#!/usr/bin/env bash
# Install (if missing) and start a throw-away PostgreSQL cluster for warta's tests, then print
# the URL to test against. Idempotent: running it again reuses the cluster, role and database.
#
#   eval "$(.ci/install-postgres.sh --export)"     # sets WARTA_TEST_PG_URL
#   WARTA_TEST_PG_URL=$(.ci/install-postgres.sh | tail -n1) pytest
#
# Environment: WARTA_PG_PORT (default 54329), WARTA_PG_CLUSTER (default warta).
set -euo pipefail

PORT="${WARTA_PG_PORT:-54329}"
CLUSTER="${WARTA_PG_CLUSTER:-warta}"
ROLE=warta_test
DB=warta_test
PASSWORD=warta_test
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

log() { echo "install-postgres: $*" >&2; }

if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    log "installing Debian's postgresql"
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi

VERSION="$(ls /usr/lib/postgresql | sort -V | tail -n1)"

if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$VERSION $CLUSTER"; then
    log "creating cluster $VERSION/$CLUSTER on 127.0.0.1:$PORT"
    $SUDO pg_createcluster -p "$PORT" "$VERSION" "$CLUSTER" -- --auth-local=peer --auth-host=scram-sha-256 >&2
    # a test server: localhost only; durability is not needed, speed is
    printf '%s\n' "listen_addresses = '127.0.0.1'" "fsync = off" "synchronous_commit = off" \
        "full_page_writes = off" "max_connections = 200" \
        | $SUDO tee "/etc/postgresql/$VERSION/$CLUSTER/conf.d/warta-test.conf" >/dev/null
fi

STATUS="$(pg_lsclusters -h | awk -v v="$VERSION" -v c="$CLUSTER" '$1==v && $2==c {print $4}')"
if [ "$STATUS" != "online" ]; then
    log "starting cluster $VERSION/$CLUSTER"
    $SUDO pg_ctlcluster "$VERSION" "$CLUSTER" start >&2
fi
PORT="$(pg_lsclusters -h | awk -v v="$VERSION" -v c="$CLUSTER" '$1==v && $2==c {print $3}')"

psql_admin() { $SUDO -u postgres psql -p "$PORT" -h /var/run/postgresql -v ON_ERROR_STOP=1 -qAt "$@"; }
if [ -z "$SUDO" ]; then psql_admin() { su postgres -c "psql -p $PORT -h /var/run/postgresql -v ON_ERROR_STOP=1 -qAt $(printf '%q ' "$@")"; }; fi

for _ in $(seq 1 30); do psql_admin -c "SELECT 1" >/dev/null 2>&1 && break; sleep 1; done

if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'")" != "1" ]; then
    log "creating role $ROLE"
    psql_admin -c "CREATE ROLE $ROLE LOGIN CREATEDB PASSWORD '$PASSWORD'"
fi
if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$DB'")" != "1" ]; then
    log "creating database $DB"
    psql_admin -c "CREATE DATABASE $DB OWNER $ROLE ENCODING 'UTF8' TEMPLATE template0"
fi

CFG="$(psql_admin -d "$DB" -c "SELECT CASE WHEN EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'indonesian') THEN 'indonesian' ELSE 'simple' END")"
log "PostgreSQL $VERSION cluster '$CLUSTER' online on 127.0.0.1:$PORT; text search configuration: $CFG"

URL="postgresql+psycopg://$ROLE:$PASSWORD@127.0.0.1:$PORT/$DB"
if [ "${1:-}" = "--export" ]; then
    echo "export WARTA_TEST_PG_URL='$URL'"
else
    echo "$URL"
fi
