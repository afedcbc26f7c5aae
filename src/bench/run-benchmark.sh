#!/usr/bin/env bash
# The whole benchmark in one command (see docs/benchmarks.md):
#   src/bench/run-benchmark.sh 100000          # generate, index, query in-process / HTTP / PostgreSQL
#   src/bench/run-benchmark.sh 1000000 --seconds 120
# Extra arguments go to `newsroom-bench bench` (e.g. --concurrency 8, --reindex false, --pg-url "" to skip
# PostgreSQL). Generated data goes under $NEWSROOM_BENCH_DIR (default: the system's temporary folder), never
# into the repository; the report is written there and printed at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."

ARTICLES=${1:-100000}
shift || true
WORK=${NEWSROOM_BENCH_DIR:-${TMPDIR:-/tmp}/newsroom-bench}/$ARTICLES

# The same JDK lookup as ./newsroom and .ci/run.
. src/bin/find-java.sh
JAVA_HOME=$(find_java jdk)
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"

mvn -B -q package -DskipTests
PG_URL=$(src/bench/postgres.sh | tail -1)
# wrk (Debian package) repeats the HTTP run with a native client; the benchmark skips it if it is missing.
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
if ! command -v wrk >/dev/null 2>&1; then
  as_root apt-get install -y -q wrk >&2 || { as_root apt-get update -q >&2 && as_root apt-get install -y -q wrk >&2; } \
    || echo "could not install wrk: the HTTP run with it is skipped" >&2
fi
mkdir -p "$WORK"
# Run from a copy, so rebuilding the project while a long benchmark runs cannot pull the jar from under it; the
# bench jar carries the product, and starts the server it measures from that same copy.
cp bench/target/newsroom-bench.jar "$WORK/newsroom-bench.jar"
java -Xms4g -Xmx4g --enable-native-access=ALL-UNNAMED -jar "$WORK/newsroom-bench.jar" bench \
  --articles "$ARTICLES" --work "$WORK" --pg-url "$PG_URL" "$@" 2>&1 | tee "$WORK/bench.log" | grep --line-buffered -v ' access - '
echo "report: $WORK/report.md"
