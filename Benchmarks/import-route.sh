#!/usr/bin/env bash
# Import + route of N leads from a HubSpot-style CSV: in two steps (`import`, then `route`) and in one
# pass (`import --route`), side by side with two ceilings on the same run: sqlite3's own .import of the
# same file into a plain table, and SQLite alone writing the rows a routed import writes (StoreCeiling).
# Then peak memory and a flagged-leads query on the result.
# Usage: Benchmarks/import-route.sh [N=1000000]
set -euo pipefail
cd "$(dirname "$0")"
n=${1:-1000000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
swift build -c release --product GenerateLeads >/dev/null
swift build -c release --product StoreCeiling >/dev/null 2>&1
(cd .. && swift build -c release --product handoff >/dev/null)
handoff=../.build/release/handoff
.build/release/GenerateLeads "$n" "$work/leads.csv" 42
printf 'leads: %s rows, %s MB\n' "$n" "$(( $(stat -c %s "$work/leads.csv") / 1048576 ))"
cp ../examples/rulebook.yaml "$work/rulebook.yaml"
now=2026-11-24T14:30:00Z

seconds() { /usr/bin/time -f '%e %M' "$@" 2>&1 >/dev/null | tail -1; }
read -r import_s import_kb < <(seconds "$handoff" import "$work/leads.csv" --db "$work/two.db" --now $now)
read -r route_s route_kb < <(seconds "$handoff" route --db "$work/two.db" --rules "$work/rulebook.yaml" --now $now)
read -r pass_s pass_kb < <(seconds "$handoff" import "$work/leads.csv" --route --db "$work/one.db" --rules "$work/rulebook.yaml" --now $now)
read -r ceiling_s _ < <(seconds sqlite3 "$work/raw.db" -cmd '.mode csv' ".import $work/leads.csv leads")
# The same schema, empty, and the decisions' real average size.
head -1 "$work/leads.csv" > "$work/header.csv"
"$handoff" import "$work/header.csv" --db "$work/ceiling.db" --now $now >/dev/null
decision_bytes=$(sqlite3 "$work/one.db" 'SELECT CAST(AVG(LENGTH(decision)) AS INTEGER) FROM leads')
rows=$(sqlite3 "$work/one.db" 'SELECT COUNT(*) FROM leads')
store=$(.build/release/StoreCeiling "$work/ceiling.db" "$rows" "$decision_bytes")
query_s=$( { /usr/bin/time -f '%e' "$handoff" leads --state flagged --limit 50 --db "$work/one.db" >/dev/null; } 2>&1 | tail -1)
# hex(): a stored decision is a BLOB, which the shell would print only up to its first zero byte.
digest() { sqlite3 "$1" 'SELECT id, state, owner, reason, hex(decision) FROM leads ORDER BY seq' | md5sum; }
same=$([ "$(digest "$work/two.db")" = "$(digest "$work/one.db")" ] && echo same || echo DIFFERENT)

awk -v n="$n" -v i="$import_s" -v r="$route_s" -v p="$pass_s" -v c="$ceiling_s" -v ik="$import_kb" -v rk="$route_kb" -v pk="$pass_kb" \
    -v q="$query_s" -v same="$same" 'BEGIN {
    printf "import:                 %6.2f s  %9.0f leads/s  peak %4.0f MB\n", i, n / i, ik / 1024
    printf "route:                  %6.2f s  %9.0f leads/s  peak %4.0f MB\n", r, n / r, rk / 1024
    printf "import, then route:     %6.2f s  %9.0f leads/s\n", i + r, n / (i + r)
    printf "import --route:         %6.2f s  %9.0f leads/s  peak %4.0f MB  (decisions %s as import, then route)\n", p, n / p, pk / 1024, same
    printf "sqlite3 .import:        %6.2f s  %9.0f rows/s   (plain table; import --route is %.1f%% of it)\n", c, n / c, 100 * c / p
    printf "leads --state flagged --limit 50: %.0f ms\n", q * 1000
}'
printf 'SQLite alone, the same rows: %s\n' "$store"
