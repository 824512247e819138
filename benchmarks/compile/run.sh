#!/usr/bin/env bash
# Compile cost of the expression language: generates a translation unit (10 models x 8 fields,
# 100 distinct statements rendered on both dialects, their values visited) and compiles it
# with g++ and clang++-19, three times each, reporting the best wall and CPU (user + system)
# seconds and the peak memory from /usr/bin/time -v. On a shared machine the CPU time is the
# steadier number. With --ddl first, the TU is instead 20 models x 16 fields and their full
# create_all DDL for both dialects (generate.py --ddl).
# Usage: benchmarks/compile/run.sh [--ddl] [extra compiler flags, default -O0]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "${here}/../.." && pwd)"
gen=()
if [ "${1:-}" = --ddl ]; then
    gen=(--ddl --models 20 --fields 16)
    shift
fi
flags=("$@")
if [ ${#flags[@]} -eq 0 ]; then flags=(-O0); fi
work="$(mktemp -d)"
trap 'rm -rf "${work}"' EXIT
python3 "${here}/generate.py" "${gen[@]}" > "${work}/tu.cpp"
printf '%-12s %8s %8s %10s\n' compiler wall cpu "peak MB"
for cxx in g++ clang++-19; do
    if ! command -v "${cxx}" > /dev/null; then continue; fi
    best_wall="" best_cpu="" best_mb=""
    for _ in 1 2 3; do
        /usr/bin/time -v "${cxx}" -std=c++20 "${flags[@]}" -Wall -Wextra -Wpedantic \
            -I"${root}/include" -c "${work}/tu.cpp" -o "${work}/tu.o" 2> "${work}/time.txt" || {
            cat "${work}/time.txt"
            exit 1
        }
        wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "${work}/time.txt" |
            awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }')
        user=$(sed -n 's/.*User time (seconds): //p' "${work}/time.txt")
        sys=$(sed -n 's/.*System time (seconds): //p' "${work}/time.txt")
        kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "${work}/time.txt")
        cpu=$(awk -v u="${user}" -v s="${sys}" 'BEGIN { print u + s }')
        if [ -z "${best_cpu}" ] || awk -v a="${cpu}" -v b="${best_cpu}" 'BEGIN { exit !(a < b) }'; then
            best_cpu="${cpu}" best_wall="${wall}" best_mb="$((kb / 1024))"
        fi
    done
    printf '%-12s %8.2f %8.2f %10d\n' "${cxx}" "${best_wall}" "${best_cpu}" "${best_mb}"
done
