#!/usr/bin/env bash
# Two builds of handoff on the same run, alternating: `import --route` of the first N leads of a CSV,
# beside sqlite3's own `.import` of the same file each round (the machine is shared and noisy: compare
# ratios of medians, and builds only on one run), then what each stored a lead (dbstat, by table and
# index), `audit verify`, `report` and `leads --state flagged --limit 50` on the result.
# Usage: Benchmarks/compare-builds.sh BEFORE AFTER N CSV [RUNS=3]   (BEFORE, AFTER: handoff binaries)
set -euo pipefail
before=${1:?before} after=${2:?after} n=${3:?leads} csv=${4:?csv} runs=${5:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
head -n $((n + 1)) "$csv" > "$work/leads.csv"
cp "$(dirname "$0")/../examples/rulebook.yaml" "$work/rulebook.yaml"
now=2026-11-24T14:30:00Z
seconds() { /usr/bin/time -f '%e %M' "$@" 2>&1 >/dev/null | tail -1; }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

for r in $(seq "$runs"); do
    rm -f "$work"/*.db*
    read -r s _ < <(seconds sqlite3 "$work/raw.db" -cmd '.mode csv' ".import $work/leads.csv leads"); echo "$s" >> "$work/ceiling"
    for build in before after; do
        binary=$before; [ "$build" = after ] && binary=$after
        read -r s kb < <(seconds "$binary" import "$work/leads.csv" --route --db "$work/$build.db" --rules "$work/rulebook.yaml" --now $now)
        echo "$s" >> "$work/$build"; echo "$kb" >> "$work/${build}_kb"
    done
    printf 'run %s: .import %s s, before %s s, after %s s\n' "$r" "$(tail -1 "$work/ceiling")" "$(tail -1 "$work/before")" "$(tail -1 "$work/after")"
done
c=$(median < "$work/ceiling")
printf 'medians of %d runs, %d leads: sqlite3 .import %.2f s\n' "$runs" "$n" "$c"
for build in before after; do
    binary=$before; [ "$build" = after ] && binary=$after
    sqlite3 "$work/$build.db" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
    p=$(median < "$work/$build")
    awk -v b="$build" -v n="$n" -v p="$p" -v c="$c" -v kb="$(median < "$work/${build}_kb")" -v size="$(stat -c %s "$work/$build.db")" 'BEGIN {
        printf "%-6s import --route %6.2f s  %7.0f leads/s  %5.1fx .import  peak %d MB  stored %d B a lead\n", b, p, n / p, p / c, kb / 1024, size / n
    }'
    sqlite3 "$work/$build.db" "SELECT name, SUM(pgsize) / $n FROM dbstat GROUP BY name HAVING SUM(pgsize) > $n ORDER BY 2 DESC" | sed 's/^/    bytes a lead: /'
    sqlite3 "$work/$build.db" "SELECT 'entries stored: ' || COUNT(*) || ', numbered to ' || MAX(seq) FROM events" | sed 's/^/    /'
    for command in "audit verify" "report --since 7d --now 2026-11-24T15:00:00Z" "leads --state flagged --limit 50"; do
        # shellcheck disable=SC2086
        read -r s _ < <(seconds "$binary" $command --db "$work/$build.db")
        printf '    %s: %s s\n' "$command" "$s"
    done
done
