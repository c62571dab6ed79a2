#!/usr/bin/env python3
"""PyTorch peer for DslNet's benchmark: W1, W2, W3 (eager and TorchScript), W4, W5 and W6 defined in bench/README.md.

Same definitions and the same harness rules as bench/DslNet.Bench: float32, He-normal weights for
ReLU layers and Glorot-uniform otherwise, zero biases, random inputs from a fixed seed, a warm-up,
then at least 5 timed repetitions of at least 0.3 s (7 of 0.4 s by default); the median is the
figure. One thread. One JSON line per workload on stdout, with "peer":"pytorch".

Run through bench/run.sh, which installs python3-torch and OpenBLAS if missing and pins the BLAS
and OpenMP thread counts to 1 before torch loads.
"""

import argparse
import json
import math
import platform
import resource
import statistics
import sys
import time

import torch
from torch import nn

PEER = "pytorch"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", default="", help="comma-separated ids (W1,W3,W6); default: all")
    parser.add_argument("--threads", type=int, default=2,
                        help="threads of W7 and W8 (default 2); the other workloads run on 1")
    parser.add_argument("--quick", action="store_true", help="short warm-up and repetitions (smoke run)")
    return parser.parse_args()


class Settings:
    def __init__(self, quick):
        # Mirrors DslNet.Bench's HarnessSettings.Full / Quick.
        self.warmup_seconds = 0.25 if quick else 1.0
        self.repetitions = 5 if quick else 7
        self.repetition_seconds = 0.05 if quick else 0.4


def measure(step, settings):
    """Warm-up, calibration to the repetition length, timed repetitions: seconds per step (sorted)."""
    # Two warm-up halves around a pause, as DslNet.Bench does for its background JIT (TorchScript's
    # profiling executor also needs a few calls before it settles).
    for half in range(2):
        if half:
            time.sleep(0.25)
        start = time.perf_counter()
        calls = 0
        while calls < 40 or time.perf_counter() - start < settings.warmup_seconds / 2:
            step()
            calls += 1
    batch = 1
    while True:
        t0 = time.perf_counter()
        for _ in range(batch):
            step()
        elapsed = time.perf_counter() - t0
        if elapsed >= 0.02:
            operations = max(1, math.ceil(batch * settings.repetition_seconds / elapsed))
            break
        batch *= 2
    seconds = []
    for _ in range(settings.repetitions):
        t0 = time.perf_counter()
        for _ in range(operations):
            step()
        seconds.append((time.perf_counter() - t0) / operations)
    seconds.sort()
    return seconds, operations


def round_significant(value, digits=5):
    if value == 0 or not math.isfinite(value):
        return value
    return round(value, digits - 1 - int(math.floor(math.log10(abs(value)))))


def report(workload_id, name, metric, seconds, operations, units_per_step=None, time_scale=None, threads=1,
           requested=1, **extra):
    median = statistics.median(seconds)
    if units_per_step is not None:
        value, low, high = units_per_step / median, units_per_step / seconds[-1], units_per_step / seconds[0]
    else:
        value, low, high = median * time_scale, seconds[0] * time_scale, seconds[-1] * time_scale
    line = {"id": workload_id, "metric": metric, "value": round_significant(value), "threads": threads}
    if requested != threads:
        line["threads_requested"] = requested
    line.update({"peer": PEER, "name": name})
    # The process's peak resident set so far (ru_maxrss is in KiB on Linux); run.sh runs one workload per process.
    line["peak_rss_mb"] = round_significant(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 4)
    line.update(extra)
    line.update({
        "min": round_significant(low),
        "max": round_significant(high),
        "spread_pct": round_significant((seconds[-1] - seconds[0]) / median * 100, 3),
        "reps": len(seconds),
        "steps_per_rep": operations,
    })
    print(json.dumps(line, separators=(",", ":")), flush=True)


def init_like_dslnet(layers):
    """He-normal for layers followed by ReLU, Glorot-uniform for the others, zero biases (DslNet's defaults)."""
    for linear, relu in layers:
        if relu:
            nn.init.kaiming_normal_(linear.weight, mode="fan_in", nonlinearity="relu")
        else:
            nn.init.xavier_uniform_(linear.weight)
        nn.init.zeros_(linear.bias)


def mlp():
    """W1's network: 784 -> 128 ReLU -> 64 ReLU -> 10 (logits; the softmax is in the loss or added for W3)."""
    l1, l2, l3 = nn.Linear(784, 128), nn.Linear(128, 64), nn.Linear(64, 10)
    init_like_dslnet([(l1, True), (l2, True), (l3, False)])
    return nn.Sequential(l1, nn.ReLU(), l2, nn.ReLU(), l3)


class WithSoftmax(nn.Module):
    """W3 includes the softmax, as DslNet's Softmax layer does."""

    def __init__(self, body):
        super().__init__()
        self.body = body

    def forward(self, x):
        return torch.softmax(self.body(x), dim=1)


def train_on(model, loss_fn, optimizer, inputs, targets):
    """One optimiser step on one batch. In 1.13 zero_grad zeroes in place (set_to_none=False), as DslNet's ZeroGradients."""
    optimizer.zero_grad()
    loss = loss_fn(model(inputs), targets)
    loss.backward()
    optimizer.step()


def w1(settings, requested, workload_id="W1", name="mlp-train", threads=1):
    batch = 64
    generator = torch.Generator().manual_seed(1001)
    model = mlp()
    inputs = torch.rand(batch, 784, generator=generator)
    targets = torch.randint(0, 10, (batch,), generator=generator)
    loss_fn = nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)

    seconds, operations = measure(lambda: train_on(model, loss_fn, optimizer, inputs, targets), settings)
    report(workload_id, name, "samples_per_s", seconds, operations, units_per_step=batch, threads=threads,
           requested=requested if threads != 1 else 1)


def w3(settings, requested):
    model = WithSoftmax(mlp()).eval()
    sample = torch.rand(1, 784, generator=torch.Generator().manual_seed(1003))

    def eager():
        with torch.inference_mode():
            model(sample)

    seconds, operations = measure(eager, settings)
    report("W3", "mlp-infer-1", "us_per_sample", seconds, operations, time_scale=1e6,
           variant="eager")

    scripted = torch.jit.freeze(torch.jit.script(model))

    def torchscript():
        with torch.no_grad():
            scripted(sample)

    seconds, operations = measure(torchscript, settings)
    report("W3", "mlp-infer-1", "us_per_sample", seconds, operations, time_scale=1e6,
           variant="torchscript")


def w6(settings, requested):
    batch, size = 256, 1024
    generator = torch.Generator().manual_seed(1006)
    layer = nn.Linear(size, size)
    init_like_dslnet([(layer, False)])
    inputs = torch.randn(batch, size, generator=generator).requires_grad_()  # the input gradient is part of W6
    targets = torch.randn(batch, size, generator=generator)
    loss_fn = nn.MSELoss()
    optimizer = torch.optim.SGD(layer.parameters(), lr=0.01)

    def step():
        optimizer.zero_grad()
        inputs.grad = None  # a fresh input gradient each step, not an accumulation
        loss = loss_fn(layer(inputs), targets)
        loss.backward()
        optimizer.step()

    seconds, operations = measure(step, settings)
    report("W6", "dense-big", "gflop_per_s", seconds, operations, units_per_step=6.0 * batch * size * size / 1e9)


def cnn():
    """W2's network: 1x28x28 -> Conv 8@3x3 ReLU -> MaxPool 2 -> Conv 16@3x3 ReLU -> MaxPool 2 -> 64 ReLU -> 10 (logits)."""
    c1, c2 = nn.Conv2d(1, 8, 3), nn.Conv2d(8, 16, 3)
    l1, l2 = nn.Linear(400, 64), nn.Linear(64, 10)
    for conv in (c1, c2):
        nn.init.kaiming_normal_(conv.weight, mode="fan_in", nonlinearity="relu")
        nn.init.zeros_(conv.bias)
    init_like_dslnet([(l1, True), (l2, False)])
    return nn.Sequential(c1, nn.ReLU(), nn.MaxPool2d(2), c2, nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), l1, nn.ReLU(), l2)


def w2(settings, requested, workload_id="W2", name="cnn-train", threads=1):
    batch = 64
    generator = torch.Generator().manual_seed(1002)
    model = cnn()
    inputs = torch.rand(batch, 1, 28, 28, generator=generator)
    targets = torch.randint(0, 10, (batch,), generator=generator)
    loss_fn = nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)

    seconds, operations = measure(lambda: train_on(model, loss_fn, optimizer, inputs, targets), settings)
    report(workload_id, name, "samples_per_s", seconds, operations, units_per_step=batch, threads=threads,
           requested=requested if threads != 1 else 1)


def resnet():
    """W9's network, the ResNet sample's: three stages of two residual blocks (16, 32, 64 channels), batch norm, GAP, 10."""
    def conv(cin, cout, k, stride=1):
        c = nn.Conv2d(cin, cout, k, stride=stride, padding=k // 2)
        nn.init.xavier_uniform_(c.weight)
        nn.init.zeros_(c.bias)
        return c

    class Block(nn.Module):
        def __init__(self, cin, cout, stride):
            super().__init__()
            self.f = nn.Sequential(conv(cin, cout, 3, stride), nn.BatchNorm2d(cout), nn.ReLU(),
                                   conv(cout, cout, 3), nn.BatchNorm2d(cout))
            self.shortcut = (nn.Sequential(conv(cin, cout, 1, stride), nn.BatchNorm2d(cout))
                             if stride != 1 or cin != cout else nn.Identity())

        def forward(self, x):
            return torch.relu(self.shortcut(x) + self.f(x))

    dense = nn.Linear(64, 10)
    init_like_dslnet([(dense, False)])
    return nn.Sequential(conv(1, 16, 3), nn.BatchNorm2d(16), nn.ReLU(),
                         Block(16, 16, 1), Block(16, 16, 1), Block(16, 32, 2), Block(32, 32, 1),
                         Block(32, 64, 2), Block(64, 64, 1), nn.AdaptiveAvgPool2d(1), nn.Flatten(), dense)


def w9(settings, requested):
    batch = 64
    generator = torch.Generator().manual_seed(1009)
    model = resnet().train()
    inputs = torch.rand(batch, 1, 28, 28, generator=generator)
    targets = torch.randint(0, 10, (batch,), generator=generator)
    loss_fn = nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)

    seconds, operations = measure(lambda: train_on(model, loss_fn, optimizer, inputs, targets), settings)
    report("W9", "resnet-train", "samples_per_s", seconds, operations, units_per_step=batch)


def w4(settings, requested):
    model = WithSoftmax(cnn()).eval()
    sample = torch.rand(1, 1, 28, 28, generator=torch.Generator().manual_seed(1004))

    def eager():
        with torch.inference_mode():
            model(sample)

    seconds, operations = measure(eager, settings)
    report("W4", "cnn-infer-1", "us_per_sample", seconds, operations, time_scale=1e6,
           variant="eager")


class LastStateClassifier(nn.Module):
    """W5's network: LSTM 32 -> 128 over 35 steps, the last hidden state -> Dense 10 (logits)."""

    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(32, 128, batch_first=True)
        self.head = nn.Linear(128, 10)
        init_like_dslnet([(self.head, False)])

    def forward(self, x):
        _, (h, _) = self.lstm(x)
        return self.head(h[-1])


def w5(settings, requested):
    batch, steps = 32, 35
    generator = torch.Generator().manual_seed(1005)
    model = LastStateClassifier()
    inputs = torch.rand(batch, steps, 32, generator=generator)
    targets = torch.randint(0, 10, (batch,), generator=generator)
    loss_fn = nn.CrossEntropyLoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)

    seconds, operations = measure(lambda: train_on(model, loss_fn, optimizer, inputs, targets), settings)
    report("W5", "lstm-train", "sequences_per_s", seconds, operations, units_per_step=batch)


def on_threads(run, workload_id, name):
    """W7 and W8: W1's and W2's step with torch's intra-op pool at the requested size, then back to 1."""
    def with_threads(settings, requested):
        torch.set_num_threads(requested)
        try:
            run(settings, requested, workload_id, name, threads=torch.get_num_threads())
        finally:
            torch.set_num_threads(1)
    return with_threads


def main():
    args = parse_args()
    torch.set_num_threads(1)
    torch.set_num_interop_threads(1)
    torch.manual_seed(1)
    settings = Settings(args.quick)
    only = {s.strip().upper() for s in args.only.split(",") if s.strip()}

    def wanted(workload_id):
        return not only or workload_id in only

    print(json.dumps({
        "id": "env", "peer": PEER, "torch": torch.__version__, "python": platform.python_version(),
        "threads": torch.get_num_threads(), "cpu_capability": torch.backends.cpu.get_cpu_capability()
        if hasattr(torch.backends, "cpu") else "unknown", "quick": args.quick,
    }, separators=(",", ":")), flush=True)

    workloads = (("W1", w1), ("W2", w2), ("W3", w3), ("W4", w4), ("W5", w5), ("W6", w6),
                 ("W7", on_threads(w1, "W7", "mlp-train-2t")), ("W8", on_threads(w2, "W8", "cnn-train-2t")), ("W9", w9))
    for workload_id, run in workloads:
        if wanted(workload_id):
            print(f"running {workload_id}...", file=sys.stderr, flush=True)
            run(settings, args.threads)


if __name__ == "__main__":
    main()
