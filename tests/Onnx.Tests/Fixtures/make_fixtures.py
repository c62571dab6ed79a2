#!/usr/bin/python3
"""Makes the PyTorch fixtures of tests/Onnx.Tests: small models initialised by PyTorch from a fixed seed, their
state_dicts as safetensors (<name>.safetensors), fixed inputs with PyTorch's outputs (<name>.io.safetensors:
input, lengths for a sequence model, output; steps past a sequence's length are zero in the output, as in DslNet), and
for the MLP and the CNNs the ONNX model torch.onnx.export writes (<name>.onnx), which the importer reads. The recurrent
models the importer reads (lstm_classifier, token_tagger, rnn_classifier, stacked_lstm) are made by export_recurrent:
their ONNX model and io file only (the importer writes their weights). The stacked GRU classifier (save_gru) has
its state_dict and io file; the CNN with PyTorch's integer padding (save_padded) its state_dict, io file and ONNX model; the packed GRU
classifier (export_gru) its ONNX model and io file, for the importer.

Run with Debian's python3-torch from this folder's parent's parent (the repository root):
    /usr/bin/python3 tests/Onnx.Tests/Fixtures/make_fixtures.py
safetensors files are written here by a few lines of code (the format is an 8-byte little-endian header length, a JSON
header and the raw little-endian tensors), so the script needs nothing but PyTorch. The DslNet declarations that match
these models are in tests/Onnx.Tests/PyTorchFixtureNetworks.cs.
"""
import json
import os
import struct

import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))


def save_safetensors(path, tensors):
    header, offset, blobs = {}, 0, []
    for name in sorted(tensors):
        data = tensors[name].detach().to(torch.float32).contiguous().numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensors[name].shape), "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)


class Mlp(nn.Module):
    """DslNet: [Input(6)] [Dense(10, ReLU)] [Dense(3, Softmax)], modules fc1 and fc2."""

    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(6, 10)
        self.fc2 = nn.Linear(10, 3)

    def forward(self, x):
        return torch.softmax(self.fc2(torch.relu(self.fc1(x))), dim=-1)


class Cnn(nn.Module):
    """DslNet: [Input(2, 8, 8)] [Conv2D(4, 3, Same, ReLU)] [MaxPool2D(2)] [Conv2D(3, 2, Stride 2)] [Flatten] [Dense(5)]."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(2, 4, 3, padding=1)
        self.pool = nn.MaxPool2d(2)
        self.conv2 = nn.Conv2d(4, 3, 2, stride=2)
        self.head = nn.Linear(3 * 2 * 2, 5)

    def forward(self, x):
        x = self.conv2(self.pool(torch.relu(self.conv1(x))))
        return self.head(torch.flatten(x, 1))


class PooledCnn(nn.Module):
    """DslNet: [Input(2, 5, 6)] [Conv2D(4, 3, Same, ReLU)] [Upsample2D(2)] [Conv2D(3, 3)] [GlobalAveragePool2D] [Dense(5)]."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(2, 4, 3, padding=1)
        self.up = nn.Upsample(scale_factor=2)
        self.conv2 = nn.Conv2d(4, 3, 3)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.head = nn.Linear(3, 5)

    def forward(self, x):
        x = self.conv2(self.up(torch.relu(self.conv1(x))))
        return self.head(torch.flatten(self.pool(x), 1))


class LstmClassifier(nn.Module):
    """DslNet: [SequenceInput] [Embedding(11, 6)] [Lstm(8)] [Dense(4)]: the state at each sequence's own last step."""

    def __init__(self):
        super().__init__()
        self.embedding = nn.Embedding(11, 6)
        self.lstm = nn.LSTM(6, 8, batch_first=True)
        self.head = nn.Linear(8, 4)

    def forward(self, ids, lengths):
        packed = nn.utils.rnn.pack_padded_sequence(self.embedding(ids), lengths, batch_first=True, enforce_sorted=False)
        _, (h, _) = self.lstm(packed)
        return self.head(h[0])


class TinyDecoder(nn.Module):
    """DslNet: [SequenceInput] [Embedding(11, 8)] [PositionalEncoding(Learned, MaxLength 10)]
    [TransformerBlock(2, FeedForward 12, Causal)] [LayerNorm] [Dense(11)]."""

    def __init__(self):
        super().__init__()
        self.tokens = nn.Embedding(11, 8)
        self.positions = nn.Embedding(10, 8)
        self.block = nn.TransformerEncoderLayer(8, 2, dim_feedforward=12, dropout=0.0, batch_first=True, norm_first=True)
        self.norm = nn.LayerNorm(8)
        self.head = nn.Linear(8, 11)

    def forward(self, ids, lengths):
        steps = ids.shape[1]
        x = self.tokens(ids) + self.positions.weight[:steps]
        causal = torch.triu(torch.ones(steps, steps, dtype=torch.bool), diagonal=1)
        padding = torch.arange(steps)[None, :] >= lengths[:, None]
        x = self.block(x, src_mask=causal, src_key_padding_mask=padding)
        return self.head(self.norm(x))


class PackedLstmClassifier(nn.Module):
    """Imported (Imported/LstmClassifier.dnn): input sequence 3, lstm 8, dense 4. Batch-major, the lengths packed with
    enforce_sorted=True (the ONNX graph carries them as the LSTM's sequence_lens), the head on h_n[-1]."""

    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(3, 8, batch_first=True)
        self.head = nn.Linear(8, 4)

    def forward(self, x, lengths):
        packed = nn.utils.rnn.pack_padded_sequence(x, lengths, batch_first=True)
        _, (h, _) = self.lstm(packed)
        return self.head(h[-1])


class TokenLstmTagger(nn.Module):
    """Imported (Imported/TokenTagger.dnn): input sequence, embedding 11 6, lstm 8 return_sequences=true, dense 5.
    Time-major (batch_first=False): ids [time, batch], output [time, batch, 5]."""

    def __init__(self):
        super().__init__()
        self.embedding = nn.Embedding(11, 6)
        self.lstm = nn.LSTM(6, 8)
        self.head = nn.Linear(8, 5)

    def forward(self, ids):
        y, _ = self.lstm(self.embedding(ids))
        return self.head(y)


class RnnClassifier(nn.Module):
    """Imported (Imported/RnnClassifier.dnn): input sequence 4, simple_rnn 6, dense 3 activation=softmax. Batch-major,
    the head on the last step of every step's output, y[:, -1]."""

    def __init__(self):
        super().__init__()
        self.rnn = nn.RNN(4, 6, batch_first=True)
        self.head = nn.Linear(6, 3)

    def forward(self, x):
        y, _ = self.rnn(x)
        return torch.softmax(self.head(y[:, -1]), dim=-1)


class StackedLstmClassifier(nn.Module):
    """Imported (Imported/StackedLstm.dnn): input sequence 3, lstm 5 return_sequences=true, lstm 5, dense 2. One
    nn.LSTM of two layers (two LSTM nodes in ONNX), the head on h_n[-1] (a Concat of both layers' Y_h, then Gather)."""

    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(3, 5, num_layers=2, batch_first=True)
        self.head = nn.Linear(5, 2)

    def forward(self, x):
        _, (h, _) = self.lstm(x)
        return self.head(h[-1])


class PaddedCnn(nn.Module):
    """DslNet: [Input(2, 6, 6)] [Conv2D(4, 2, PaddingSize 1, ReLU)] [Conv2D(3, 3, Stride 2, PaddingSize 1)] [Flatten]
    [Dense(5)], modules conv1, conv2 and head: PyTorch's integer padding, which neither valid nor same padding is."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(2, 4, 2, padding=1)
        self.conv2 = nn.Conv2d(4, 3, 3, stride=2, padding=1)
        self.head = nn.Linear(3 * 4 * 4, 5)

    def forward(self, x):
        x = self.conv2(torch.relu(self.conv1(x)))
        return self.head(torch.flatten(x, 1))


class PackedGruClassifier(nn.Module):
    """Imported (Imported/GruClassifier.dnn): input sequence 3, gru 6, dense 4. Batch-major, the lengths packed with
    enforce_sorted=True (the ONNX graph carries them as the GRU's sequence_lens), the head on h_n[-1]."""

    def __init__(self):
        super().__init__()
        self.gru = nn.GRU(3, 6, batch_first=True)
        self.head = nn.Linear(6, 4)

    def forward(self, x, lengths):
        packed = nn.utils.rnn.pack_padded_sequence(x, lengths, batch_first=True)
        _, h = self.gru(packed)
        return self.head(h[-1])


class StackedGruClassifier(nn.Module):
    """DslNet: [SequenceInput(3)] [Gru(6, ReturnSequences)] [Gru(5)] [Dense(4)], modules gru1, gru2 and head: every
    step of the first GRU feeds the second, the head reads the second's state at each sequence's own last step."""

    def __init__(self):
        super().__init__()
        self.gru1 = nn.GRU(3, 6, batch_first=True)
        self.gru2 = nn.GRU(6, 5, batch_first=True)
        self.head = nn.Linear(5, 4)

    def forward(self, x, lengths):
        packed = nn.utils.rnn.pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
        steps, _ = self.gru1(packed)
        _, h = self.gru2(steps)
        return self.head(h[0])


def sequence_mask(output, lengths):
    steps = output.shape[1]
    inside = (torch.arange(steps)[None, :] < lengths[:, None]).to(output.dtype)
    return output * inside.reshape(inside.shape + (1,) * (output.dim() - 2))


def main():
    torch.manual_seed(2026)
    cases = []
    mlp = Mlp()
    cases.append(("mlp", mlp, (torch.randn(4, 6),), None))
    cnn = Cnn()
    cases.append(("cnn", cnn, (torch.randn(3, 2, 8, 8),), None))
    lengths = torch.tensor([7, 3, 5, 1])
    lstm = LstmClassifier()
    cases.append(("lstm", lstm, (torch.randint(0, 11, (4, 7)), lengths), lengths))
    decoder = TinyDecoder()
    cases.append(("decoder", decoder, (torch.randint(0, 11, (4, 7)), lengths), lengths))
    # Made after the others, so adding it left their random numbers (and files) as they were.
    pooled = PooledCnn()
    cases.append(("pooled", pooled, (torch.randn(3, 2, 5, 6),), None))
    for name, model, inputs, lengths in cases:
        model.eval()
        with torch.no_grad():
            output = model(*inputs)
            if lengths is not None and output.dim() == 3:
                output = sequence_mask(output, lengths)
        save_safetensors(os.path.join(HERE, name + ".safetensors"), model.state_dict())
        io = {"input": inputs[0].float(), "output": output}
        if lengths is not None:
            io["lengths"] = lengths.float()
        save_safetensors(os.path.join(HERE, name + ".io.safetensors"), io)
        if lengths is None:
            # The ONNX that PyTorch's exporter writes, for the importer: Gemm, Conv with pads, Relu, MaxPool, Flatten, Softmax,
            # Resize (a Constant of scales; asymmetric, floor), GlobalAveragePool.
            torch.onnx.export(model, inputs, os.path.join(HERE, name + ".onnx"), input_names=["input"], output_names=["output"],
                              dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}}, opset_version=14)
        print(name, "state_dict:", ", ".join(f"{k} {list(v.shape)}" for k, v in model.state_dict().items()))
    export_recurrent()
    save_gru()
    save_padded()
    export_gru()


def export_gru():
    """A packed GRU classifier exported with torch.onnx.export for the importer (gru_classifier.onnx) and its io file,
    from a seed of its own."""
    torch.manual_seed(2030)
    model = PackedGruClassifier()
    model.eval()
    x = torch.randn(4, 7, 3)
    lengths = torch.tensor([7, 6, 3, 2])  # longest first: enforce_sorted=True
    with torch.no_grad():
        output = model(x, lengths)
    torch.onnx.export(model, (x, lengths), os.path.join(HERE, "gru_classifier.onnx"), input_names=["input", "lengths"], output_names=["output"],
                      dynamic_axes={"input": {0: "batch", 1: "time"}, "lengths": {0: "batch"}}, opset_version=14)
    save_safetensors(os.path.join(HERE, "gru_classifier.io.safetensors"), {"input": x, "lengths": lengths.float(), "output": output})
    print("gru_classifier", "exported:", ", ".join(f"{k} {list(v.shape)}" for k, v in model.state_dict().items()))


def save_padded():
    """The integer-padding CNN (padded.safetensors, padded.io.safetensors, padded.onnx), from a seed of its own."""
    torch.manual_seed(2029)
    model = PaddedCnn()
    model.eval()
    x = torch.randn(3, 2, 6, 6)
    with torch.no_grad():
        output = model(x)
    save_safetensors(os.path.join(HERE, "padded.safetensors"), model.state_dict())
    save_safetensors(os.path.join(HERE, "padded.io.safetensors"), {"input": x, "output": output})
    torch.onnx.export(model, (x,), os.path.join(HERE, "padded.onnx"), input_names=["input"], output_names=["output"],
                      dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}}, opset_version=14)
    print("padded", "state_dict:", ", ".join(f"{k} {list(v.shape)}" for k, v in model.state_dict().items()))


def save_gru():
    """The GRU fixture (gru.safetensors, gru.io.safetensors), from a seed of its own so the files above stay as they were."""
    torch.manual_seed(2028)
    model = StackedGruClassifier()
    model.eval()
    x = torch.randn(5, 6, 3)
    lengths = torch.tensor([6, 2, 4, 1, 5])
    with torch.no_grad():
        output = model(x, lengths)
    save_safetensors(os.path.join(HERE, "gru.safetensors"), model.state_dict())
    save_safetensors(os.path.join(HERE, "gru.io.safetensors"), {"input": x, "lengths": lengths.float(), "output": output})
    print("gru", "state_dict:", ", ".join(f"{k} {list(v.shape)}" for k, v in model.state_dict().items()))


def export_recurrent():
    """Recurrent models exported with torch.onnx.export for the importer (<name>.onnx), with PyTorch's outputs on fixed
    inputs (<name>.io.safetensors: input and output batch-major as DslNet takes them, ids as floats, and lengths)."""
    torch.manual_seed(2027)
    dynamic = {0: "batch", 1: "time"}
    classifier = PackedLstmClassifier()
    x = torch.randn(4, 7, 3)
    lengths = torch.tensor([7, 5, 3, 1])  # longest first: enforce_sorted=True
    tagger = TokenLstmTagger()
    ids = torch.randint(0, 11, (6, 3))  # time-major [time, batch]
    rnn = RnnClassifier()
    rx = torch.randn(3, 5, 4)
    stacked = StackedLstmClassifier()
    sx = torch.randn(2, 6, 3)
    cases = [
        ("lstm_classifier", classifier, (x, lengths), ["input", "lengths"], {"input": dynamic, "lengths": {0: "batch"}}, x, lengths),
        ("token_tagger", tagger, (ids,), ["input"], {"input": {0: "time", 1: "batch"}, "output": {0: "time", 1: "batch"}}, ids.t(), torch.full((3,), 6)),
        ("rnn_classifier", rnn, (rx,), ["input"], {"input": dynamic}, rx, torch.full((3,), 5)),
        ("stacked_lstm", stacked, (sx,), ["input"], {"input": dynamic}, sx, torch.full((2,), 6)),
    ]
    for name, model, inputs, input_names, axes, batch_major, lengths in cases:
        model.eval()
        with torch.no_grad():
            output = model(*inputs)
        if name == "token_tagger":
            output = output.transpose(0, 1)
        torch.onnx.export(model, inputs, os.path.join(HERE, name + ".onnx"), input_names=input_names, output_names=["output"],
                          dynamic_axes=axes, opset_version=14)
        save_safetensors(os.path.join(HERE, name + ".io.safetensors"),
                         {"input": batch_major.float(), "lengths": lengths.float(), "output": output.contiguous()})
        print(name, "exported:", ", ".join(f"{k} {list(v.shape)}" for k, v in model.state_dict().items()))


if __name__ == "__main__":
    main()
