"""PyTorch peer for accuracy workload A2 defined in bench/README.md: W2's CNN on Fashion-MNIST, 10 epochs, Adam 1e-3,
batch 64, pixels scaled to [0, 1], one thread. Prints per-epoch test accuracy and the training time, measured the
way samples/FashionMnist measures it (training plus one 10,000-image evaluation per epoch).

    /usr/bin/python3 bench/peers/pytorch_fashion.py [--data /usr/share/datasets/fashion-mnist] [--epochs 10]
"""
import argparse
import gzip
import os
import sys
import time

import numpy as np
import torch
from torch import nn

sys.path.insert(0, os.path.dirname(__file__))
from pytorch_bench import cnn, train_on  # noqa: E402  (W2's network, initialisation and training step)


def read_idx(path, magic, header):
    with gzip.open(path, "rb") if path.endswith(".gz") else open(path, "rb") as file:
        data = file.read()
    if int.from_bytes(data[0:4], "big") != magic:
        raise SystemExit(f"{path}: not an IDX file with magic {magic}")
    return np.frombuffer(data, dtype=np.uint8, offset=header)


def load(folder, prefix):
    images = read_idx(os.path.join(folder, f"{prefix}-images-idx3-ubyte.gz"), 2051, 16).reshape(-1, 1, 28, 28)
    labels = read_idx(os.path.join(folder, f"{prefix}-labels-idx1-ubyte.gz"), 2049, 8)
    return torch.from_numpy(images.astype(np.float32) / 255.0), torch.from_numpy(labels.astype(np.int64))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    parser.add_argument("--epochs", type=int, default=10)
    args = parser.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(1)
    train_x, train_y = load(args.data, "train")
    test_x, test_y = load(args.data, "t10k")
    model = cnn()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    start = time.perf_counter()
    for epoch in range(1, args.epochs + 1):
        model.train()
        order = torch.randperm(len(train_x))
        for first in range(0, len(order), 64):
            batch = order[first:first + 64]
            train_on(model, loss_fn, optimizer, train_x[batch], train_y[batch])
        model.eval()
        with torch.no_grad():
            correct = sum(int((model(test_x[i:i + 1000]).argmax(1) == test_y[i:i + 1000]).sum()) for i in range(0, len(test_x), 1000))
        print(f"epoch {epoch:2}/{args.epochs}  test accuracy {correct / len(test_x):.2%}  ({time.perf_counter() - start:.1f} s)", flush=True)
    print(f"PyTorch {torch.__version__}, 1 thread: {time.perf_counter() - start:.1f} s for {args.epochs} epochs")


if __name__ == "__main__":
    main()
