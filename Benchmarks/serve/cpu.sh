#!/usr/bin/env bash
# The server's CPU time per request under wrk's load, a figure that a busy machine disturbs less than
# requests a second (those are what the machine leaves the server; CPU time is what a request costs).
# Compare two builds back to back, alternating:
#   bash Benchmarks/serve/cpu.sh OLD/handoff 1; bash Benchmarks/serve/cpu.sh .build/release/handoff 1
# Arguments: the handoff binary, leads a request (default 1). DURATION (8s) and PORT (18531) as for run.sh.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
handoff=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
batch=${2:-1}
port=${PORT:-18531}
source "$here/fresh-server.sh"
wrk -t2 -c32 -d2s -s "$here/leads.lua" http://127.0.0.1:$port -- "$batch" >/dev/null  # warm up
ticks() { awk '{print $14 + $15}' /proc/$server/stat; }  # user + system, in clock ticks
before=$(ticks)
out=$(wrk -t2 -c32 -d${DURATION:-8s} -s "$here/leads.lua" http://127.0.0.1:$port -- "$batch")
after=$(ticks)
requests=$(echo "$out" | awk '$2 == "requests" && $3 == "in" {print $1}')
rate=$(echo "$out" | awk '$1 == "Requests/sec:" {print $2}')
hz=$(getconf CLK_TCK)
awk -v t=$((after - before)) -v hz="$hz" -v r="$requests" -v rate="$rate" -v b="$batch" \
  'BEGIN {printf "%s requests/s, %d leads a request: server CPU %.1f us a request (%d requests)\n", rate, b, t * 1e6 / hz / r, r}'
