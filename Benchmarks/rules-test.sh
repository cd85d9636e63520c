#!/usr/bin/env bash
# `handoff rules test` over N cases, two ways: cases written as a team writes them (a lead's few fields,
# a circumstance or none, one or two expectations; eight kinds repeated), and cases recorded from a
# workspace's stored decisions (each carries its whole lead, moment, loads, accounts, earlier lead and
# pool ledgers: the longest cases there are), run against the rulebook that made them (all pass) and
# against a draft (some fail, printed with their traces).
# Usage: Benchmarks/rules-test.sh [N=10000]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
swift build -c release --product handoff >/dev/null
handoff=$PWD/.build/release/handoff
cd "$work"
"$handoff" init >/dev/null

kinds=(
    'lead: {email: anna@siemens.de, company: Siemens, country: DE, employees: 4200}|expect: {route: enterprise-emea, pool: emea-enterprise, owner: [ben, chloe], mode: auto, exception: none}'
    'lead: {email: anna@siemens.de, company: Siemens, country: DE, employees: 4200}|given: {load: {ben: 30}}|expect: {owner: chloe}'
    'lead: {email: max@globex.com, company: Globex, country: US, employees: 50}|at: 2026-11-24 10:00 America/New_York|given: {accounts: [{domain: globex.com, name: Globex, owner: dan}]}|expect: {route: named-account, owner: dan}'
    'lead: {email: anna@siemens.de, company: Siemens, country: DE, employees: 4200}|given: {earlier: [{email: anna@siemens.de, company: Siemens, at: 2026-11-20T09:00:00Z}]}|expect: {exception: duplicate_suspect, owner: {not: ana}}'
    'lead: {email: y@small.com, company: Small, country: US, employees: 10}|at: 2026-11-24 10:00 America/New_York|given: {pools: {na-smb: {turn: eve}}}|expect: {owner: eve}'
    'lead: {email: cfo@big.com, company: Big, country: US, employees: 500, annual_revenue: 5000000000}|expect: {route: strategic-review, mode: review, exception: review_required}'
    'lead: {email: x@acme.jp, company: Acme, country: JP, employees: 10}|expect: {route: none, pool: none, exception: no_route}'
    'lead: {email: bob@gmail.com, company: Bob Inc, country: US, employees: 5}|expect: {exception: free_email}'
)
{
    echo "at: 2026-11-24 10:00 Europe/Berlin"
    echo "cases:"
    for ((i = 0; i < n; i++)); do
        echo "  - name: case $i"
        IFS='|' read -ra parts <<< "${kinds[i % ${#kinds[@]}]}"
        for part in "${parts[@]}"; do echo "    $part"; done
    done
} > written.yaml

"$handoff" demo --headless --leads "$n" --seed 42 --now 2026-11-24T14:30:00Z --db demo.db --rules rulebook.yaml --minutes 0 >/dev/null
"$handoff" rules test recorded.yaml --record "$n" --since 365d --db demo.db --now 2026-11-24T23:00:00Z >/dev/null
sed 's/employees: "< 200"/employees: "< 50"/' rulebook.yaml > draft.yaml

for file in written.yaml recorded.yaml; do
    printf '%s: %s cases, %s KB of YAML\n' "$file" "$(grep -c '^  - name:' "$file")" "$(( $(stat -c %s "$file") / 1024 ))"
    for rules in rulebook.yaml draft.yaml; do
        verdict=$("$handoff" rules test "$file" --rules "$rules" | tail -1 || true)
        /usr/bin/time -f "  against $rules: %e s wall, %U s user, %M KB peak ($verdict)" "$handoff" rules test "$file" --rules "$rules" >/dev/null || true
    done
done
