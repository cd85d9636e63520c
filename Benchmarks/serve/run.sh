#!/usr/bin/env bash
# Loopback benchmark of `handoff serve`, each round on a fresh workspace:
#   1. the bare endpoint (bare/: Hummingbird alone at the product's version, POST answered with a small
#      JSON body), single-lead POSTs: the ceiling for a request on this machine right now;
#   2. `handoff serve`, the same single-lead POSTs with the same wrk script: durable leads a second and
#      the ratio to the bare endpoint's request rate of this round;
#   3. `handoff serve`, 100 leads a request: durable leads a second with batches.
# Then, on a fresh workspace, open-loop latency at a fixed offered rate (latency.py): request to 202
# (lead stored) and request to owner committed (?wait=owner). Medians over the rounds at the end.
# Needs wrk (Debian's package), python3, and a release build: swift build -c release --product handoff.
#   ROUNDS=3 DURATION=10s RATE=1000 LATENCY_SECONDS=10 bash Benchmarks/serve/run.sh
# With POSTGRES=URL (a server whose user may create databases, e.g. $(.ci/postgres url)), each fresh
# workspace is a PostgreSQL database on it instead of ./handoff.db.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
handoff=${HANDOFF:-$here/../../.build/release/handoff}
duration=${DURATION:-10s}
connections=${CONNECTIONS:-32}
rounds=${ROUNDS:-3}
rate=${RATE:-1000}
latency_seconds=${LATENCY_SECONDS:-10}
port=${PORT:-18420}
bare_port=$((port + 10))
url=http://127.0.0.1:$port
work=$(mktemp -d)
export HANDOFF_API_TOKEN=bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
server= bare_server=
stop_server() { if [ -n "$server" ]; then kill -TERM "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; server=; fi; }
trap 'stop_server; if [ -n "$bare_server" ]; then kill -TERM "$bare_server" 2>/dev/null || true; fi; rm -rf "$work"' EXIT

# The bare endpoint, built from the versions the product resolves.
cp "$here/../../Package.resolved" "$here/bare/Package.resolved"
swift build -c release --package-path "$here/bare" >"$work/bare-build.log" 2>&1 || { cat "$work/bare-build.log"; exit 1; }
bare=$(swift build -c release --package-path "$here/bare" --show-bin-path)/BareEndpoint

wait_up() { until curl -sf "http://127.0.0.1:$1/healthz" >/dev/null; do sleep 0.1; done; }
workspace() {  # where the workspace of $work/$1 keeps its store
  if [ -n "${POSTGRES:-}" ]; then echo "${POSTGRES/\/handoff\?//bench_$$_$1?}"; else echo "$work/$1/handoff.db"; fi
}
start_serve() {  # a fresh workspace in $work/$1
  mkdir -p "$work/$1" && cd "$work/$1"
  if [ -n "${POSTGRES:-}" ]; then
    psql "${POSTGRES%%\?*}" -qc "CREATE DATABASE bench_$$_$1" >/dev/null
    "$handoff" init --database "$(workspace "$1")" >/dev/null
  else
    "$handoff" init >/dev/null
  fi
  "$handoff" serve --db "$(workspace "$1")" --listen 127.0.0.1:$port --max-leads 1000 >serve.out 2>serve.err &
  server=$!
  wait_up $port
}
metric() { curl -s -H "Authorization: Bearer $HANDOFF_API_TOKEN" $url/metrics | awk -v name="$1" '$1 == name {print $2}'; }
# Requests a second from wrk's output; refuses a run with errors or non-2xx answers.
run_wrk() {  # URL BATCH
  local out
  out=$(wrk -t2 -c$connections -d$duration -s "$here/leads.lua" "$1" -- "$2")
  echo "$out" | sed 's/^/    /' >&2
  if echo "$out" | grep -q 'Non-2xx\|Socket errors'; then echo "wrk saw errors or non-2xx answers" >&2; exit 1; fi
  echo "$out" | awk '$1 == "Requests/sec:" {print $2}'
}
median() { tr ' ' '\n' | grep . | sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

bare_rates= single_rates= batch_leads= ratios=
for round in $(seq 1 "$rounds"); do
  echo "== round $round: bare endpoint, POST, 1 lead a request" >&2
  "$bare" $bare_port & server=$!
  wait_up $bare_port
  b=$(run_wrk http://127.0.0.1:$bare_port 1)
  stop_server

  start_serve round$round
  echo "== round $round: handoff serve, POST /v1/leads, 1 lead a request" >&2
  before=$(metric handoff_leads_received_total); commits_before=$(metric handoff_intake_commits_total)
  s=$(run_wrk $url 1)
  after=$(metric handoff_leads_received_total); commits_after=$(metric handoff_intake_commits_total)
  echo "    leads stored durably: $((after - before)) in $((commits_after - commits_before)) commits" >&2
  echo "== round $round: handoff serve, POST /v1/leads, 100 leads a request" >&2
  before=$(metric handoff_leads_received_total); commits_before=$(metric handoff_intake_commits_total)
  r=$(run_wrk $url 100)
  after=$(metric handoff_leads_received_total); commits_after=$(metric handoff_intake_commits_total)
  echo "    leads stored durably: $((after - before)) in $((commits_after - commits_before)) commits" >&2
  stop_server
  "$handoff" doctor --db "$(workspace "round$round")" | tail -1 >&2

  ratio=$(awk -v s="$s" -v b="$b" 'BEGIN {printf "%.1f", 100 * s / b}')
  leads=$(awk -v r="$r" 'BEGIN {printf "%.0f", r * 100}')
  echo "round $round: bare $b req/s; serve 1 lead $s req/s = $ratio% of bare; 100 leads $r req/s = $leads leads/s"
  bare_rates="$bare_rates $b"; single_rates="$single_rates $s"; batch_leads="$batch_leads $leads"; ratios="$ratios $ratio"
done

# Latency: the bare endpoint first in each round, as the floor the machine and the client allow.
"$bare" $bare_port & bare_server=$!
wait_up $bare_port
start_serve latency
p99() { sed -n 's/.*p99 \([0-9.]*\) ms.*/\1/p'; }
pbare= p202= powner=
for round in $(seq 1 "$rounds"); do
  b=$(python3 "$here/latency.py" --port $bare_port --rate "$rate" --seconds "$latency_seconds")
  a=$(python3 "$here/latency.py" --port $port --rate "$rate" --seconds "$latency_seconds")
  w=$(python3 "$here/latency.py" --port $port --rate "$rate" --seconds "$latency_seconds" --wait)
  echo "latency $round: bare  $b"; echo "latency $round: serve $a"; echo "latency $round: serve $w"
  pbare="$pbare $(echo "$b" | p99)"; p202="$p202 $(echo "$a" | p99)"; powner="$powner $(echo "$w" | p99)"
done
stop_server
kill -TERM $bare_server; wait $bare_server 2>/dev/null || true; bare_server=

echo "== medians of $rounds rounds"
echo "bare endpoint:             $(echo $bare_rates | median) requests/s   (rounds:$bare_rates)"
echo "serve, 1 lead a request:   $(echo $single_rates | median) requests/s = leads/s   (rounds:$single_rates)"
echo "serve / bare:              $(echo $ratios | median)%   (rounds:$ratios)"
echo "serve, 100 leads a request: $(echo $batch_leads | median) leads/s   (rounds:$batch_leads)"
echo "p99 bare endpoint at $rate/s:     $(echo $pbare | median) ms   (rounds:$pbare)"
echo "p99 request to 202 at $rate/s:   $(echo $p202 | median) ms   (rounds:$p202)"
echo "p99 request to owner at $rate/s: $(echo $powner | median) ms   (rounds:$powner)"
