#!/usr/bin/env python3
"""Prints the ratios RoutingOverheadBenchmark's and ScatterGatherBenchmark's figures are judged by,
from a JMH JSON result.

Usage: python3 benchmarks/ratios.py jmh-result.json [more.json ...]

- Interleaved methods (one line per pair of paths): per iteration, the quotient of the two paths'
  time counters, both paths having run the same number of times in the same threads on the same
  pools. RoutingOverheadBenchmark: baselineNanos / shardkitNanos, shardkit's throughput relative to
  its baseline. ScatterGatherBenchmark: scatterNanos / handRolledNanos, the scatter's time per op
  relative to the hand-rolled fan-out's. Prints the median over all iterations, the range, and the
  median per fork.
- Methods run alone: the median score over all iterations, and the quotients of medians from the
  same file and the same parameters: shardkit's ops/s over rawJdbc's, jdbi's and shardingSphere's;
  scatter's time per op over handRolled's, singleShard's and sequential's.
- Stores taking turns (JournalBenchmark): per iteration, each store's rate, threads * calls /
  seconds in its calls (records/s acknowledged durable), and ours' rate over each baseline's; the
  medians over all iterations, with their ranges.
"""
import json
import statistics
import sys

# (numerator, denominator, what the quotient is) for the interleaved time counters.
COUNTER_PAIRS = [
    ("baselineNanos", "shardkitNanos", "shardkit/baseline (throughput)"),
    ("scatterNanos", "handRolledNanos", "scatter/handRolled (time per op)"),
    ("twoPhaseNanos", "singleShardNanos", "accept: twoPhase/singleShard (time per op)"),
    ("outboxNanos", "singleShardNanos", "accept: outbox/singleShard (time per op)"),
    ("twoPhaseNanos", "outboxNanos", "accept: twoPhase/outbox (time per op)"),
    ("rawCopyNanos", "batchWriterNanos", "writes: batchWriter/rawCopy (throughput)"),
    ("batchWriterNanos", "asyncJournaledNanos", "writes: asyncJournaled/batchWriter rows (throughput)"),
    ("asyncJournaledNanos", "asyncCommittedNanos", "writes: asyncCommitted/asyncJournaled (throughput)"),
]

# (ours, baselines) among stores taking turns: their <store>Calls and <store>Nanos counters.
TURN_STORES = ("ours", ("sqlite", "mvstore"))

# (ours, baseline) among methods run alone; the quotient is of their scores as JMH reports them.
ALONE_PAIRS = [
    ("shardkitJdbc", "rawJdbc"), ("shardkitJdbi", "rawJdbc"), ("shardkitJdbi", "jdbi"),
    ("shardkitJdbc", "shardingSphere"), ("shardkitJdbi", "shardingSphere"),
    ("scatter", "handRolled"), ("scatter", "singleShard"), ("scatter", "sequential"),
    ("batchWriter", "rawCopy"), ("batchWriterInsert", "rawCopy"), ("asyncJournaled", "seedOneCommitEach"),
    ("asyncCommitted", "seedOneCommitEach"),
]


def rates(threads, secondary, store):
    calls = [x for fork in secondary[store + "Calls"]["rawData"] for x in fork]
    nanos = [x for fork in secondary[store + "Nanos"]["rawData"] for x in fork]
    return [threads * c / (n / 1e9) for c, n in zip(calls, nanos)]


def turns(name, threads, secondary):
    ours, baselines = TURN_STORES
    mine = rates(threads, secondary, ours)
    for store in (ours,) + baselines:
        r = rates(threads, secondary, store)
        print(f"{name}: {store} {statistics.median(r):,.0f} records/s (median of {len(r)} iterations, "
              f"range {min(r):,.0f}-{max(r):,.0f})")
    for base in baselines:
        q = [a / b for a, b in zip(mine, rates(threads, secondary, base))]
        print(f"{name}: {ours}/{base} {statistics.median(q):.2f} (median of {len(q)} iterations, "
              f"range {min(q):.2f}-{max(q):.2f})")


def write_rates(secondary):
    """WriteBenchmark.interleaved: each path's rows per second, from its own time (20,000 rows a call)."""
    calls = [x for fork in secondary["interleavedCalls"]["rawData"] for x in fork]
    for path in ("batchWriter", "rawCopy", "asyncJournaled", "asyncCommitted"):
        nanos = [x for fork in secondary[path + "Nanos"]["rawData"] for x in fork]
        r = [20_000 * c / (n / 1e9) for c, n in zip(calls, nanos) if n]
        if r:
            print(f"writes: {path} {statistics.median(r):,.0f} rows/s (median of {len(r)} iterations, "
                  f"range {min(r):,.0f}-{max(r):,.0f})")


def main(paths):
    alone = {}
    for path in paths:
        for result in json.load(open(path)):
            method = result["benchmark"].rsplit(".", 1)[-1]
            params = result.get("params") or {}
            suffix = "(" + ", ".join(f"{k}={v}" for k, v in sorted(params.items())) + ")" if params else ""
            name = method + suffix
            secondary = result.get("secondaryMetrics", {})
            if "interleavedCalls" in secondary:
                write_rates(secondary)
            if "oursCalls" in secondary:
                turns(name, result["threads"], secondary)
                continue
            pairs = [(n, d, label) for n, d, label in COUNTER_PAIRS if n in secondary and d in secondary]
            for num, den, label in pairs:
                forks = zip(secondary[num]["rawData"], secondary[den]["rawData"])
                per_fork, ratios = [], []
                for top, bottom in forks:
                    r = [a / b for a, b in zip(top, bottom)]
                    ratios += r
                    per_fork.append(statistics.median(r))
                print(f"{name}: {label} {statistics.median(ratios):.3f} "
                      f"(median of {len(ratios)} iterations, range {min(ratios):.3f}-{max(ratios):.3f}; "
                      f"per fork {', '.join(f'{x:.3f}' for x in per_fork)})")
            if pairs and "acceptsEachWay" in secondary:
                calls = [x for fork in secondary["acceptsEachWay"]["rawData"] for x in fork]
                for counter in sorted(k for k in secondary if k.endswith("Nanos")):
                    spent = [x for fork in secondary[counter]["rawData"] for x in fork]
                    per_op = [s / c / 1000 for s, c in zip(spent, calls)]
                    print(f"{name}: {counter[:-5]} {statistics.median(per_op):,.0f} us per accept "
                          f"(median of {len(per_op)} iterations, range {min(per_op):,.0f}-{max(per_op):,.0f})")
            else:
                runs = [x for fork in result["primaryMetric"]["rawData"] for x in fork]
                unit = result["primaryMetric"]["scoreUnit"]
                alone[(method, suffix)] = (statistics.median(runs), unit)
                print(f"{name}: {statistics.median(runs):,.1f} {unit} (median of {len(runs)} iterations, "
                      f"range {min(runs):,.1f}-{max(runs):,.1f})")
    for (method, suffix), (score, unit) in sorted(alone.items()):
        for ours, base in ALONE_PAIRS:
            if method == ours and (base, suffix) in alone:
                print(f"alone{suffix}: {ours}/{base} {score / alone[(base, suffix)][0]:.3f} ({unit})")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
