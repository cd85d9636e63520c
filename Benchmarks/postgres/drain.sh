#!/usr/bin/env bash
# One routing core draining a queue on PostgreSQL: N leads imported without routing (`handoff import`),
# kept as a template database; then ROUNDS times, each on a fresh copy of it, `handoff route` drains the
# whole queue (the routing core's batches, as a worker's), beside psql's \copy of the same CSV into a
# plain table on the same run (the machine is shared and noisy: compare medians and the ratio).
# Each round also runs `handoff worker` (the headless core a team runs, batches of 500) on another copy,
# timed from its start to the moment the queue reads empty (checked every 0.2 s), then stopped.
# BATCH sets `route --batch` (default: the command's own). OTHER=PATH times a second handoff binary in
# turn with the first (an older build, say), on copies of a template it imported itself (a binary
# refuses a schema newer than its own).
# Needs PostgreSQL: HANDOFF_TEST_POSTGRES_URL (a server whose user may create databases), else a
# throwaway cluster is started with .ci/postgres and stopped at the end.
# Usage: Benchmarks/postgres/drain.sh [N=200000] [ROUNDS=3]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
n=${1:-200000}
rounds=${2:-3}
work=$(mktemp -d)
source "$here/server.sh"
cleanup() {
    pg_server_stop
    rm -rf "$work"
}
trap cleanup EXIT
(cd "$repo/Benchmarks" && swift build -c release --product GenerateLeads >/dev/null 2>&1)
(cd "$repo" && swift build -c release --product handoff >/dev/null 2>&1)
handoff="$repo/.build/release/handoff"
other=${OTHER:-}
pg_server_start

"$repo/Benchmarks/.build/release/GenerateLeads" "$n" "$work/leads.csv" 42 >/dev/null
cp "$repo/examples/rulebook.yaml" "$work/rulebook.yaml"
now=2026-11-24T14:30:00Z
columns=$(head -1 "$work/leads.csv" | awk -F, '{ for (i = 1; i <= NF; i++) printf "%s\"c%d\" text", (i > 1 ? ", " : ""), i }')
batch=()
[[ -n ${BATCH:-} ]] && batch=(--batch "$BATCH")

template="handoff_drain_$$"
imported() {
    local binary=$1 db=$2
    psql "$(plain "$server")" -qc "CREATE DATABASE $db" >/dev/null
    "$binary" init --database "$(database_url "$db")" "$work/init-$db" >/dev/null
    "$binary" import "$work/leads.csv" --db "$(database_url "$db")" --rules "$work/rulebook.yaml" --now $now >/dev/null 2>&1
}
imported "$handoff" "$template"
[[ -n $other ]] && imported "$other" "${template}_other"
queued=$(psql "$(plain "$(database_url "$template")")" -Atc "SELECT count(*) FROM leads WHERE state = 'received'")
psql "$(plain "$(database_url "$template")")" -qc "CREATE TABLE plain ($columns)" >/dev/null

: > "$work/times"
drain() {
    local label=$1 binary=$2 db="${template}_$3" from=$4
    psql "$(plain "$server")" -qc "CREATE DATABASE $db TEMPLATE $from" >/dev/null
    echo "$label $(seconds "$binary" route --db "$(database_url "$db")" --rules "$work/rulebook.yaml" --now $now "${batch[@]}")" >> "$work/times"
    local left
    left=$(psql "$(plain "$(database_url "$db")")" -Atc "SELECT count(*) FROM leads WHERE state = 'received'")
    [[ $left == 0 ]] || { echo "$label left $left leads queued" >&2; exit 1; }
    psql "$(plain "$server")" -qc "DROP DATABASE $db" >/dev/null
}
worker_drain() {
    local db="${template}_worker_$1"
    psql "$(plain "$server")" -qc "CREATE DATABASE $db TEMPLATE $template" >/dev/null
    local url start end pid
    url=$(database_url "$db")
    (cd "$work" && exec "$handoff" worker --db "$url" --rules "$work/rulebook.yaml" --now $now >/dev/null 2>&1) &
    pid=$!
    start=$(date +%s.%N)
    # Polled five times a second: a client started more often takes the machine's time from the worker
    # it measures (and a server-side loop holds back the cleanup of the queue's index).
    until [[ $(psql "$(plain "$url")" -Atc "SELECT EXISTS (SELECT 1 FROM handoff_queued(1))") == f ]]; do sleep 0.2; done
    end=$(date +%s.%N)
    kill "$pid"; wait "$pid" 2>/dev/null || true
    echo "worker $(echo "$end - $start" | bc -l)" >> "$work/times"
    psql "$(plain "$server")" -qc "DROP DATABASE $db" >/dev/null
}
for round in $(seq "$rounds"); do
    db="${template}_copy_$round"
    psql "$(plain "$server")" -qc "CREATE DATABASE $db TEMPLATE $template" >/dev/null
    echo "copy $(seconds psql "$(plain "$(database_url "$db")")" -qc "\\copy plain FROM '$work/leads.csv' WITH (FORMAT csv, HEADER true)")" >> "$work/times"
    psql "$(plain "$server")" -qc "DROP DATABASE $db" >/dev/null
    drain route "$handoff" "$round" "$template"
    if [[ -n $other ]]; then drain other "$other" "other_$round" "${template}_other"; fi
    worker_drain "$round"
done
psql "$(plain "$server")" -qc "DROP DATABASE $template" >/dev/null
[[ -n $other ]] && psql "$(plain "$server")" -qc "DROP DATABASE ${template}_other" >/dev/null
median() { awk -v k="$1" '$1 == k { print $2 }' "$work/times" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
all() { awk -v k="$1" '$1 == k { printf "%s%.2f", (n++ ? ", " : ""), $2 }' "$work/times"; }
route=$(median route) copy=$(median copy) worker=$(median worker)
awk -v n="$queued" -v r="$route" -v w="$worker" -v c="$copy" -v k="$rounds" -v runs="$(all route)" -v wruns="$(all worker)" 'BEGIN {
    printf "%d queued leads, medians of %d rounds\n", n, k
    printf "route, draining the queue:  %6.2f s  %7.0f leads/s  %5.1fx psql \\copy of the CSV (%.2f s)  [%s]\n", r, n / r, r / c, c, runs
    printf "worker, draining the queue: %6.2f s  %7.0f leads/s  %5.1fx psql \\copy  [%s]\n", w, n / w, w / c, wruns
}'
if [[ -n $other ]]; then
    o=$(median other)
    awk -v n="$queued" -v o="$o" -v r="$route" -v runs="$(all other)" 'BEGIN {
        printf "the other binary:           %6.2f s  %7.0f leads/s  (this one takes %.2fx its time)  [%s]\n", o, n / o, r / o, runs
    }'
fi
