#!/usr/bin/env python3
"""Prints the ratios RoutingOverheadBenchmark's figures are judged by, from a JMH JSON result.

Usage: python3 benchmarks/ratios.py jmh-result.json [more.json ...]

- interleaved (one line per pair): per iteration, baselineNanos / shardkitNanos is shardkit's throughput
  relative to its baseline (both paths ran the same number of times, in the same threads, on the
  same pool). Prints the median over all iterations, the range, and the median per fork.
- Methods run alone: the median ops/s over all iterations, and shardkit's medians over
  rawJdbc's, jdbi's and shardingSphere's from the same file.
"""
import json
import statistics
import sys


def main(paths):
    alone = {}
    for path in paths:
        for result in json.load(open(path)):
            name = result["benchmark"].rsplit(".", 1)[-1]
            params = result.get("params") or {}
            if params:
                name += "(" + ", ".join(f"{k}={v}" for k, v in sorted(params.items())) + ")"
            secondary = result.get("secondaryMetrics", {})
            if "baselineNanos" in secondary and "shardkitNanos" in secondary:
                forks = zip(secondary["baselineNanos"]["rawData"], secondary["shardkitNanos"]["rawData"])
                per_fork, ratios = [], []
                for base, ours in forks:
                    r = [b / s for b, s in zip(base, ours)]
                    ratios += r
                    per_fork.append(statistics.median(r))
                print(f"{name}: shardkit/baseline {statistics.median(ratios):.3f} "
                      f"(median of {len(ratios)} iterations, range {min(ratios):.3f}-{max(ratios):.3f}; "
                      f"per fork {', '.join(f'{x:.3f}' for x in per_fork)})")
            else:
                runs = [x for fork in result["primaryMetric"]["rawData"] for x in fork]
                alone[name] = statistics.median(runs)
                print(f"{name}: {alone[name]:,.0f} ops/s (median of {len(runs)} iterations, "
                      f"range {min(runs):,.0f}-{max(runs):,.0f})")
    for ours, base in [("shardkitJdbc", "rawJdbc"), ("shardkitJdbi", "rawJdbc"), ("shardkitJdbi", "jdbi"),
                       ("shardkitJdbc", "shardingSphere"), ("shardkitJdbi", "shardingSphere")]:
        if ours in alone and base in alone:
            print(f"alone: {ours}/{base} {alone[ours] / alone[base]:.3f}")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
