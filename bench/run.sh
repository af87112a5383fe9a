#!/usr/bin/env bash
# Quorate side-by-side benchmark (issue 11): Quorate, a null Vert.x relay, a Node ws relay and
# PostgreSQL's own ceilings, measured in one run. Writes bench/RESULTS.md and bench/target/results.json.
#   bench/run.sh [--quick] [--server-jar PATH] [--nodes N] [--w2-only 1x1000,100x10] [--diag] [--only-w5] [--only-w3]
# --w2-only runs just W2 against Quorate on those topologies (writes bench/target/RESULTS-w2-only.md, not
# RESULTS.md); --diag logs each post still owed at the end of a run with its ack, and live events seen out of sequence.
# --only-w5: just the ballot burst with and without the ledger (its cost, issue 12), a few minutes.
# --only-w3: PostgreSQL's ceilings and W3 durable posts (no W4), a few minutes; writes bench/target/RESULTS-w3-only.md.
set -euo pipefail
cd "$(dirname "$0")/.."

server_jar=server/target/quorate-server.jar
args=()
jvm=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) args+=(--quick); shift ;;
    --server-jar) server_jar="$2"; shift 2 ;;
    --nodes) args+=(--nodes "$2"); shift 2 ;;
    --w2-only) args+=(--w2-only "$2"); shift 2 ;;
    --diag) jvm+=(-Dbench.diag=true); shift ;;
    --only-w5) args+=(--only-w5); shift ;;
    --only-w3) args+=(--only-w3); shift ;;
    *) echo "usage: bench/run.sh [--quick] [--server-jar PATH] [--nodes N] [--w2-only TOPOLOGIES] [--diag] [--only-w5] [--only-w3]" >&2; exit 2 ;;
  esac
done

for tool in taskset psql pgbench node npm java; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is required" >&2; exit 2; }
done
if [ ! -f bench/target/quorate-bench.jar ] || [ ! -f "$server_jar" ]; then
  mvn -q -o -DskipTests package -pl server,bench -am
fi
[ -d bench/peers/node_modules/ws ] || (cd bench/peers && npm ci --no-audit --no-fund --silent)

ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
# the generator (and pgbench, which it starts) run on CPU 1; the server and relays are pinned to CPU 0
exec taskset -c 1 java "${jvm[@]}" -Xms512m -Xmx1g -XX:+UseParallelGC -jar bench/target/quorate-bench.jar \
  --server-jar "$server_jar" "${args[@]}"
