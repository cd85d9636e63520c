#!/usr/bin/env bash
# Loopback benchmark of `handoff serve`: durable leads a second with single-lead requests and with
# batches, beside GET /healthz on the same server in the same run (Hummingbird's router and the
# request-counting middleware with no store work: the ceiling for a request). Needs wrk (Debian's
# package) and a release build: swift build -c release --product handoff.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
handoff=${HANDOFF:-$here/../../.build/release/handoff}
duration=${DURATION:-15s}
connections=${CONNECTIONS:-32}
work=$(mktemp -d)
port=${PORT:-18420}
export HANDOFF_API_TOKEN=bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
cd "$work"
"$handoff" init >/dev/null
"$handoff" serve --listen 127.0.0.1:$port --max-leads 1000 >serve.out 2>serve.err &
server=$!
trap 'kill -TERM $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
until curl -sf http://127.0.0.1:$port/healthz >/dev/null; do sleep 0.1; done
url=http://127.0.0.1:$port
metric() { curl -s -H "Authorization: Bearer $HANDOFF_API_TOKEN" $url/metrics | awk -v name="$1" '$1 == name {print $2}'; }

echo "== GET /healthz (no store work)"
wrk -t2 -c$connections -d$duration $url/healthz
for batch in 1 100; do
  before=$(metric handoff_leads_received_total); commits_before=$(metric handoff_intake_commits_total)
  echo "== POST /v1/leads, $batch lead(s) a request"
  wrk -t2 -c$connections -d$duration -s "$here/leads.lua" $url -- $batch
  after=$(metric handoff_leads_received_total); commits_after=$(metric handoff_intake_commits_total)
  echo "leads stored durably: $((after - before)) in $((commits_after - commits_before)) commits"
done
echo "== the database afterwards"
"$handoff" doctor --db handoff.db | tail -3
