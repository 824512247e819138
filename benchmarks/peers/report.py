#!/usr/bin/env python3
"""Turns the rows the contenders print (contender,backend,workload,rep,seconds) into
results.csv (median, min, max, ratio to raw of the same run), results.md (the tables of
docs/benchmarks.md) and gnuplot plots (SVG and PNG); plots compile.csv when it is there.

    python3 report.py RESULTS_DIR     # reads RESULTS_DIR/runs.csv [and compile.csv]
"""
import collections
import csv
import os
import statistics
import subprocess
import sys

WORKLOADS = ["W1", "W2", "W3", "W4", "W5", "W6", "W7"]
TITLES = {
    "W1": "insert 100k rows, one statement each",
    "W2": "select by key, 100k random",
    "W3": "fetch 100k rows into structs",
    "W4": "1,000 users with their 10 posts",
    "W5": "filtered/ordered/limited query, 100k",
    "W6": "ORM: add 100k objects + commit",
    "W7": "ORM: change 10k loaded objects + commit",
    "W2a": "ORM: select by key, 10k, autoflush on",
}
CONTENDERS = ["raw", "retort-core", "retort-orm", "soci", "pqxx", "sqlalchemy-core", "sqlalchemy-orm"]
EXTRA = ["raw-in", "raw-noqpsg", "retort-core-qpsg", "retort-orm-joinedload", "retort-orm-bulk",
         "sqlalchemy-orm-joinedload"]
BACKENDS = ["sqlite-memory", "sqlite-file", "postgresql"]
# Why a contender has no figure for a workload.
NA = {
    ("retort-core", "W6"): "no unit of work in Core",
    ("soci", "W6"): "no unit of work",
    ("pqxx", "W6"): "no unit of work",
    ("sqlalchemy-core", "W6"): "no unit of work in Core",
    ("retort-orm", "W1"): "the ORM's insert is W6",
    ("sqlalchemy-orm", "W1"): "the ORM's insert is W6",
}


def na_reason(contender, backend, workload):
    if contender == "pqxx" and backend != "postgresql":
        return "PostgreSQL only"
    return NA.get((contender, workload), "not run")


def fmt_time(s):
    if s >= 1:
        return f"{s:.2f} s"
    if s >= 1e-3:
        return f"{s * 1e3:.1f} ms"
    return f"{s * 1e6:.0f} µs"


def load_runs(path):
    runs = collections.defaultdict(list)
    with open(path) as f:
        for row in csv.reader(f):
            if len(row) != 5 or row[0] == "contender":
                continue
            contender, backend, workload, _rep, seconds = row
            runs[(backend, workload, contender)].append(float(seconds))
    return runs


def summarise(runs):
    out = {}
    for key, times in runs.items():
        out[key] = {"runs": len(times), "median": statistics.median(times), "min": min(times), "max": max(times)}
    for (backend, workload, contender), s in out.items():
        raw = out.get((backend, workload, "raw"))
        s["ratio"] = s["median"] / raw["median"] if raw else None
    return out


def write_csv(summary, path):
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["backend", "workload", "contender", "runs", "median_s", "min_s", "max_s", "ratio_to_raw"])
        for backend in BACKENDS + ["postgresql-bulk"]:
            workloads = sorted({k[1] for k in summary if k[0] == backend})
            for workload in workloads:
                names = [c for c in CONTENDERS + EXTRA if (backend, workload, c) in summary]
                names += sorted(c for (b, wl, c) in summary if b == backend and wl == workload and c not in names)
                for c in names:
                    s = summary[(backend, workload, c)]
                    ratio = f"{s['ratio']:.3f}" if s["ratio"] is not None else ""
                    w.writerow([backend, workload, c, s["runs"], f"{s['median']:.6f}", f"{s['min']:.6f}",
                                f"{s['max']:.6f}", ratio])
                if workload in WORKLOADS:
                    for c in CONTENDERS:
                        if (backend, workload, c) not in summary:
                            w.writerow([backend, workload, c, 0, "n/a", "n/a", "n/a", na_reason(c, backend, workload)])


def write_markdown(summary, path):
    lines = []
    for backend in BACKENDS:
        if not any(k[0] == backend for k in summary):
            continue
        lines.append(f"#### {backend}: median time (ratio to raw), min-max over the runs\n")
        lines.append("| contender | " + " | ".join(WORKLOADS) + " |")
        lines.append("| --- |" + " --- |" * len(WORKLOADS))
        for c in CONTENDERS + EXTRA:
            if not any((backend, wl, c) in summary for wl in WORKLOADS):
                continue
            cells = []
            for wl in WORKLOADS:
                s = summary.get((backend, wl, c))
                if s is None:
                    cells.append("n/a")
                    continue
                ratio = f" (**{s['ratio']:.2f}x**)" if s["ratio"] is not None else ""
                cells.append(f"{fmt_time(s['median'])}{ratio}<br><sub>{fmt_time(s['min'])}-{fmt_time(s['max'])}, "
                             f"n={s['runs']}</sub>")
            lines.append(f"| {c} | " + " | ".join(cells) + " |")
        lines.append("")
        raw_in = summary.get((backend, "W4", "raw-in"))
        if raw_in:
            loaders = ["retort-orm", "retort-orm-joinedload", "sqlalchemy-orm", "sqlalchemy-orm-joinedload"]
            lines.append("W4 against raw-in (the posts fetched by the users' keys as one bound list, as an "
                         "ORM must): " + ", ".join(
                             f"{c} {summary[(backend, 'W4', c)]['median'] / raw_in['median']:.2f}x"
                             for c in loaders if (backend, "W4", c) in summary) + "\n")
        extra = [(c, summary[(backend, "W2a", c)]) for c in CONTENDERS if (backend, "W2a", c) in summary]
        if extra:
            lines.append("W2a (" + TITLES["W2a"] + "): " + ", ".join(
                f"{c} {fmt_time(s['median'])}" for c, s in extra) + "\n")
    bulk = sorted(((c, s) for (b, wl, c), s in summary.items() if b == "postgresql" and wl == "bulk"),
                  key=lambda cs: cs[1]["median"])
    if bulk:
        per_row = next((s["median"] for c, s in bulk if c == "raw-per-row"), None)
        lines.append("#### PostgreSQL bulk insert of 100,000 rows\n")
        lines.append("| path | median | min-max | vs raw per row |")
        lines.append("| --- | --- | --- | --- |")
        for c, s in bulk:
            ratio = f"{s['median'] / per_row:.3f}x" if per_row else "-"
            lines.append(f"| {c} | {fmt_time(s['median'])} | {fmt_time(s['min'])}-{fmt_time(s['max'])} | {ratio} |")
        lines.append("")
    with open(path, "w") as f:
        f.write("\n".join(lines))


def gnuplot(script):
    subprocess.run(["gnuplot"], input=script, text=True, check=True)


def plot_ratios(summary, outdir):
    for backend in BACKENDS:
        names = [c for c in CONTENDERS if any((backend, wl, c) in summary for wl in WORKLOADS)]
        if not names:
            continue
        dat = os.path.join(outdir, f"ratios-{backend}.dat")
        with open(dat, "w") as f:
            f.write("workload " + " ".join(names) + "\n")
            for wl in WORKLOADS:
                vals = []
                for c in names:
                    s = summary.get((backend, wl, c))
                    vals.append(f"{s['ratio']:.4f}" if s and s["ratio"] else "NaN")
                f.write(wl + " " + " ".join(vals) + "\n")
        for term, ext in (("svg size 960,480 dynamic font 'sans,11'", "svg"), ("png size 960,480 font 'sans,10'", "png")):
            cols = " , ".join(f"'{dat}' using {i + 2}:xtic(1) title '{n}'" for i, n in enumerate(names))
            gnuplot(f"""set terminal {term}
set output '{os.path.join(outdir, f"ratios-{backend}.{ext}")}'
set title 'W1-W7 on {backend}: median time / raw C API (log scale, lower is better)'
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set datafile missing 'NaN'
set logscale y
set yrange [0.1:*]
set grid ytics
set key top left horizontal font ',9'
set ylabel 'ratio to raw'
plot {cols}, 1 with lines lc rgb 'black' dt 2 notitle
""")


def plot_bulk(summary, outdir):
    bulk = sorted(((c, s) for (b, wl, c), s in summary.items() if b == "postgresql" and wl == "bulk"),
                  key=lambda cs: cs[1]["median"])
    if not bulk:
        return
    dat = os.path.join(outdir, "bulk.dat")
    with open(dat, "w") as f:
        for c, s in bulk:
            f.write(f"{c} {s['median'] * 1e3:.3f} {s['min'] * 1e3:.3f} {s['max'] * 1e3:.3f}\n")
    for term, ext in (("svg size 800,400 dynamic font 'sans,11'", "svg"), ("png size 800,400 font 'sans,10'", "png")):
        gnuplot(f"""set terminal {term}
set output '{os.path.join(outdir, f"bulk-postgresql.{ext}")}'
set title 'PostgreSQL: insert 100,000 rows (median, min-max; lower is better)'
set style fill solid 0.85 border -1
set boxwidth 0.6
set logscale y
set grid ytics
set ylabel 'ms'
set xtics rotate by -25
plot '{dat}' using 0:2:xtic(1) with boxes lc rgb '#4477aa' notitle, '' using 0:2:3:4 with yerrorbars lc rgb 'black' pt -1 notitle
""")


def plot_compile(outdir):
    path = os.path.join(outdir, "compile.csv")
    if not os.path.exists(path):
        return
    rows = list(csv.DictReader(open(path)))
    base = {"models": "10", "fields": "8", "statements": "100"}
    for axis in ("models", "fields", "statements"):
        others = [a for a in base if a != axis]
        series = collections.defaultdict(list)
        for r in rows:
            if all(r[a] == base[a] for a in others):
                series[(r["compiler"], r["kind"])].append((int(r[axis]), float(r["seconds"]), float(r["peak_mb"])))
        if not series:
            continue
        files = []
        for (cxx, kind), pts in sorted(series.items()):
            dat = os.path.join(outdir, f"compile-{axis}-{cxx}-{kind}.dat")
            with open(dat, "w") as f:
                for x, sec, mb in sorted(pts):
                    f.write(f"{x} {sec} {mb}\n")
            files.append((dat, f"{cxx} {kind}"))
        for term, ext in (("svg size 960,400 dynamic font 'sans,11'", "svg"), ("png size 960,400 font 'sans,10'", "png")):
            secs = ", ".join(f"'{d}' using 1:2 with linespoints title '{t}'" for d, t in files)
            mbs = ", ".join(f"'{d}' using 1:3 with linespoints title '{t}'" for d, t in files)
            fixed = ", ".join(f"{a} {base[a]}" for a in others)
            gnuplot(f"""set terminal {term}
set output '{os.path.join(outdir, f"compile-{axis}.{ext}")}'
set multiplot layout 1,2 title 'Compile cost against {axis} ({fixed}; -O0, -c)'
set grid
set key top left font ',9'
set xlabel '{axis}'
set ylabel 'seconds'
plot {secs}
set ylabel 'peak MB'
plot {mbs}
unset multiplot
""")
        for dat, _ in files:
            os.remove(dat)


def main():
    outdir = sys.argv[1] if len(sys.argv) > 1 else "."
    runs_path = os.path.join(outdir, "runs.csv")
    if os.path.exists(runs_path):
        summary = summarise(load_runs(runs_path))
        # The bulk rows are reported against raw per row, not the W1-W7 raw.
        write_csv(summary, os.path.join(outdir, "results.csv"))
        write_markdown(summary, os.path.join(outdir, "results.md"))
        plot_ratios(summary, outdir)
        plot_bulk(summary, outdir)
        for backend in BACKENDS:
            dat = os.path.join(outdir, f"ratios-{backend}.dat")
            if os.path.exists(dat):
                os.remove(dat)
        bulk = os.path.join(outdir, "bulk.dat")
        if os.path.exists(bulk):
            os.remove(bulk)
    plot_compile(outdir)


if __name__ == "__main__":
    main()
