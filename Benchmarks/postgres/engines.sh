#!/usr/bin/env bash
# The two engines side by side on one run: `handoff import --route` of N leads into an SQLite file and
# into a PostgreSQL database, each beside its engine's own bulk load of the same CSV into a plain table
# (sqlite3's .import, psql's \copy), ROUNDS times in turn (the machine is shared and noisy: compare
# medians and ratios from one run). Then `leads --state flagged --limit 50` and `report` on each result.
# Needs PostgreSQL: HANDOFF_TEST_POSTGRES_URL (a server whose user may create databases), else a
# throwaway cluster is started with .ci/postgres and stopped at the end.
# Usage: Benchmarks/postgres/engines.sh [N=200000] [ROUNDS=3]
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
pg_server_start

"$repo/Benchmarks/.build/release/GenerateLeads" "$n" "$work/leads.csv" 42 >/dev/null
cp "$repo/examples/rulebook.yaml" "$work/rulebook.yaml"
now=2026-11-24T14:30:00Z
columns=$(head -1 "$work/leads.csv" | awk -F, '{ for (i = 1; i <= NF; i++) printf "%s\"c%d\" text", (i > 1 ? ", " : ""), i }')

: > "$work/times"
for round in $(seq "$rounds"); do
    db="handoff_engines_$$_$round"
    psql "$(plain "$server")" -qc "CREATE DATABASE $db" >/dev/null
    url=$(database_url "$db")
    "$handoff" init --database "$url" "$work/init" >/dev/null
    psql "$(plain "$url")" -qc "CREATE TABLE plain ($columns)" >/dev/null
    echo "sqlite3 $(seconds sqlite3 "$work/plain-$round.db" -cmd '.mode csv' ".import $work/leads.csv leads")" >> "$work/times"
    echo "sqlite $(seconds "$handoff" import "$work/leads.csv" --route --db "$work/handoff-$round.db" --rules "$work/rulebook.yaml" --now $now)" >> "$work/times"
    echo "copy $(seconds psql "$(plain "$url")" -qc "\\copy plain FROM '$work/leads.csv' WITH (FORMAT csv, HEADER true)")" >> "$work/times"
    echo "postgres $(seconds "$handoff" import "$work/leads.csv" --route --db "$url" --rules "$work/rulebook.yaml" --now $now)" >> "$work/times"
    last_url=$url
done
median() { awk -v k="$1" '$1 == k { print $2 }' "$work/times" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
lite=$(median sqlite) pg=$(median postgres) ceiling=$(median sqlite3) copy=$(median copy)
query() { local start end; start=$(date +%s%N); "$handoff" "$@" >/dev/null; end=$(date +%s%N); echo $(( (end - start) / 1000000 )); }
awk -v n="$n" -v l="$lite" -v p="$pg" -v c="$ceiling" -v y="$copy" -v r="$rounds" 'BEGIN {
    printf "%d leads, medians of %d rounds\n", n, r
    printf "import --route, SQLite:      %6.2f s  %7.0f leads/s  %5.1fx sqlite3 .import (%.2f s)\n", l, n / l, l / c, c
    printf "import --route, PostgreSQL:  %6.2f s  %7.0f leads/s  %5.1fx psql \\copy (%.2f s)\n", p, n / p, p / y, y
    printf "PostgreSQL against SQLite:   %.1fx the time\n", p / l
}'
echo "leads --state flagged --limit 50: SQLite $(query leads --state flagged --limit 50 --db "$work/handoff-$rounds.db") ms, PostgreSQL $(query leads --state flagged --limit 50 --db "$last_url") ms"
echo "report: SQLite $(query report --db "$work/handoff-$rounds.db" --now $now) ms, PostgreSQL $(query report --db "$last_url" --now $now) ms"
