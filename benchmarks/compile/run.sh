#!/usr/bin/env bash
# Compile cost of the expression language: generates a translation unit (10 models x 8 fields,
# 100 statements rendered on both dialects) and compiles it with g++ and clang++-19, reporting
# wall and CPU (user + system) seconds and peak memory from /usr/bin/time -v; on a shared
# machine the CPU time is the steadier number. Usage: benchmarks/compile/run.sh [-O0|-O2]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "${here}/../.." && pwd)"
opt="${1:--O0}"
work="$(mktemp -d)"
trap 'rm -rf "${work}"' EXIT
python3 "${here}/generate.py" > "${work}/tu.cpp"
printf '%-12s %8s %8s %10s\n' compiler wall cpu "peak MB"
for cxx in g++ clang++-19; do
    if ! command -v "${cxx}" > /dev/null; then continue; fi
    /usr/bin/time -v "${cxx}" -std=c++20 "${opt}" -Wall -Wextra -Wpedantic -I"${root}/include" \
        -c "${work}/tu.cpp" -o "${work}/tu.o" 2> "${work}/time.txt" || {
        cat "${work}/time.txt"
        exit 1
    }
    secs=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "${work}/time.txt" |
        awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }')
    user=$(sed -n 's/.*User time (seconds): //p' "${work}/time.txt")
    sys=$(sed -n 's/.*System time (seconds): //p' "${work}/time.txt")
    kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "${work}/time.txt")
    cpu=$(awk -v u="${user}" -v s="${sys}" 'BEGIN { print u + s }')
    printf '%-12s %8.2f %8.2f %10d\n' "${cxx}" "${secs}" "${cpu}" "$((kb / 1024))"
done
