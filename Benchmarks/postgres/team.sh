#!/usr/bin/env bash
# A team on one PostgreSQL workspace, as the multi-process proof of the PostgreSQL engine:
# - three `handoff worker`s (one routing, two standing by);
# - two `handoff import`s taking in N leads between them, at the same time;
# - two operators acting on the same exceptions from their own processes, each action based on the
#   version both saw, so every pair conflicts;
# - the active worker killed with -9 KILLS times during the run (and replaced, so three stay), with the
#   time each takeover took.
# Then the proofs: every lead decided exactly once, round robin even within 1 per pool, no owner over
# capacity, every conflicting pair resolved one way with the other operator told, doctor and audit clean.
# Needs PostgreSQL: HANDOFF_TEST_POSTGRES_URL (a server whose user may create databases), else a
# throwaway cluster is started with .ci/postgres and stopped at the end.
# Usage: Benchmarks/postgres/team.sh [N=200000] [KILLS=5]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
n=${1:-200000}
kills=${2:-5}
work=$(mktemp -d)
pids=()
source "$here/server.sh"
cleanup() {
    for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
    pg_server_stop
    if [[ -n ${KEEP:-} ]]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

(cd "$repo/Benchmarks" && swift build -c release --product GenerateLeads >/dev/null)
(cd "$repo" && swift build -c release --product handoff >/dev/null)
handoff="$repo/.build/release/handoff"

pg_server_start
database="handoff_team_$$"
psql "$(plain "$server")" -qc "CREATE DATABASE $database" >/dev/null
url=$(database_url "$database")
sql() { psql "$(plain "$url")" -qtAc "$1"; }

# The team: round robin among ten reps, a weighted pool of five, capacities that the run fills.
cat > "$work/rulebook.yaml" <<'YAML'
version: 1
name: Team proof
timezone: Europe/Berlin
owners:
  - {id: ana, name: Ana, capacity: 9000, weight: 2}
  - {id: ben, name: Ben, capacity: 9000}
  - {id: chloe, name: Chloe, capacity: 9000}
  - {id: dan, name: Dan, capacity: 9000}
  - {id: eve, name: Eve, capacity: 9000}
  - {id: rr1, name: Rep 1, capacity: 2500}
  - {id: rr2, name: Rep 2, capacity: 2500}
  - {id: rr3, name: Rep 3, capacity: 2500}
  - {id: rr4, name: Rep 4, capacity: 2500}
  - {id: rr5, name: Rep 5, capacity: 2500}
  - {id: rr6, name: Rep 6, capacity: 2500}
  - {id: rr7, name: Rep 7, capacity: 2500}
  - {id: rr8, name: Rep 8, capacity: 2500}
  - {id: rr9, name: Rep 9, capacity: 2500}
  - {id: rr10, name: Rep 10, capacity: 2500}
pools:
  weighted: {method: load_balanced, members: [ana, ben, chloe, dan, eve]}
  reps: {method: round_robin, members: [rr1, rr2, rr3, rr4, rr5, rr6, rr7, rr8, rr9, rr10]}
  named-accounts: {method: account_owner, fallback_pool: weighted}
readiness:
  require: [email, company]
duplicates: {match_on: [email], window: 30d, action: flag}
accounts: {match_on: domain}
routes:
  - {name: named-account, when: {matched_account: true}, pool: named-accounts}
  - {name: enterprise, when: {employees: ">= 1000"}, pool: weighted}
  - {name: reps, when: {country: [US, CA, GB, DE, FR]}, pool: reps}
fallback: {flag: no_route}
YAML
now=2026-11-24T14:30:00Z
"$repo/Benchmarks/.build/release/GenerateLeads" "$n" "$work/leads.csv" 42
half=$(( n / 2 ))
head -1 "$work/leads.csv" > "$work/a.csv"; cp "$work/a.csv" "$work/b.csv"
sed -n "2,$(( half + 1 ))p" "$work/leads.csv" >> "$work/a.csv"
sed -n "$(( half + 2 )),\$p" "$work/leads.csv" >> "$work/b.csv"

export HANDOFF_DATABASE="$url" HANDOFF_RULES="$work/rulebook.yaml" HANDOFF_NOW="$now" NO_COLOR=1
"$handoff" init --database "$url" "$work/init" >/dev/null

workers=0
start_worker() {
    workers=$(( workers + 1 ))
    "$handoff" worker > "$work/worker-$workers.log" 2>&1 &
    pids+=($!)
    echo "$! $workers" >> "$work/workers"
}
# The worker whose log last said it routes, and is alive: "pid number".
active_worker() {
    while read -r pid number; do
        kill -0 "$pid" 2>/dev/null || continue
        if [[ $(grep -E '^handoff worker: (routing |standing by)' "$work/worker-$number.log" | tail -1) == "handoff worker: routing "* ]]; then
            echo "$pid $number"; return
        fi
    done < "$work/workers"
}
now_ms() { date +%s%3N; }

start_worker; start_worker; start_worker
for _ in $(seq 100); do [[ -n $(active_worker) ]] && break; sleep 0.1; done
began=$(now_ms)
"$handoff" import "$work/a.csv" --operator importer-a > "$work/import-a.log" 2>&1 &
import_a=$!; pids+=($import_a)
"$handoff" import "$work/b.csv" --operator importer-b > "$work/import-b.log" 2>&1 &
import_b=$!; pids+=($import_b)

# Two operators: each round both read the same flagged leads and versions, then each acts on every one
# with --version, at the same moment; exactly one of each pair may win, and the other must be told
# what changed (the refusal says "changed").
operators() {
    local round=0
    : > "$work/pairs"
    # While the imports run, and until at least 50 pairs have met (at most 300 rounds).
    while { kill -0 "$import_a" 2>/dev/null || kill -0 "$import_b" 2>/dev/null || [[ $(wc -l < "$work/pairs") -lt 50 ]]; } && [[ $round -lt 300 ]]; do
        round=$(( round + 1 ))
        "$handoff" leads --state flagged --limit 10 --json 2>>"$work/operators.err" \
            | python3 -c 'import json,sys; [print(l["id"], l["version"]) for l in json.load(sys.stdin)["leads"]]' > "$work/batch" || true
        while read -r id version; do
            "$handoff" annotate "$id" "checked by ana" --version "$version" --operator ana > "$work/ana.out" 2>&1 &
            local a=$!
            "$handoff" disqualify "$id" --reason "spam" --version "$version" --operator ivan > "$work/ivan.out" 2>&1 &
            local i=$!
            local ra=0 ri=0
            wait "$a" || ra=$?
            wait "$i" || ri=$?
            echo "$id $version $ra $ri $(grep -c 'changed' "$work/ana.out" "$work/ivan.out" | awk -F: '{s+=$2} END {print s}')" >> "$work/pairs"
        done < "$work/batch"
        sleep 0.2
    done
}
operators &
operator_pid=$!
pids+=($operator_pid)

# The kills: wait until a share of the leads is in, kill -9 the active worker, time the takeover.
: > "$work/takeovers"
for k in $(seq "$kills"); do
    target=$(( n * k / (kills + 1) ))
    while [[ $(sql "SELECT count(*) FROM leads WHERE state <> 'received'") -lt $target ]]; do sleep 0.2; done
    read -r pid number < <(active_worker)
    killed=$(now_ms)
    kill -9 "$pid"
    while :; do
        read -r next _ < <(active_worker) || true
        [[ -n ${next:-} && ${next:-} != "$pid" ]] && break
        sleep 0.02
    done
    echo "$(( $(now_ms) - killed ))" >> "$work/takeovers"
    start_worker
done

wait "$import_a" "$import_b"
while [[ $(sql "SELECT count(*) FROM leads WHERE state = 'received'") -gt 0 ]]; do sleep 0.2; done
routed=$(now_ms)
wait "$operator_pid" || true

echo "leads: $n from two importers; $kills kills of the active worker"
printf 'imported and routed in %.1f s (%s leads/s)\n' "$(echo "($routed - $began) / 1000" | bc -l)" "$(( n * 1000 / (routed - began) ))"
echo "takeovers (ms): $(tr '\n' ' ' < "$work/takeovers")"
accepted() { awk '/accepted/ { gsub(",", "", $2); print $2 }' "$1"; }
present() { awk '/already present/ { gsub(",", "", $3); print $3 }' "$1"; }
echo "importers: a accepted $(accepted "$work/import-a.log") (already present $(present "$work/import-a.log")), b accepted $(accepted "$work/import-b.log") (already present $(present "$work/import-b.log"))"
echo "leads stored: $(sql "SELECT count(*) FROM leads"), queued: $(sql "SELECT count(*) FROM leads WHERE state = 'received'")"
echo "leads decided more than once by the router: $(sql "SELECT count(*) FROM (SELECT lead FROM events WHERE actor = 'router' AND kind IN ('assigned', 'flagged') OR kind = 'routed' GROUP BY lead HAVING count(*) > 1) d")"
echo "leads never decided: $(sql "SELECT count(*) FROM leads l WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.lead = l.seq AND (e.kind = 'routed' OR (e.actor = 'router' AND e.kind IN ('assigned', 'flagged'))))")"
echo "round robin spread (max - min assignments a member, reps pool): $(sql "SELECT max(assigned) - min(assigned) FROM pool_ledger WHERE pool = 'reps'")"
echo "owners over capacity: $(sql "SELECT count(*) FROM owner_load o WHERE open > CASE WHEN owner LIKE 'rr%' THEN 2500 ELSE 9000 END")"
pairs=$(wc -l < "$work/pairs")
one_way=$(awk '($3 == 0) != ($4 == 0) { n++ } END { print n + 0 }' "$work/pairs")
told=$(awk '$5 == 1 { n++ } END { print n + 0 }' "$work/pairs")
echo "conflicting operator pairs: $pairs; resolved one way: $one_way; the other told what changed: $told"
"$handoff" doctor > "$work/doctor.log" 2>&1 && echo "doctor: clean" || { echo "doctor: PROBLEMS"; cat "$work/doctor.log"; }
"$handoff" audit verify > "$work/audit.log" 2>&1 && echo "audit verify: intact" || { echo "audit verify: BROKEN"; cat "$work/audit.log"; }
