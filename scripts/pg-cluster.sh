#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for retort's tests: started in a temp folder, removed after.
#
# Sourced, it defines two functions:
#
#   source scripts/pg-cluster.sh
#   trap retort_pg_stop EXIT; trap 'exit 130' INT; trap 'exit 143' TERM; trap 'exit 129' HUP
#   retort_pg_start      # exports RETORT_TEST_POSTGRES_URL=postgresql://retort@127.0.0.1:PORT/retort_test
#   ...                  # run tests
#
# (The INT/TERM/HUP traps turn a signal into an exit, so the EXIT trap cleans up exactly once.)
#
# Run directly, it starts a cluster, runs one command against it, and cleans up:
#
#   bash scripts/pg-cluster.sh run -- ctest --preset gcc-debug -L postgresql
#
# If RETORT_TEST_POSTGRES_URL is already set, that server is used and nothing is started.
# As root the server runs as the `postgres` system user (PostgreSQL refuses to run as root).

RETORT_PG_BIN="${RETORT_PG_BIN:-/usr/lib/postgresql/15/bin}"
RETORT_PG_DIR=""

# Runs a PostgreSQL program as the user that owns the cluster, from inside the cluster folder
# (the postgres user may not be allowed into the caller's working directory).
_retort_pg_as_owner() {
    if ((EUID == 0)); then
        (cd "$RETORT_PG_DIR" && runuser -u postgres -- "$@")
    else
        (cd "$RETORT_PG_DIR" && "$@")
    fi
}

# True if something already accepts connections on 127.0.0.1:$1.
_retort_pg_port_busy() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Starts the cluster and exports RETORT_TEST_POSTGRES_URL; returns non-zero (after printing the
# server log) if the server does not come up.
retort_pg_start() {
    if [[ -n "${RETORT_TEST_POSTGRES_URL:-}" ]]; then
        echo "pg-cluster: using RETORT_TEST_POSTGRES_URL=$RETORT_TEST_POSTGRES_URL (nothing started)"
        return 0
    fi
    if [[ ! -x "$RETORT_PG_BIN/initdb" || ! -x "$RETORT_PG_BIN/pg_ctl" ]]; then
        echo "pg-cluster: no PostgreSQL 15 server in $RETORT_PG_BIN (install postgresql-15," \
             "e.g. bash scripts/deps.sh test)" >&2
        return 1
    fi
    if ((EUID == 0)) && ! id postgres >/dev/null 2>&1; then
        echo "pg-cluster: running as root but there is no 'postgres' user to run the server" >&2
        return 1
    fi

    RETORT_PG_DIR="$(mktemp -d "${TMPDIR:-/tmp}/retort-pg.XXXXXX")"
    if ((EUID == 0)); then
        chown postgres: "$RETORT_PG_DIR"
    fi
    local data="$RETORT_PG_DIR/data" log="$RETORT_PG_DIR/server.log"

    if ! _retort_pg_as_owner "$RETORT_PG_BIN/initdb" -D "$data" -A trust -U retort --no-sync \
            -E UTF8 --locale=C >"$RETORT_PG_DIR/initdb.log" 2>&1; then
        echo "pg-cluster: initdb failed:" >&2
        cat "$RETORT_PG_DIR/initdb.log" >&2
        return 1
    fi

    # A random free port; a few retries cover the race with another process taking it first.
    local port started=0 _
    for _ in 1 2 3 4 5; do
        port=$((20000 + RANDOM % 40000))
        if _retort_pg_port_busy "$port"; then
            continue
        fi
        if _retort_pg_as_owner "$RETORT_PG_BIN/pg_ctl" -D "$data" -l "$log" -w -t 60 \
                -o "-c listen_addresses=127.0.0.1 -c port=$port" \
                -o "-c unix_socket_directories=$RETORT_PG_DIR -c fsync=off" \
                -o "-c synchronous_commit=off -c full_page_writes=off" \
                start >/dev/null; then
            started=1
            break
        fi
        if ! grep -q "could not bind" "$log" 2>/dev/null; then
            break
        fi
        echo "pg-cluster: port $port was taken, trying another" >&2
    done
    if ((started == 0)); then
        echo "pg-cluster: the PostgreSQL server did not start. Server log ($log):" >&2
        cat "$log" >&2 2>/dev/null || echo "(no log written)" >&2
        return 1
    fi

    if ! _retort_pg_as_owner "$RETORT_PG_BIN/psql" -X -q -h 127.0.0.1 -p "$port" -U retort \
            -d postgres -c "CREATE DATABASE retort_test" >/dev/null; then
        echo "pg-cluster: could not create database retort_test. Server log:" >&2
        cat "$log" >&2
        return 1
    fi

    export RETORT_TEST_POSTGRES_URL="postgresql://retort@127.0.0.1:$port/retort_test"
    echo "pg-cluster: PostgreSQL $("$RETORT_PG_BIN/postgres" -V | awk '{print $3}') started" \
         "at 127.0.0.1:$port in $RETORT_PG_DIR"
    echo "pg-cluster: RETORT_TEST_POSTGRES_URL=$RETORT_TEST_POSTGRES_URL"
}

# Stops the cluster this shell started (if any) and removes its folder. Safe to call twice.
retort_pg_stop() {
    local dir="$RETORT_PG_DIR"
    [[ -n "$dir" ]] || return 0
    RETORT_PG_DIR=""
    if [[ -f "$dir/data/postmaster.pid" ]]; then
        local pid
        pid="$(head -n 1 "$dir/data/postmaster.pid")"
        RETORT_PG_DIR="$dir" _retort_pg_as_owner "$RETORT_PG_BIN/pg_ctl" -D "$dir/data" \
            -m immediate -w -t 30 stop >/dev/null 2>&1 || true
        # If pg_ctl could not stop it, end the postmaster we started, by its id.
        if [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null; then
            kill -KILL "$pid" 2>/dev/null || true
        fi
    fi
    rm -rf "$dir"
    unset RETORT_TEST_POSTGRES_URL
    echo "pg-cluster: stopped and removed $dir"
}

# Direct use: bash scripts/pg-cluster.sh run -- command args...
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    set -euo pipefail
    if [[ "${1:-}" != "run" ]]; then
        echo "usage: bash $0 run -- command [args...]   (or source it for retort_pg_start/stop)" >&2
        exit 2
    fi
    shift
    [[ "${1:-}" == "--" ]] && shift
    trap retort_pg_stop EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    trap 'exit 129' HUP
    retort_pg_start
    "$@"
fi
