#!/usr/bin/env bash
# The store's goals as ratios to sqlite3's own `.import` of the same CSV on the same run (the machine is
# shared and noisy; ratios of medians hold where absolute figures do not): `import --route` of N leads,
# `import` then `route`, the stored size a lead, `audit verify` and `leads --state flagged --limit 50`.
# Usage: Benchmarks/log-layout.sh N [RUNS=3] [CSV]   (CSV: an existing file of at least N leads;
# by default GenerateLeads writes one, seed 42)
set -euo pipefail
cd "$(dirname "$0")"
n=${1:?leads}
runs=${2:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd .. && swift build -c release --product handoff >/dev/null)
handoff=../.build/release/handoff
if [ -n "${3:-}" ]; then
    head -n $((n + 1)) "$3" > "$work/leads.csv"
else
    swift build -c release --product GenerateLeads >/dev/null
    .build/release/GenerateLeads "$n" "$work/leads.csv" 42
fi
cp ../examples/rulebook.yaml "$work/rulebook.yaml"
now=2026-11-24T14:30:00Z
seconds() { /usr/bin/time -f '%e %M' "$@" 2>&1 >/dev/null | tail -1; }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

for r in $(seq "$runs"); do
    rm -f "$work"/*.db*
    read -r s _ < <(seconds sqlite3 "$work/raw.db" -cmd '.mode csv' ".import $work/leads.csv leads"); echo "$s" >> "$work/ceiling"
    read -r s kb < <(seconds "$handoff" import "$work/leads.csv" --route --db "$work/one.db" --rules "$work/rulebook.yaml" --now $now)
    echo "$s" >> "$work/pass"; echo "$kb" >> "$work/pass_kb"
    read -r s _ < <(seconds "$handoff" import "$work/leads.csv" --db "$work/two.db" --now $now); echo "$s" >> "$work/import"
    read -r s _ < <(seconds "$handoff" route --db "$work/two.db" --rules "$work/rulebook.yaml" --now $now); echo "$s" >> "$work/route"
    read -r s _ < <(seconds "$handoff" audit verify --db "$work/one.db"); echo "$s" >> "$work/verify"
    read -r s _ < <(seconds "$handoff" leads --state flagged --limit 50 --db "$work/one.db"); echo "$s" >> "$work/flagged"
    printf 'run %s: .import %s s, import --route %s s, import %s s, route %s s\n' "$r" \
        "$(tail -1 "$work/ceiling")" "$(tail -1 "$work/pass")" "$(tail -1 "$work/import")" "$(tail -1 "$work/route")"
done
sqlite3 "$work/one.db" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
bytes=$(stat -c %s "$work/one.db")
c=$(median < "$work/ceiling"); p=$(median < "$work/pass"); i=$(median < "$work/import"); r=$(median < "$work/route")
awk -v n="$n" -v c="$c" -v p="$p" -v i="$i" -v r="$r" -v v="$(median < "$work/verify")" -v q="$(median < "$work/flagged")" \
    -v kb="$(median < "$work/pass_kb")" -v b="$bytes" -v csv="$(stat -c %s "$work/leads.csv")" 'BEGIN {
    printf "medians of %d leads:\n", n
    printf "sqlite3 .import:     %7.2f s\n", c
    printf "import --route:      %7.2f s  %8.0f leads/s  %5.1fx .import  peak %d MB\n", p, n / p, p / c, kb / 1024
    printf "import, then route:  %7.2f s  (%.2f + %.2f; route %.0f leads/s)  %5.1fx .import\n", i + r, i, r, n / r, (i + r) / c
    printf "stored:              %7.0f B a lead (the CSV: %.0f B a lead)\n", b / n, csv / n
    printf "audit verify:        %7.2f s\n", v
    printf "leads --state flagged --limit 50: %.0f ms\n", q * 1000
}'
sqlite3 "$work/one.db" "SELECT name, SUM(pgsize) / $n FROM dbstat GROUP BY name HAVING SUM(pgsize) > $n ORDER BY 2 DESC" | sed 's/^/  bytes a lead: /'
