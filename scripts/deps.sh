#!/usr/bin/env bash
# Installs the Debian 12 packages retort needs, and only those that are missing.
#
#   bash scripts/deps.sh demo   # compilers and libraries to build and run the demo
#   bash scripts/deps.sh test   # the above plus clang 19 and a PostgreSQL 15 server for tests
set -euo pipefail

set_name="${1:-test}"

# Everything needed to configure and build the project with g++ (tests and benchmarks included,
# since a top-level configure builds them).
demo_packages=(
    build-essential g++ cmake ninja-build
    libboost-dev libfmt-dev libsqlite3-dev libpq-dev
    libgtest-dev libgmock-dev libbenchmark-dev
)
# The second compiler (with its sanitizer runtimes) and a server for the PostgreSQL tests.
test_packages=(
    "${demo_packages[@]}"
    clang-19 libclang-rt-19-dev
    postgresql-15
)

case "$set_name" in
    demo) wanted=("${demo_packages[@]}") ;;
    test) wanted=("${test_packages[@]}") ;;
    *) echo "usage: $0 demo|test" >&2; exit 2 ;;
esac

missing=()
for package in "${wanted[@]}"; do
    status="$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)"
    if [[ "$status" != "install ok installed" ]]; then
        missing+=("$package")
    fi
done

if ((${#missing[@]} == 0)); then
    echo "deps: all ${#wanted[@]} packages for '$set_name' are installed"
    exit 0
fi

echo "deps: installing ${missing[*]}"
if ((EUID == 0)); then
    as_root=()
elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
else
    echo "deps: missing packages (${missing[*]}) and not root, and sudo is not available." >&2
    echo "deps: install them as root: apt-get install ${missing[*]}" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update
"${as_root[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
