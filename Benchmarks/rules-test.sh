#!/usr/bin/env bash
# `handoff rules test` over N cases recorded from a workspace's stored decisions (every case carries its
# whole lead, moment, loads, accounts, earlier lead and pool ledgers: the longest cases a team writes),
# run against the rulebook that made them (all pass) and against a draft (some fail, with traces).
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
"$handoff" demo --headless --leads "$n" --seed 42 --now 2026-11-24T14:30:00Z --db demo.db --rules rulebook.yaml --minutes 0 >/dev/null
"$handoff" rules test cases.yaml --record "$n" --since 365d --db demo.db --now 2026-11-24T23:00:00Z >/dev/null
sed 's/employees: "< 200"/employees: "< 50"/' rulebook.yaml > draft.yaml
printf 'cases: %s, %s MB of YAML\n' "$(grep -c '^  - name:' cases.yaml)" "$(( $(stat -c %s cases.yaml) / 1048576 ))"
for rules in rulebook.yaml draft.yaml; do
    verdict=$("$handoff" rules test cases.yaml --rules "$rules" | tail -1 || true)
    /usr/bin/time -f "$rules: %e s wall, %U s user, %M KB peak ($verdict)" "$handoff" rules test cases.yaml --rules "$rules" >/dev/null || true
done
