"""Summarises bench/compare-builds.sh output: per figure, each build's median, after/before and the spread of the
per-round ratios (min..max). For time figures (us_*) a ratio below 1 means the after build is faster; for rates
(samples_per_s, gflop) above 1 does."""
import json
import statistics
import sys
from collections import defaultdict

values = defaultdict(lambda: defaultdict(dict))
metric = {}
for line in open(sys.argv[1]):
    r = json.loads(line)
    if "value" not in r:
        continue
    values[r["id"]][r["build"]][r["round"]] = r["value"]
    metric[r["id"]] = r["metric"]

print(f"{'figure':36} {'metric':16} {'before':>10} {'after':>10} {'after/before':>12} {'per-round range':>18}")
for key, sides in values.items():
    rounds = sorted(set(sides.get("before", {})) & set(sides.get("after", {})))
    if not rounds:
        continue
    before = statistics.median(sides["before"][r] for r in rounds)
    after = statistics.median(sides["after"][r] for r in rounds)
    ratios = [sides["after"][r] / sides["before"][r] for r in rounds if sides["before"][r]]
    print(f"{key:36} {metric[key]:16} {before:10.4g} {after:10.4g} {after / before:12.3f} {min(ratios):8.3f}..{max(ratios):.3f}")
