#!/usr/bin/env bash
# Installs PostgreSQL from the Debian packages if it is missing, creates the benchmark's own cluster (its own port
# and data folder, so it never touches another cluster on the machine), starts it, and creates the database.
# Idempotent: run it any number of times. Prints the JDBC URL to use on its last line.
#
#   src/bench/postgres.sh          # install, create, start
#   src/bench/postgres.sh stop     # stop the benchmark cluster
#   src/bench/postgres.sh drop     # stop and delete it (and its data)
set -euo pipefail

PORT=${NEWSROOM_PG_PORT:-5499}
CLUSTER=newsroom_bench
DATABASE=newsroom

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
as_postgres() { as_root runuser -u postgres -- "$@"; }

if ! command -v pg_lsclusters >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  echo "installing PostgreSQL from the Debian packages" >&2
  as_root apt-get update -q >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2
fi
VERSION=$(ls /usr/lib/postgresql | sort -V | tail -1)

cluster_exists() { pg_lsclusters -h | awk -v v="$VERSION" -v c="$CLUSTER" '$1 == v && $2 == c {found=1} END {exit !found}'; }
cluster_online() { pg_lsclusters -h | awk -v v="$VERSION" -v c="$CLUSTER" '$1 == v && $2 == c && $4 ~ /online/ {found=1} END {exit !found}'; }

case "${1:-start}" in
  stop)
    if cluster_online; then as_root pg_ctlcluster "$VERSION" "$CLUSTER" stop; fi
    exit 0 ;;
  drop)
    if cluster_exists; then as_root pg_dropcluster --stop "$VERSION" "$CLUSTER"; fi
    exit 0 ;;
  start) ;;
  *) echo "usage: $0 [start|stop|drop]" >&2; exit 2 ;;
esac

if ! cluster_exists; then
  echo "creating PostgreSQL $VERSION cluster $CLUSTER on port $PORT" >&2
  # Local connections only, without password: the benchmark talks to it over the loopback interface.
  as_root pg_createcluster "$VERSION" "$CLUSTER" --port "$PORT" \
    -o listen_addresses=localhost \
    -o shared_buffers=2GB \
    -o effective_cache_size=12GB \
    -o work_mem=64MB \
    -o maintenance_work_mem=1GB \
    -o max_wal_size=8GB \
    -o random_page_cost=1.1 \
    -o jit=off \
    -- --auth-local=trust --auth-host=trust >&2
fi
if ! cluster_online; then
  as_root pg_ctlcluster "$VERSION" "$CLUSTER" start >&2
fi
if ! as_postgres psql -p "$PORT" -Atqc "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'" | grep -q 1; then
  as_postgres createdb -p "$PORT" "$DATABASE" >&2
fi
echo "jdbc:postgresql://127.0.0.1:$PORT/$DATABASE?user=postgres"
