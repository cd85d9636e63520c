#!/usr/bin/env bash
# Open-loop latency of `handoff serve` alone (no wrk needed): a fresh workspace, then latency.py at a
# fixed offered rate, request to 202 and request to owner committed (?wait=owner). Run two builds in
# turn to compare them on the same run.
# Usage: Benchmarks/serve/latency.sh HANDOFF [RATE=1000] [SECONDS=8]   (PORT: 18777)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
handoff=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
rate=${2:-1000}; seconds=${3:-8}; port=${PORT:-18777}
source "$here/fresh-server.sh"
python3 "$here/latency.py" --port $port --rate "$rate" --seconds "$seconds"
python3 "$here/latency.py" --port $port --rate "$rate" --seconds "$seconds" --wait
