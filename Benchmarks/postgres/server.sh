# Sourced by the PostgreSQL benchmarks (after setting $repo and $work): the server they run against,
# and the helpers they share. `pg_server_start` sets $server to HANDOFF_TEST_POSTGRES_URL (a server whose
# user may create databases), else to a throwaway cluster it starts with .ci/postgres in $work/pg;
# `pg_server_stop`, called from the script's cleanup, stops that cluster whatever state it is in.
started_cluster=0
pg_server_start() {
    server=${HANDOFF_TEST_POSTGRES_URL:-}
    if [[ -z $server ]]; then
        server=$(HANDOFF_POSTGRES_STATE="$work/pg" "$repo/.ci/postgres" start | tail -1)
        started_cluster=1
    fi
}
pg_server_stop() {
    if [[ $started_cluster == 1 ]]; then HANDOFF_POSTGRES_STATE="$work/pg" "$repo/.ci/postgres" stop >/dev/null 2>&1 || true; fi
}
# A URL as psql takes it (without the query part).
plain() { echo "${1%%\?*}"; }
# The URL of database $1 on $server.
database_url() { local url="${server/\/handoff\?//$1?}"; [[ $url == "$server" ]] && url="${server%/*}/$1"; echo "$url"; }
# The seconds a command takes, its output thrown away.
seconds() { local start end; start=$(date +%s.%N); "$@" >/dev/null 2>&1; end=$(date +%s.%N); echo "$end - $start" | bc -l; }
