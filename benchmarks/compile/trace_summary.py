#!/usr/bin/env python3
"""Summarises a clang -ftime-trace JSON file: the compiler's phase totals, then the largest
single costs (a header parsed, a template instantiated, a function generated), summed by name
and detail over the trace, largest first, and the largest template instantiations alone.

    python3 trace_summary.py program.json [--top 10] [--strip PATH_PREFIX]...

Events nest (an instantiation inside another, a header inside a header), so the items are not
additive; each is the time the compiler spent in that item, children included.
"""
import argparse
import collections
import json

# The phases and totals clang writes for the whole compile.
PHASES = ["ExecuteCompiler", "Frontend", "Backend", "Optimizer", "CodeGenPasses", "PerformPendingInstantiations",
          "Total Source", "Total ParseClass", "Total InstantiateClass", "Total InstantiateFunction",
          "Total ParseTemplate", "Total CodeGen Function", "Total OptFunction", "Total DebugType"]
# The kinds of detailed events worth naming (each carries args.detail).
KINDS = {"Source", "ParseClass", "ParseTemplate", "InstantiateClass", "InstantiateFunction", "CodeGen Function",
         "OptFunction", "DebugType", "RunPass", "OptModule", "DebugFunction", "DebugGlobalVariable"}


def shorten(text, width):
    return text if len(text) <= width else text[: width - 3] + "..."


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("trace")
    ap.add_argument("--top", type=int, default=10)
    ap.add_argument("--width", type=int, default=110)
    ap.add_argument("--strip", action="append", default=[], help="a path prefix to leave out of details")
    args = ap.parse_args()
    with open(args.trace) as f:
        events = json.load(f)["traceEvents"]

    totals = collections.defaultdict(float)
    items = collections.defaultdict(float)
    counts = collections.Counter()
    for e in events:
        if "dur" not in e:
            continue
        name = e.get("name", "")
        seconds = e["dur"] / 1e6
        if name in PHASES:
            # "Total ..." events come once; phase events once per compile (sum in case of several).
            totals[name] += seconds
        elif name in KINDS:
            detail = e.get("args", {}).get("detail", "")
            for prefix in args.strip:
                detail = detail.replace(prefix, "")
            items[(name, detail)] += seconds
            counts[(name, detail)] += 1

    print("phase totals (s):")
    for name in PHASES:
        if name in totals:
            print(f"  {name:<32} {totals[name]:8.2f}")
    ranked = sorted(items.items(), key=lambda kv: kv[1], reverse=True)
    instantiations = [kv for kv in ranked if kv[0][0].startswith("Instantiate")]
    for title, rows in [("items", ranked), ("instantiations", instantiations)]:
        print(f"top {args.top} {title} (s, children included; n = events summed):")
        for (name, detail), seconds in rows[: args.top]:
            n = counts[(name, detail)]
            print(f"  {seconds:7.2f}  {name:<20} n={n:<4} {shorten(detail, args.width)}")


if __name__ == "__main__":
    main()
