#!/usr/bin/env python3
"""Reads the JSON lines of a bench/run.sh run and prints DslNet's figures beside its peers', with ratios.

The peers are PyTorch (every workload; W3 eager and TorchScript) and ONNX Runtime (W3 and W4, the networks
exported with OnnxExport). The ratio is a speed-up: how many times faster DslNet is (DslNet/peer for a rate,
peer/DslNet for a time), so above 1 means DslNet wins. run.sh interleaves the peers workload by workload,
round by round; each round's ratio pairs the measurements taken back to back, and the median of those is
shown, since on a shared machine the load moves between rounds more than within one.

Usage: compare.py RESULTS.jsonl   (standard library only)
"""

import json
import statistics
import sys

WORKLOADS = [
    ("W1", "mlp-train", "samples/s", True),
    ("W2", "cnn-train", "samples/s", True),
    ("W3", "mlp-infer-1", "µs/sample", False),
    ("W4", "cnn-infer-1", "µs/sample", False),
    ("W5", "lstm-train", "sequences/s", True),
    ("W6", "dense-big", "GFLOP/s", True),
    ("W7", "mlp-train-2t", "samples/s", True),
    ("W8", "cnn-train-2t", "samples/s", True),
    ("W9", "resnet-train", "samples/s", True),
]

PEER_NAMES = {"pytorch": "PyTorch", "onnxruntime": "ONNX Runtime"}
PEER_ORDER = {"pytorch": 0, "onnxruntime": 1}


def load(path):
    lines = []
    with open(path, encoding="utf-8") as f:
        for raw in f:
            raw = raw.strip()
            if raw.startswith("{"):
                lines.append(json.loads(raw))
    return lines


def fmt(value):
    if value is None:
        return "—"
    if value >= 1000:
        return f"{value:,.0f}"
    if value >= 100:
        return f"{value:.1f}"
    return f"{value:.2f}"


# The targets of "the products at the machine's peak": a speed-up over a peer, or W6's share of the measured FMA peak.
TARGETS = [
    ("W1 mlp-train", "PyTorch", 2.5),
    ("W2 cnn-train", "PyTorch", 4.0),
    ("W5 lstm-train", "PyTorch", 3.0),
    ("W6 dense-big", "PyTorch", 1.2),
    ("W3 mlp-infer-1", "ONNX Runtime", 2.0),
    ("W4 cnn-infer-1", "ONNX Runtime", 3.0),
    ("W9 resnet-train", "PyTorch", 2.0),
]


def amd_core(cpu, family, model):
    """AMD's core generation from the CPU family and model (a virtual machine often reports only "AMD EPYC")."""
    try:
        family, model = int(family), int(model)
    except (TypeError, ValueError):
        return None
    if "AMD" not in cpu:
        return None
    if family == 23:
        return "Zen or Zen 2"
    if family == 25:
        return "Zen 4" if 0x10 <= model <= 0x1F or 0x60 <= model <= 0x7F or 0xA0 <= model <= 0xAF else "Zen 3"
    if family == 26:
        return "Zen 5"
    return None


def print_targets(lines, measured, rows):
    """The FMA peak this run measured, W6's share of it, and each ratio target as met or not."""
    peaks = [l for l in lines if l.get("id") == "P0" and "value" in l]
    w6 = [l["value"] for l in measured if l["id"] == "W6" and l["peer"] == "dslnet"]
    print()
    machines = [l for l in lines if l.get("id") == "machine"]
    if machines:
        m = machines[-1]
        core = amd_core(m.get("cpu", ""), m.get("cpu_family"), m.get("cpu_model"))
        print(f"Processor: {m.get('cpu', '?')}{', ' + core if core else ''} (family {m.get('cpu_family', '?')}, model {m.get('cpu_model', '?')}, "
              f"AVX-512 {m.get('avx512', '?')}), {m.get('nproc', '?')} logical cores; load average at the end {m.get('load_average', '?')}")
    if peaks:
        peak = statistics.median(l["value"] for l in peaks)
        widths = ", ".join(f"{bits}-bit {statistics.median(l[f'gflop_per_s_{bits}'] for l in peaks if f'gflop_per_s_{bits}' in l):.1f}"
                           for bits in (512, 256, 128) if any(f"gflop_per_s_{bits}" in l for l in peaks))
        print(f"FMA peak of one core: {peak:.1f} GFLOP/s at {peaks[0].get('vector_bits')} bits ({widths})")
        if w6:
            share = statistics.median(w6) / peak
            print(f"  W6 at {share:.0%} of it: target 90 %, {'met' if share >= 0.9 else 'not met'}")
        products = [l["value"] for l in lines if l.get("id") == "W1.products" and "value" in l]
        if products:
            share = statistics.median(products) / peak
            print(f"  W1's products (each Dense kernel of the step timed alone, --breakdown) at {statistics.median(products):.1f} GFLOP/s, "
                  f"{share:.0%} of it: target 80 %, {'met' if share >= 0.8 else 'not met'}")
    busy = [l for l in lines if l.get("id") == "W7/W1" and "value" in l]
    if busy:
        b = busy[-1]
        print(f"  W7/W1 beside a busy core ({b.get('busy_core', '?')}): {b['value']:.2f} (rounds {b.get('ratios', '?')}), "
              f"target 0.95, {'met' if b['value'] >= 0.95 else 'not met'}")
    for workload, peer, target in TARGETS:
        ratios = [r[5] for r in rows if r[0] == workload and r[3] == peer and r[5]]
        if ratios:
            print(f"  {workload} against {peer}: {ratios[0]:.2f}×, target {target:g}×, {'met' if ratios[0] >= target else 'not met'}")


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    lines = load(sys.argv[1])
    measured = [l for l in lines if "value" in l and l.get("id") in {w[0] for w in WORKLOADS}]

    rows = []
    for workload_id, name, unit, higher_is_better in WORKLOADS:
        ours = [l["value"] for l in measured if l["id"] == workload_id and l["peer"] == "dslnet"]
        our_memory = [l["peak_rss_mb"] for l in measured if l["id"] == workload_id and l["peer"] == "dslnet" and "peak_rss_mb" in l]
        allocs = [l.get("alloc_bytes_per_step") for l in measured if l["id"] == workload_id and l["peer"] == "dslnet"]
        # One row per peer and variant: PyTorch's first (eager, TorchScript), then ONNX Runtime's.
        peers = []
        for l in measured:
            key = (l["peer"], l.get("variant"))
            if l["id"] == workload_id and l["peer"] != "dslnet" and key not in peers:
                peers.append(key)
        peers.sort(key=lambda key: PEER_ORDER.get(key[0], len(PEER_ORDER)))
        if not peers:
            peers = [("pytorch", None)]
        for peer, variant in peers:
            theirs = [l["value"] for l in measured
                      if l["id"] == workload_id and l["peer"] == peer and l.get("variant") == variant]
            their_memory = [l["peak_rss_mb"] for l in measured
                            if l["id"] == workload_id and l["peer"] == peer and l.get("variant") == variant and "peak_rss_mb" in l]
            pairs = list(zip(ours, theirs))
            ratios = [(o / t if higher_is_better else t / o) for o, t in pairs if o and t]
            rows.append((
                workload_id + " " + name,
                unit,
                statistics.median(ours) if ours else None,
                PEER_NAMES.get(peer, peer) + (f" {variant}" if variant else ""),
                statistics.median(theirs) if theirs else None,
                statistics.median(ratios) if ratios else None,
                " ".join(f"{r:.2f}" for r in ratios),
                max((a for a in allocs if a is not None), default=None),
                max(our_memory, default=None),
                max(their_memory, default=None),
            ))

    header = ("workload", "unit", "DslNet", "peer", "peer's", "speed-up", "per round", "DslNet bytes/step", "peak MB (DslNet / peer)")
    table = [header] + [(r[0], r[1], fmt(r[2]), r[3], fmt(r[4]), f"{r[5]:.2f}×" if r[5] else "—", r[6],
                         "—" if r[7] is None else f"{r[7]:g}",
                         f"{fmt(r[8])} / {fmt(r[9])}" if r[8] is not None or r[9] is not None else "—") for r in rows]
    widths = [max(len(str(row[i])) for row in table) for i in range(len(header))]
    print()
    for row in table:
        print("  ".join(str(cell).ljust(widths[i]) for i, cell in enumerate(row)))

    print_targets(lines, measured, rows)

    for l in lines:
        if l.get("id") == "G1" and "value" in l:
            print(f"\ngenerator, 20 Dense layers: {l['value']} ms warm (median of {l['reps']}), "
                  f"{l['cold_ms']} ms cold (first run in the process), {l['generated_lines']} lines generated, "
                  f"{l['compile_errors']} compile errors")
    for l in measured:
        if l.get("agrees_with_dslnet") is False:
            print(f"{l['id']}: ONNX Runtime's output differs from DslNet's Forward by up to {l.get('max_abs_difference')}, "
                  "beyond the ONNX export's tolerance")
    skipped = sorted({(l["id"], l.get("reason", "")) for l in lines if l.get("status") == "skipped" and l.get("peer") == "dslnet"})
    for workload_id, reason in skipped:
        print(f"{workload_id}: skipped: {reason}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
