#!/usr/bin/env bash
# Compile cost of a service-shaped program (program.py: 6 models and an association table,
# 40 Core statements, 20 ORM queries with selectin/joined loads, session writes, both
# dialects) beside its floor (program.py --floor: the same program on the sqlite3 C API), then
# the include-only cost of each public umbrella header, then a clang -ftime-trace summary of
# the program at -O0. Each compile is `-std=c++20 -I include -I /usr/include/postgresql -c`,
# measured with /usr/bin/time -v: CPU seconds (user + system; steadier than wall on a shared
# machine) and peak RSS, median (min-max) over the runs.
#
#   benchmarks/compile/program.sh [options]
#     --runs N            compiles per measurement (default 5)
#     --quick             one run each, -O0 only, no headers (a development check)
#     --compilers "A B"   default "g++ clang++-19" (the ones installed)
#     --opt "O0 O2"       optimisation levels of the program (default "-O0 -O2")
#     --no-program | --no-headers | --no-trace    skip a part
#     --run URL           also link and run the program (and the floor on SQLite) first;
#                         URL "sqlite://" runs in memory
#     --save [FILE]       also write the report as markdown (default
#                         benchmarks/results/compile_program.md)
# Pinned with taskset to CPU ${RETORT_BENCH_CPU:-1} when taskset exists, as sweep.sh is.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "${here}/../.." && pwd)"

runs=5
compilers=""
opts="-O0 -O2"
do_program=1 do_headers=1 do_trace=1
run_url=""
save=""
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs="$2"; shift ;;
        --quick) runs=1; opts="-O0"; do_headers=0 ;;
        --compilers) compilers="$2"; shift ;;
        --opt) opts="$2"; shift ;;
        --no-program) do_program=0 ;;
        --no-headers) do_headers=0 ;;
        --no-trace) do_trace=0 ;;
        --run) run_url="$2"; shift ;;
        --save)
            save="${root}/benchmarks/results/compile_program.md"
            if [ $# -gt 1 ] && [ "${2#--}" = "$2" ]; then save="$2"; shift; fi ;;
        -h | --help) sed -n '2,22p' "$0"; exit 0 ;;
        *) echo "program.sh: unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
if [ -z "${compilers}" ]; then
    for cxx in g++ clang++-19; do
        if command -v "${cxx}" > /dev/null; then compilers="${compilers} ${cxx}"; fi
    done
fi
read -r -a compilers <<< "${compilers}"
read -r -a opts <<< "${opts}"
for i in "${!opts[@]}"; do opts[i]="-${opts[i]#-}"; done

work="$(mktemp -d)"
trap 'rm -rf "${work}"' EXIT
pin=()
if command -v taskset > /dev/null; then pin=(taskset -c "${RETORT_BENCH_CPU:-1}"); fi
report="${work}/report.md"
flags=(-std=c++20 -I"${root}/include" -I/usr/include/postgresql)

out() { printf '%s\n' "$*" | tee -a "${report}"; }

python3 "${here}/program.py" > "${work}/program.cpp"
python3 "${here}/program.py" --floor > "${work}/floor.cpp"

# measure SRC FLAG...: compiles SRC `runs` times; prints "cpu_median cpu_min cpu_max mb_median mb_min mb_max".
measure() {
    local src="$1"
    shift
    local samples="${work}/samples.txt"
    : > "${samples}"
    for _ in $(seq "${runs}"); do
        "${pin[@]}" /usr/bin/time -v "$@" -c "${src}" -o "${work}/out.o" 2> "${work}/time.txt" || {
            cat "${work}/time.txt" >&2
            exit 1
        }
        local user sys kb
        user=$(sed -n 's/.*User time (seconds): //p' "${work}/time.txt")
        sys=$(sed -n 's/.*System time (seconds): //p' "${work}/time.txt")
        kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "${work}/time.txt")
        echo "${user} ${sys} ${kb}" >> "${samples}"
    done
    python3 - "${samples}" <<'EOF'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1]) if line.strip()]
cpu = [float(u) + float(s) for u, s, _ in rows]
mb = [int(k) / 1024 for _, _, k in rows]
print(f"{statistics.median(cpu):.2f} {min(cpu):.2f} {max(cpu):.2f} "
      f"{statistics.median(mb):.0f} {min(mb):.0f} {max(mb):.0f}")
EOF
}

# cell "cpu_med cpu_min cpu_max mb_med mb_min mb_max": "12.3 s (12.1-12.9), 845 MB (840-850)".
cell() {
    read -r c c0 c1 m m0 m1 <<< "$1"
    if [ "${runs}" -eq 1 ]; then
        printf '%s s, %s MB' "${c}" "${m}"
    else
        printf '%s s (%s-%s), %s MB (%s-%s)' "${c}" "${c0}" "${c1}" "${m}" "${m0}" "${m1}"
    fi
}

out "# Compile cost of a service-shaped program"
out ""
out "- date: $(date -u +%Y-%m-%dT%H:%MZ); commit: $(git -C "${root}" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "${root}" diff --quiet HEAD -- include 2>/dev/null || echo ' (headers modified)')"
out "- machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
for cxx in "${compilers[@]}"; do out "- ${cxx}: $("${cxx}" --version | head -1)"; done
out "- program.py: $(grep -c '^std::int64_t core_' "${work}/program.cpp") Core statements, $(grep -c '^std::int64_t orm_' "${work}/program.cpp") ORM queries, $(wc -l < "${work}/program.cpp") lines; floor $(wc -l < "${work}/floor.cpp") lines"
pinned=""
if [ ${#pin[@]} -gt 0 ]; then pinned=", pinned to CPU ${RETORT_BENCH_CPU:-1}"; fi
out "- each figure: CPU seconds (user + system) and peak RSS of \`<compiler> -std=c++20 -I<root>/include -I/usr/include/postgresql -O<n> -c\`, median (min-max) of ${runs} run(s)${pinned}"
out ""

if [ -n "${run_url}" ]; then
    cxx="${compilers[0]}"
    "${cxx}" "${flags[@]}" -O0 "${work}/program.cpp" -o "${work}/program" -lsqlite3 -lpq -lfmt
    "${cxx}" -std=c++20 -O0 "${work}/floor.cpp" -o "${work}/floor" -lsqlite3
    out "Run (${cxx} -O0) against ${run_url}:"
    out ""
    out '```'
    out "$("${work}/program" "${run_url}")"
    out "$("${work}/floor")"
    out '```'
    out ""
fi

if [ "${do_program}" -eq 1 ]; then
    out "## The program and its floor"
    out ""
    out "| compiler | opt | retort program | floor (sqlite3 C API) | ratio (CPU) |"
    out "| --- | --- | --- | --- | --- |"
    for cxx in "${compilers[@]}"; do
        for opt in "${opts[@]}"; do
            p=$(measure "${work}/program.cpp" "${cxx}" "${flags[@]}" "${opt}")
            f=$(measure "${work}/floor.cpp" "${cxx}" "${flags[@]}" "${opt}")
            ratio=$(awk -v a="${p%% *}" -v b="${f%% *}" 'BEGIN { printf "%.1fx", a / b }')
            out "| ${cxx} | ${opt} | $(cell "${p}") | $(cell "${f}") | ${ratio} |"
        done
    done
    out ""
fi

if [ "${do_headers}" -eq 1 ]; then
    out "## Include-only cost of each umbrella header (-O0, an empty main after the include)"
    out ""
    header_row="| header |"
    rule="| --- |"
    for cxx in "${compilers[@]}"; do header_row="${header_row} ${cxx} |"; rule="${rule} --- |"; done
    out "${header_row}"
    out "${rule}"
    printf 'int main() { return 0; }\n' > "${work}/none.cpp"
    for set in "" sql schema engine retort sqlite postgresql "retort sqlite postgresql"; do
        src="${work}/include.cpp"
        : > "${src}"
        for h in ${set}; do printf '#include <retort/%s.hpp>\n' "${h}" >> "${src}"; done
        printf 'int main() { return 0; }\n' >> "${src}"
        if [ -z "${set}" ]; then
            label="(none: the empty main)"
        else
            label=$(for h in ${set}; do printf 'retort/%s.hpp + ' "${h}"; done)
            label="${label% + }"
        fi
        row="| ${label} |"
        for cxx in "${compilers[@]}"; do
            row="${row} $(cell "$(measure "${src}" "${cxx}" "${flags[@]}" -O0)") |"
        done
        out "${row}"
    done
    out ""
fi

if [ "${do_trace}" -eq 1 ] && command -v clang++-19 > /dev/null; then
    out "## clang++-19 -ftime-trace of the program at -O0"
    out ""
    clang++-19 "${flags[@]}" -O0 -ftime-trace -ftime-trace-granularity=500 \
        -c "${work}/program.cpp" -o "${work}/trace.o"
    out '```'
    out "$(python3 "${here}/trace_summary.py" "${work}/trace.json" --top 10 \
        --strip "${work}/" --strip "${root}/include/")"
    out '```'
    out ""
fi

if [ -n "${save}" ]; then
    mkdir -p "$(dirname "${save}")"
    cp "${report}" "${save}"
    echo "program.sh: wrote ${save}"
fi
