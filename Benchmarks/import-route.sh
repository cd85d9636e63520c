#!/usr/bin/env bash
# Import + route of N leads from a HubSpot-style CSV, side by side with sqlite3's own .import of the
# same file (the ceiling), peak memory, and a flagged-leads query on the result.
# Usage: Benchmarks/import-route.sh [N=1000000]
set -euo pipefail
cd "$(dirname "$0")"
n=${1:-1000000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
swift build -c release --product GenerateLeads >/dev/null
(cd .. && swift build -c release --product handoff >/dev/null)
handoff=../.build/release/handoff
.build/release/GenerateLeads "$n" "$work/leads.csv" 42
printf 'leads: %s rows, %s MB\n' "$n" "$(( $(stat -c %s "$work/leads.csv") / 1048576 ))"
cp ../examples/rulebook.yaml "$work/rulebook.yaml"
now=2026-11-24T14:30:00Z

seconds() { /usr/bin/time -f '%e %M' "$@" 2>&1 >/dev/null | tail -1; }
read -r import_s import_kb < <(seconds "$handoff" import "$work/leads.csv" --db "$work/h.db" --now $now)
read -r route_s route_kb < <(seconds "$handoff" route --db "$work/h.db" --rules "$work/rulebook.yaml" --now $now)
read -r ceiling_s _ < <(seconds sqlite3 "$work/raw.db" -cmd '.mode csv' ".import $work/leads.csv leads")
query_s=$( { /usr/bin/time -f '%e' "$handoff" leads --state flagged --limit 50 --db "$work/h.db" >/dev/null; } 2>&1 | tail -1)

awk -v n="$n" -v i="$import_s" -v r="$route_s" -v c="$ceiling_s" -v ik="$import_kb" -v rk="$route_kb" -v q="$query_s" 'BEGIN {
    printf "import:            %6.2f s  %9.0f leads/s  peak %4.0f MB\n", i, n / i, ik / 1024
    printf "route:             %6.2f s  %9.0f leads/s  peak %4.0f MB\n", r, n / r, rk / 1024
    printf "import + route:    %6.2f s  %9.0f leads/s\n", i + r, n / (i + r)
    printf "sqlite3 .import:   %6.2f s  %9.0f rows/s   (ceiling; handoff end to end is %.1f%% of it)\n", c, n / c, 100 * c / (i + r)
    printf "leads --state flagged --limit 50: %.0f ms\n", q * 1000
}'
