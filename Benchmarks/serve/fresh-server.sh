# Sourced by cpu.sh and latency.sh: a fresh workspace in a temporary directory and `handoff serve` on it
# (loopback, a random token), stopped and removed when the script exits. Needs $handoff and $port;
# sets $work and $server, and leaves the script in $work.
export HANDOFF_API_TOKEN=bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
work=$(mktemp -d)
cd "$work" && "$handoff" init >/dev/null
"$handoff" serve --listen 127.0.0.1:$port --max-leads 1000 >serve.out 2>serve.err & server=$!
trap 'kill -TERM $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
until curl -sf http://127.0.0.1:$port/healthz >/dev/null; do sleep 0.1; done
