#!/usr/bin/env bash
# The routing core's cost per lead with and without a shadow, on the same run: N generated leads are
# imported once (queued, not routed); then, R times over, a copy is routed by the example rulebook
# alone, and another copy with a draft shadowing it (the enterprise route from 500 employees and ben
# added to the North American pool), alternating which goes first. Prints each run, the medians, and
# the ratio of the medians; checks the shadowed copy holds the same decisions as the plain one.
# Usage: Benchmarks/shadow-route.sh [N=200000] [R=5]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-200000}
runs=${2:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
swift build -c release --product handoff >/dev/null
handoff=$PWD/.build/release/handoff
now=2026-11-24T14:30:00Z
cp examples/rulebook.yaml "$work/rulebook.yaml"
sed -e 's/employees: ">= 1000"/employees: ">= 500"/' -e 's/members: \[dan, eve\]/members: [dan, eve, ben]/' \
    examples/rulebook.yaml > "$work/draft.yaml"
# Leads of the example rulebook's countries and sizes (seeded), every tenth a repeat of an earlier address.
awk -v n="$n" 'BEGIN {
    srand(42); split("DE FR GB NL ES IT US CA BR JP", c, " ")
    print "email,company,country,employees,received_at"
    for (i = 1; i <= n; i++) {
        id = (i % 10 == 0 && i > 100) ? int(rand() * (i - 1)) + 1 : i
        s = 1800 - int(i * 1800 / n)
        printf "buyer%d@firm%d.example,Firm %d,%s,%d,2026-11-24T14:%02d:%02dZ\n", id, id, id, c[int(rand() * 10) + 1], int(rand() * 5000), int(s / 60) % 60, s % 60
    }
}' > "$work/leads.csv"
"$handoff" import "$work/leads.csv" --db "$work/base.db" --now $now >/dev/null

seconds() { /usr/bin/time -f '%e' "$@" 2>&1 >/dev/null | tail -1; }
plain=() shadowed=()
for run in $(seq 1 "$runs"); do
    cp "$work/base.db" "$work/plain.db"
    cp "$work/base.db" "$work/shadow.db"
    "$handoff" shadow start "$work/draft.yaml" --db "$work/shadow.db" --rules "$work/rulebook.yaml" --now $now --operator bench >/dev/null
    route() { seconds "$handoff" route --db "$work/$1.db" --rules "$work/rulebook.yaml" --now $now; }
    if (( run % 2 )); then p=$(route plain); s=$(route shadow); else s=$(route shadow); p=$(route plain); fi
    plain+=("$p") shadowed+=("$s")
    printf 'run %d: plain %6.2f s, shadowed %6.2f s\n' "$run" "$p" "$s"
done
digest() { sqlite3 "$1" 'SELECT id, state, owner, reason, hex(decision) FROM leads ORDER BY seq' | md5sum; }
same=$([ "$(digest "$work/plain.db")" = "$(digest "$work/shadow.db")" ] && echo same || echo DIFFERENT)
pairs=$(sqlite3 "$work/shadow.db" 'SELECT leads || " leads shadowed, " || diverged || " diverged" FROM shadows')
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
mp=$(median "${plain[@]}") ms=$(median "${shadowed[@]}")
awk -v n="$n" -v p="$mp" -v s="$ms" -v same="$same" -v pairs="$pairs" 'BEGIN {
    printf "median plain:    %6.2f s  %5.2f us/lead  %8.0f leads/s\n", p, p * 1e6 / n, n / p
    printf "median shadowed: %6.2f s  %5.2f us/lead  %8.0f leads/s  (%s; decisions %s as plain)\n", s, s * 1e6 / n, n / s, pairs, same
    printf "shadowed / plain: %.3f\n", s / p
}'
