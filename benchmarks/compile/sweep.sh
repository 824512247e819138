#!/usr/bin/env bash
# Compile cost against models (5-40), fields (4-32) and statements (10-1,000), one axis at a time
# around 10 models x 8 fields x 100 statements: the generated retort TU and its floor (the same
# structs and statements as SQL strings bound through sqlite3, generate.py --raw), on g++ and
# clang++-19 at -O0 -c, one compile each. Writes CSV (compiler,kind,models,fields,statements,
# seconds,peak_mb; seconds = user + system CPU, steadier than wall on a shared machine).
#   benchmarks/compile/sweep.sh OUT.csv
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "${here}/../.." && pwd)"
out="${1:-compile.csv}"
work="$(mktemp -d)"
trap 'rm -rf "${work}"' EXIT
pin=()
if command -v taskset > /dev/null; then pin=(taskset -c "${RETORT_BENCH_CPU:-1}"); fi

points=()
for m in 5 10 20 40; do points+=("$m 8 100"); done
# With fewer than 6 fields the statements use the value columns there are (see generate.py).
for f in 4 6 16 32; do points+=("10 $f 100"); done
for s in 10 300 1000; do points+=("10 8 $s"); done

echo "compiler,kind,models,fields,statements,seconds,peak_mb" > "${out}"
for point in "${points[@]}"; do
    read -r m f s <<< "${point}"
    for kind in retort raw; do
        args=(--models "$m" --fields "$f" --statements "$s")
        if [ "${kind}" = raw ]; then args+=(--raw); fi
        python3 "${here}/generate.py" "${args[@]}" > "${work}/tu.cpp"
        for cxx in g++ clang++-19; do
            if ! command -v "${cxx}" > /dev/null; then continue; fi
            "${pin[@]}" /usr/bin/time -v "${cxx}" -std=c++20 -O0 -Wall -Wextra -Wpedantic -Werror \
                -I"${root}/include" -c "${work}/tu.cpp" -o "${work}/tu.o" 2> "${work}/time.txt" || {
                cat "${work}/time.txt" >&2
                exit 1
            }
            user=$(sed -n 's/.*User time (seconds): //p' "${work}/time.txt")
            sys=$(sed -n 's/.*System time (seconds): //p' "${work}/time.txt")
            kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "${work}/time.txt")
            cpu=$(awk -v u="${user}" -v s="${sys}" 'BEGIN { printf "%.2f", u + s }')
            echo "${cxx},${kind},${m},${f},${s},${cpu},$((kb / 1024))" | tee -a "${out}"
        done
    done
done
