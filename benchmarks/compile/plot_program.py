#!/usr/bin/env python3
"""Plots the program benchmark before and after: CPU seconds and peak memory per compiler and
level, from two reports of program.sh --save (benchmarks/results/compile_program-before.md and
compile_program.md), as benchmarks/results/compile-program.png (gnuplot, as report.py plots).

    python3 benchmarks/compile/plot_program.py [BEFORE.md AFTER.md OUT.png]
"""
import pathlib
import re
import subprocess
import sys
import tempfile

root = pathlib.Path(__file__).resolve().parents[2]
results = root / "benchmarks" / "results"
before_md, after_md, out_png = (
    [pathlib.Path(a) for a in sys.argv[1:4]]
    if len(sys.argv) == 4
    else [results / "compile_program-before.md", results / "compile_program.md", results / "compile-program.png"]
)

ROW = re.compile(r"^\| (\S+) \| -O(\d) \| ([\d.]+) s \([^)]*\), (\d+) MB")


def program_rows(path):
    """(compiler, level) -> (CPU seconds, MB) of the retort program, from a report's table."""
    rows = {}
    for line in path.read_text().splitlines():
        m = ROW.match(line)
        if m:
            rows[(m.group(1), "-O" + m.group(2))] = (float(m.group(3)), int(m.group(4)))
    return rows


before, after = program_rows(before_md), program_rows(after_md)
keys = [k for k in before if k in after]
if not keys:
    sys.exit(f"plot_program: no common rows in {before_md} and {after_md}")
with tempfile.NamedTemporaryFile("w", suffix=".dat", delete=False) as data:
    for compiler, level in keys:
        b, a = before[(compiler, level)], after[(compiler, level)]
        data.write(f'"{compiler} {level}" {b[0]} {a[0]} {b[1]} {a[1]}\n')
script = f"""set terminal pngcairo size 1000,420 font ",10"
set output "{out_png}"
set multiplot layout 1,2 title "Compile cost of the program benchmark (median CPU seconds and peak MB)"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set boxwidth 0.9
set xtics rotate by -20
set grid ytics
set key top right
set title "CPU seconds"
set yrange [0:*]
plot "{data.name}" using 2:xtic(1) title "before" lc rgb "#b0b0b0", "" using 3 title "after" lc rgb "#3060c0"
set title "peak memory (MB)"
plot "{data.name}" using 4:xtic(1) title "before" lc rgb "#b0b0b0", "" using 5 title "after" lc rgb "#3060c0"
unset multiplot
"""
subprocess.run(["gnuplot"], input=script, text=True, check=True)
print(f"plot_program: wrote {out_png}")
