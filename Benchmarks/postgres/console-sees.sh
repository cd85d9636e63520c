#!/usr/bin/env bash
# How soon a console sees another process's change on a PostgreSQL workspace: a console runs in tmux
# on its Activity view; another process annotates a lead N times, and each time the script measures
# from the annotating command's exit (its transaction committed) to the note on the console's screen,
# polling the pane every 2 ms. An upper bound of commit-to-inbox: it includes drawing the frame and
# tmux's capture. Needs PostgreSQL as team.sh does; release build.
# Usage: Benchmarks/postgres/console-sees.sh [N=30]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
n=${1:-30}
work=$(mktemp -d)
socket="handoff-sees-$$"
source "$here/server.sh"
cleanup() {
    tmux -L "$socket" kill-server 2>/dev/null || true
    pg_server_stop
    rm -rf "$work"
}
trap cleanup EXIT
(cd "$repo" && swift build -c release --product handoff >/dev/null 2>&1)
handoff="$repo/.build/release/handoff"
pg_server_start
database="handoff_sees_$$"
psql "$(plain "$server")" -qc "CREATE DATABASE $database" >/dev/null
url=$(database_url "$database")
export HANDOFF_DATABASE="$url" HANDOFF_RULES="$repo/examples/rulebook.yaml" HANDOFF_NOW=2026-11-24T14:30:00Z NO_COLOR=1
"$handoff" init --database "$url" "$work/init" >/dev/null
printf 'Email,Company Name,Country/Region,Number of Employees\nada@lumen.example,Lumen SA,FR,1800\n' > "$work/one.csv"
"$handoff" import "$work/one.csv" --route >/dev/null

tmux -L "$socket" -f /dev/null new-session -d -x 160 -y 48 -e LANG=C.UTF-8 -e HANDOFF_DATABASE="$url" \
    -e HANDOFF_RULES="$HANDOFF_RULES" -e HANDOFF_NOW="$HANDOFF_NOW" "$handoff console --operator wall"
until tmux -L "$socket" capture-pane -p | grep -q "L-0000001"; do sleep 0.05; done
tmux -L "$socket" send-keys 4
sleep 1
: > "$work/ms"
for i in $(seq "$n"); do
    "$handoff" annotate L-0000001 "note-$i-$$" --operator ana >/dev/null
    start=$(date +%s%N)
    until tmux -L "$socket" capture-pane -p | grep -q "note-$i-$$"; do sleep 0.002; done
    echo $(( ($(date +%s%N) - start) / 1000000 )) >> "$work/ms"
    sleep 0.1
done
sort -n "$work/ms" | awk '{ a[NR] = $1 } END {
    printf "%d changes: commit to screen p50 %d ms, p90 %d ms, p99 %d ms, max %d ms\n", NR, a[int(NR * 0.5 + 0.5)], a[int(NR * 0.9 + 0.5)], a[int(NR * 0.99 + 0.5)], a[NR]
}'
