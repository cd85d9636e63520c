#!/usr/bin/env bash
# kill -9 at random moments during `handoff import --route` and `handoff route` of N leads (five kills
# each, seeded), then one run of each left alone; afterwards every lead must be queued or decided
# exactly once, and `audit verify` and `doctor` clean. Tests/HandoffCrashTests is the small form CI runs.
# Usage: Benchmarks/crash.sh [N=200000] [CSV] [SEED=7]
set -euo pipefail
cd "$(dirname "$0")"
n=${1:-200000}
seed=${3:-7}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd .. && swift build -c release --product handoff >/dev/null)
handoff=../.build/release/handoff
if [ -n "${2:-}" ]; then head -n $((n + 1)) "$2" > "$work/leads.csv"; else
    swift build -c release --product GenerateLeads >/dev/null
    .build/release/GenerateLeads "$n" "$work/leads.csv" 42
fi
cp ../examples/rulebook.yaml "$work/rulebook.yaml"
now=2026-11-24T14:30:00Z
RANDOM=$seed
leads() { sqlite3 "$1" 'SELECT COUNT(*) FROM leads'; }
# Runs the command in the background and kills it after a random 50 ms to MAX_MS; says whether it was still running.
killed() {
    local max_ms=$1; shift
    "$@" >/dev/null 2>&1 &
    local pid=$! wait_ms=$((50 + (RANDOM * 32768 + RANDOM) % max_ms))
    sleep "$(awk -v ms="$wait_ms" 'BEGIN { printf "%.3f", ms / 1000 }')"
    if kill -9 "$pid" 2>/dev/null; then wait "$pid" 2>/dev/null || true; echo "killed after ${wait_ms} ms"; else wait "$pid" || true; echo "finished before ${wait_ms} ms"; fi
}

# Kills land within the time a run takes here (about 1.5 s for 200,000 leads either way), so most stop one
# midway; a route's within the first few of its transactions (50,000 leads each), so each leaves some queued.
window=$(( n * 15 / 2000 ))
route_window=$(( n * 8 / 2000 ))
seen=()
echo "import --route of $n leads, killed five times:"

for k in 1 2 3 4 5; do
    printf '  %s: ' "$k"; killed "$window" "$handoff" import "$work/leads.csv" --route --db "$work/one.db" --rules "$work/rulebook.yaml" --now $now
    stored=$( [ -f "$work/one.db" ] && leads "$work/one.db" 2>/dev/null || echo 0)
    echo "     leads stored: $stored"
    seen+=("$stored")
done
"$handoff" import "$work/leads.csv" --route --db "$work/one.db" --rules "$work/rulebook.yaml" --now $now >/dev/null
all=$(leads "$work/one.db")
for stored in "${seen[@]}"; do
    [ "$stored" = 0 ] || [ "$stored" = "$all" ] || { echo "FAILED: a killed import left $stored of $all leads"; exit 1; }
done
echo "  each kill left all $all leads or none"

echo "route of $n queued leads, killed five times:"
"$handoff" import "$work/leads.csv" --db "$work/two.db" --now $now >/dev/null
for k in 1 2 3 4 5; do
    printf '  %s: ' "$k"; killed "$route_window" "$handoff" route --db "$work/two.db" --rules "$work/rulebook.yaml" --now $now
    echo "     still queued: $(sqlite3 "$work/two.db" "SELECT COUNT(*) FROM leads WHERE state = 'received'")"
done
"$handoff" route --db "$work/two.db" --rules "$work/rulebook.yaml" --now $now >/dev/null

status=0
for db in one two; do
    file="$work/$db.db"
    total=$(leads "$file")
    queued=$(sqlite3 "$file" "SELECT COUNT(*) FROM leads WHERE state = 'received'")
    # The router's outcome (or decided) entries, or the routed entries an import writes instead: exactly one per lead.
    decision="((actor = 'router' AND kind IN ('assigned', 'flagged', 'decided')) OR kind = 'routed')"
    decided=$(sqlite3 "$file" "SELECT COUNT(*), COUNT(DISTINCT lead) FROM events WHERE $decision")
    twice=$(sqlite3 "$file" "SELECT COUNT(*) FROM (SELECT lead FROM events WHERE $decision GROUP BY lead HAVING COUNT(*) > 1)")
    verify=$("$handoff" audit verify --db "$file" 2>&1) || status=1
    doctor=$("$handoff" doctor --db "$file" 2>&1) || status=1
    echo "$db.db: $total leads, $queued queued, decisions (entries, leads) $decided, decided twice $twice"
    echo "  $verify" | head -2
    echo "  $doctor" | head -3
    [ "$queued" = 0 ] && [ "$twice" = 0 ] && [ "$decided" = "$total|$total" ] || status=1
done
[ $status = 0 ] && echo "every lead decided exactly once; audit verify and doctor clean" || { echo "FAILED"; exit 1; }
