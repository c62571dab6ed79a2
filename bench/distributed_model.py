#!/usr/bin/env python3
"""A step's time on N machines, on paper, for docs/distributed.md ("Beyond this machine").

Each machine runs one rank at a local batch b. A step costs the compute of b samples, of which backward is a share, then
the all-reduce of the gradients. Its bandwidth term is the ring's, 2(N-1)/N * bytes / bandwidth, which no algorithm beats;
its latency term is that of reduce-scatter and all-gather by recursive halving and doubling (Rabenseifner's algorithm,
which Open MPI's tuned all-reduce picks for mid-sized messages), 2 * ceil(log2 N) messages:
    T_ar(N) = 2(N-1)/N * bytes / bandwidth + 2 * ceil(log2 N) * latency
Today the all-reduce starts after backward (nothing hidden); with DDP-style overlap (buckets sent while backward runs,
which needs a per-layer hook from the generated code) it hides behind backward, except the last bucket's own share.
Prints the table in Markdown. Standard library only; the inputs are at the top, with where each figure comes from.

  /usr/bin/python3 bench/distributed_model.py
"""
import math

# name, gradient floats, local batch, compute µs per sample (forward + backward + update, one core), backward share, where from
NETWORKS = [
    ("W2 CNN", 27_562, 64, 48.1, 0.67,
     "bench W2 --breakdown, 2026-12-07 06:32 UTC: 19,989 samples/s at batch 64, backward 2,054 of 3,077 µs per step"),
    ("ResNet (assumed)", 272_474, 64, 481.0, 0.67,
     "assumed until W9 is measured: ResNet-20's parameter count, 10x W2's compute per sample, W2's backward share"),
    ("CharLstm", 1_151_585, 32, 37_200.0, 0.65,
     "README's CharLstm: first epoch 583 s for 15,685 windows of 64 characters (load average 5-11); backward share from "
     "bench W5 --breakdown, 2026-12-07 (65 %)"),
]
BANDWIDTHS_GBIT = [10, 25, 100]
LATENCY_US = 25.0          # one message between machines over TCP on Ethernet (assumed; loopback measures far less)
MACHINES = [2, 10, 25, 100]
GLOBAL_BATCH = 1024        # the strong-scaling view: this global batch split over N machines


def allreduce_us(floats, machines, gbit):
    bytes_ = 4 * floats
    bandwidth = gbit * 1e9 / 8 / 1e6  # bytes per µs
    return 2 * (machines - 1) / machines * bytes_ / bandwidth + 2 * math.ceil(math.log2(machines)) * LATENCY_US


def largest_hidden(floats, backward_us_at, gbit, limit=10_000):
    """The most machines (up to limit) whose all-reduce still fits inside one backward at N machines (None: not even 2)."""
    best = None
    for n in range(2, limit + 1):
        if allreduce_us(floats, n, gbit) <= backward_us_at(n):
            best = n
        elif best is not None:
            break
    return best


def main():
    print(f"One rank per machine; latency {LATENCY_US:.0f} µs per message; N machines at the network's local batch (weak scaling), "
          f"and a global batch of {GLOBAL_BATCH} split over N (strong scaling).\n")
    print("| network | gradients | local batch: compute per step (backward) | link | all-reduce at N = " + ", ".join(map(str, MACHINES)) +
          " | efficiency today at N = " + ", ".join(map(str, MACHINES)) + " | hidden behind backward up to N: weak / strong |")
    print("|---|---|---|---|---|---|---|")
    for name, floats, batch, per_sample, backward_share, _ in NETWORKS:
        compute = per_sample * batch
        backward = compute * backward_share
        for gbit in BANDWIDTHS_GBIT:
            times = [allreduce_us(floats, n, gbit) for n in MACHINES]
            # Today the step is compute + all-reduce: the share of an ideal N-fold speed-up that remains.
            efficiency = [compute / (compute + t) for t in times]
            weak = largest_hidden(floats, lambda n: backward, gbit)
            strong = largest_hidden(floats, lambda n: per_sample * backward_share * GLOBAL_BATCH / n, gbit, limit=GLOBAL_BATCH)
            print(f"| {name} | {floats * 4 / 1e6:.2f} MB | {batch}: {compute / 1000:.1f} ms ({backward / 1000:.1f} ms) | {gbit} Gb/s | " +
                  ", ".join(f"{t / 1000:.2f} ms" for t in times) + " | " +
                  ", ".join(f"{e:.0%}" for e in efficiency) +
                  f" | {'any (to 10,000)' if weak == 10_000 else weak or 'none'} / {f'{strong} (1 sample each)' if strong == GLOBAL_BATCH else strong or 'none'} |")
    print()
    for name, _, _, _, _, source in NETWORKS:
        print(f"- {name}: {source}")


if __name__ == "__main__":
    main()
