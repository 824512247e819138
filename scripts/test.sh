#!/usr/bin/env bash
# Builds and tests retort under each CMake preset against a throwaway PostgreSQL server.
#
#   bash scripts/test.sh                              # gcc-debug, clang-debug, sanitize
#   RETORT_PRESETS="gcc-debug" bash scripts/test.sh   # a quicker local run
#   RETORT_TEST_POSTGRES_URL=postgresql://... bash scripts/test.sh   # use an existing server
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/deps.sh test

# shellcheck source=scripts/pg-cluster.sh
source scripts/pg-cluster.sh
# The EXIT trap stops the server on every path (failure, Ctrl-C, kill); the signal traps only
# turn the signal into an exit so the cleanup runs once.
trap retort_pg_stop EXIT
trap 'echo "test: interrupted" >&2; exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP
retort_pg_start

# With a server at hand, a PostgreSQL test that cannot reach it must fail, not skip.
export RETORT_REQUIRE_POSTGRES=1

read -r -a presets <<<"${RETORT_PRESETS:-gcc-debug clang-debug sanitize}"
summary=()
for preset in "${presets[@]}"; do
    echo "=== $preset ==="
    started=$SECONDS
    cmake --preset "$preset"
    cmake --build --preset "$preset" -j2
    log="build/$preset/ctest.log"
    ctest --preset "$preset" -j2 --output-on-failure | tee "$log"
    # Passing tests print nothing; show which server the PostgreSQL tests talked to.
    grep -h "^\[retort-postgres\]" "build/$preset/Testing/Temporary/LastTest.log" | sort -u || true
    result="$(grep -E "tests passed" "$log" | tail -n 1)"
    summary+=("$(printf '%-12s %s (%ds)' "$preset" "$result" $((SECONDS - started)))")
done

echo "=== summary ==="
printf '%s\n' "${summary[@]}"
