#!/usr/bin/env bash
# Builds and runs retort's demo (examples/demo.cpp); it writes blog.db in the current folder.
#
#   bash scripts/demo.sh
set -euo pipefail
here="$(pwd)"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

bash "$root/scripts/deps.sh" demo

cd "$root"
cmake --preset release >/dev/null
cmake --build --preset release -j2 --target demo

cd "$here"
echo "--- build/release/examples/demo ---"
exec "$root/build/release/examples/demo"
