#!/usr/bin/env bash
# The comparative benchmarks of docs/benchmarks.md: W1-W7 for raw sqlite3/libpq, retort Core and
# ORM, SOCI, libpqxx and SQLAlchemy 1.4 on SQLite (memory, file with WAL) and PostgreSQL, the
# PostgreSQL bulk paths, and the compile-cost sweep; results and plots in benchmarks/results/.
#
#   bash scripts/bench.sh
#   RETORT_TEST_POSTGRES_URL=postgresql://... bash scripts/bench.sh   # use an existing server
#   RETORT_BENCH_REPS=5 RETORT_BENCH_PY_REPS=3 RETORT_BENCH_CPU=1 RETORT_BENCH_COMPILE=0 ...
#
# Not part of the tests: nothing here runs under ctest.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root="$(pwd)"
reps="${RETORT_BENCH_REPS:-5}"
py_reps="${RETORT_BENCH_PY_REPS:-3}"
cpu="${RETORT_BENCH_CPU:-1}"
results="${root}/benchmarks/results"
build="${root}/build/release/benchmarks/peers"
started=$SECONDS

# --- packages: the build and test set, then the contenders' (Debian packages only) ----------
bash scripts/deps.sh test
wanted=(libsoci-dev libpqxx-dev python3-sqlalchemy python3-psycopg2 time)
# Plots: gnuplot-nox if the archive has it (it does on Debian 12).
if apt-cache policy gnuplot-nox 2>/dev/null | grep -q "Candidate: [0-9]"; then
    wanted+=(gnuplot-nox)
fi
missing=()
for package in "${wanted[@]}"; do
    if [[ "$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)" != "install ok installed" ]]; then
        if apt-cache policy "$package" 2>/dev/null | grep -q "Candidate: [0-9]"; then
            missing+=("$package")
        else
            echo "bench: $package is not in the package archive; its contender is skipped" >&2
        fi
    fi
done
if ((${#missing[@]} > 0)); then
    echo "bench: installing ${missing[*]}"
    as_root=()
    ((EUID == 0)) || as_root=(sudo)
    DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
fi

# --- build --------------------------------------------------------------------------------
cmake --preset release > /dev/null
targets=(bench_raw bench_retort bench_pg_bulk)
for t in bench_soci bench_pqxx; do
    # Defined only when CMake found the contender's package (benchmarks/peers/CMakeLists.txt).
    if [[ -d "build/release/benchmarks/peers/CMakeFiles/${t}.dir" ]]; then
        targets+=("$t")
    fi
done
cmake --build --preset release -j2 --target "${targets[@]}"

# --- server ---------------------------------------------------------------------------------
# shellcheck source=scripts/pg-cluster.sh
source scripts/pg-cluster.sh
work="$(mktemp -d)"
cleanup() {
    retort_pg_stop
    rm -rf "$work"
}
trap cleanup EXIT
trap 'echo "bench: interrupted" >&2; exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP
retort_pg_start
# Server and client on one CPU: cross-CPU round trips on small virtual machines are bimodal.
# New backends inherit the postmaster's affinity.
if [[ -n "$RETORT_PG_DIR" && -f "$RETORT_PG_DIR/data/postmaster.pid" ]]; then
    taskset -a -c -p "$cpu" "$(head -n 1 "$RETORT_PG_DIR/data/postmaster.pid")" > /dev/null
    echo "bench: PostgreSQL pinned to CPU $cpu"
else
    echo "bench: using an existing server; it is not pinned" >&2
fi

# --- run ------------------------------------------------------------------------------------
mkdir -p "$results"
runs="$results/runs.csv"
echo "contender,backend,workload,rep,seconds" > "$runs"
pin=(taskset -c "$cpu")
python=/usr/bin/python3
have() { [[ -x "$build/$1" ]]; }
for backend in sqlite-memory sqlite-file postgresql; do
    file="$work/bench.db"
    for program in bench_raw bench_retort bench_soci bench_pqxx; do
        if ! have "$program"; then continue; fi
        [[ "$program" == bench_pqxx && "$backend" != postgresql ]] && continue
        echo "bench: $program on $backend ($reps runs, $((SECONDS - started)) s so far)"
        "${pin[@]}" "$build/$program" --backend "$backend" --reps "$reps" --file "$file" | tee -a "$runs" ||
            echo "bench: $program failed on $backend; its rows are missing" >&2
    done
    if "$python" -c "import sqlalchemy, psycopg2" 2> /dev/null; then
        echo "bench: SQLAlchemy on $backend ($py_reps runs, $((SECONDS - started)) s so far)"
        "${pin[@]}" "$python" benchmarks/peers/sqlalchemy_bench.py --backend "$backend" --reps "$py_reps" \
            --file "$work/sqlalchemy.db" | tee -a "$runs" || echo "bench: SQLAlchemy failed on $backend" >&2
    fi
done
echo "bench: PostgreSQL bulk paths ($reps runs)"
"${pin[@]}" "$build/bench_pg_bulk" --backend postgresql --reps "$reps" | tee -a "$runs" ||
    echo "bench: bench_pg_bulk failed" >&2
retort_pg_stop

if [[ "${RETORT_BENCH_COMPILE:-1}" != 0 ]]; then
    echo "bench: compile-cost sweep ($((SECONDS - started)) s so far)"
    RETORT_BENCH_CPU="$cpu" bash benchmarks/compile/sweep.sh "$results/compile.csv"
fi

# --- report ---------------------------------------------------------------------------------
{
    echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
    echo "cpu: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1) x $(nproc)"
    echo "kernel: $(uname -r)"
    echo "g++: $(g++ -dumpfullversion)  clang++-19: $(clang++-19 -dumpversion 2> /dev/null || echo -)"
    echo "sqlite: $(dpkg-query -W -f='${Version}' libsqlite3-0 2> /dev/null)"
    echo "postgresql: $("${RETORT_PG_BIN:-/usr/lib/postgresql/15/bin}/postgres" -V 2> /dev/null | awk '{print $3}')"
    echo "soci: $(dpkg-query -W -f='${Version}' libsoci-dev 2> /dev/null)  libpqxx: $(dpkg-query -W -f='${Version}' libpqxx-dev 2> /dev/null)"
    echo "sqlalchemy: $("$python" -c 'import sqlalchemy; print(sqlalchemy.__version__)' 2> /dev/null)  psycopg2: $("$python" -c 'import psycopg2; print(psycopg2.__version__)' 2> /dev/null)"
    echo "runs: C++ $reps, Python $py_reps; pinned to CPU $cpu"
} > "$results/machine.txt"
if command -v gnuplot > /dev/null; then
    python3 benchmarks/peers/report.py "$results"
else
    echo "bench: gnuplot not found: tables written, no plots" >&2
    python3 benchmarks/peers/report.py "$results" || true
fi
echo "bench: done in $((SECONDS - started)) s: $results/results.csv, results.md and the plots"
