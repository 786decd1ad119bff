#!/usr/bin/env python3
"""PyTorch side of the throughput benchmark: the same models as test/bench/classifier-throughput.mjs.

Prints one JSON line per measurement, in the shape the Node benchmarks print
({config, backend: 'pytorch', impl: 'torch', cell, mode, tokensPerSecond, ...}), plus one line per
matMul peak probe ({probe: 'sgemm', backend: 'numpy' | 'pytorch', gflops}). Run by run.mjs when
torch imports; usable alone:

    python3 test/bench/pytorch/recurrent_bench.py [--threads 2] [--configs A,B,C] [--quick]

Debian: `apt-get install python3-torch libopenblas0-pthread`. Without OpenBLAS, Debian's torch and
numpy use the reference BLAS (measured sgemm 2.3 GFLOP/s instead of 93).

Configurations (the performance issue):
  A: batch 32, length 40, vocab 5000 -> Embedding 64, hidden 128, classifier (2 classes)
  B: as A with hidden 256, length 100
  C: bidirectional tagger, hidden 128 per direction, 17 tags, length 30, with a CRF: training is
     the CRF negative log-likelihood (forward algorithm), inference emissions + Viterbi (LSTM only)
A and B for LSTM and GRU, training (Adam step) and inference (no_grad forward).
"""
import argparse
import json
import os
import statistics
import sys
import time

CONFIGS = {
    "A": dict(batch=32, length=40, vocab=5000, embedding=64, hidden=128, bidirectional=False, classes=2, tagger=False),
    "B": dict(batch=32, length=100, vocab=5000, embedding=64, hidden=256, bidirectional=False, classes=2, tagger=False),
    "C": dict(batch=32, length=30, vocab=5000, embedding=64, hidden=128, bidirectional=True, classes=17, tagger=True),
}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--threads", type=int, default=2, help="intra-op threads for torch and BLAS (default 2)")
    parser.add_argument("--configs", default="A,B,C", help="comma-separated subset of A,B,C")
    parser.add_argument("--cells", default="lstm,gru", help="comma-separated subset of lstm,gru")
    parser.add_argument("--train-steps", type=int, default=10, help="timed training steps (median reported)")
    parser.add_argument("--infer-steps", type=int, default=20, help="timed inference steps (median reported)")
    parser.add_argument("--quick", action="store_true", help="3 training and 5 inference steps")
    parser.add_argument("--no-peak", action="store_true", help="skip the sgemm peak probes")
    return parser.parse_args()


ARGS = parse_args()
# BLAS reads its thread count when it loads: set it before importing numpy / torch.
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = str(ARGS.threads)
# OpenMP workers spin while they wait by default; on a shared 2-core machine that turned a 50 ms
# training step into 1.6 s (measured, config A LSTM, 2 threads). Passive waiting avoids it.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import numpy as np  # noqa: E402
import torch  # noqa: E402
from torch import nn  # noqa: E402

torch.set_num_threads(ARGS.threads)
torch.manual_seed(1234)


class Model(nn.Module):
    """Embedding -> LSTM/GRU -> linear: on the last state (classifier) or on every step (tagger)."""

    def __init__(self, cell, cfg):
        super().__init__()
        rnn = nn.LSTM if cell == "lstm" else nn.GRU
        self.tagger = cfg["tagger"]
        self.embedding = nn.Embedding(cfg["vocab"], cfg["embedding"])
        self.rnn = rnn(cfg["embedding"], cfg["hidden"], batch_first=True, bidirectional=cfg["bidirectional"])
        directions = 2 if cfg["bidirectional"] else 1
        self.out = nn.Linear(cfg["hidden"] * directions, cfg["classes"])

    def forward(self, ids):
        # ids: [batch, time] -> x: [batch, time, embedding] -> seq: [batch, time, directions*hidden]
        seq, _ = self.rnn(self.embedding(ids))
        if self.tagger:
            return self.out(seq)  # [batch, time, classes]
        return self.out(seq[:, -1])  # [batch, classes]


def median_seconds(step, count):
    step()  # warm-up
    times = []
    for _ in range(count):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


class Crf(nn.Module):
    """Linear-chain CRF as in @recurrent/layers' RcCrf: transitions [from, to], start, end scores."""

    def __init__(self, num_tags):
        super().__init__()
        self.transitions = nn.Parameter(torch.zeros(num_tags, num_tags))
        self.start = nn.Parameter(torch.zeros(num_tags))
        self.end = nn.Parameter(torch.zeros(num_tags))

    def neg_log_likelihood(self, emissions, tags):
        # emissions: [batch, time, tags]; forward algorithm, then the gold path's score
        alpha = self.start + emissions[:, 0]
        for t in range(1, emissions.shape[1]):
            alpha = torch.logsumexp(alpha.unsqueeze(2) + self.transitions.unsqueeze(0) + emissions[:, t].unsqueeze(1), dim=1)
        log_z = torch.logsumexp(alpha + self.end, dim=1)
        gold = emissions.gather(2, tags.unsqueeze(2)).squeeze(2).sum(1)
        gold = gold + self.start[tags[:, 0]] + self.transitions[tags[:, :-1], tags[:, 1:]].sum(1) + self.end[tags[:, -1]]
        return (log_z - gold).mean()

    def viterbi(self, emissions):
        score = self.start + emissions[:, 0]
        history = []
        for t in range(1, emissions.shape[1]):
            best, idx = (score.unsqueeze(2) + self.transitions.unsqueeze(0)).max(dim=1)
            history.append(idx)
            score = best + emissions[:, t]
        last = (score + self.end).argmax(dim=1)
        path = [last]
        for idx in reversed(history):
            last = idx.gather(1, last.unsqueeze(1)).squeeze(1)
            path.append(last)
        return torch.stack(path[::-1], dim=1)


def measure(config, cell, train_steps, infer_steps):
    cfg = CONFIGS[config]
    model = Model(cell, cfg)
    crf = Crf(cfg["classes"]) if cfg["tagger"] else None
    params = list(model.parameters()) + (list(crf.parameters()) if crf is not None else [])
    optimizer = torch.optim.Adam(params, lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    ids = torch.randint(1, cfg["vocab"], (cfg["batch"], cfg["length"]))
    if cfg["tagger"]:
        labels = torch.randint(0, cfg["classes"], (cfg["batch"], cfg["length"]))
    else:
        labels = torch.randint(0, cfg["classes"], (cfg["batch"],))

    def train():
        optimizer.zero_grad()
        logits = model(ids)
        # the tagger (config C) trains a CRF on its emissions, as our bench does
        loss = crf.neg_log_likelihood(logits, labels) if crf is not None else loss_fn(logits, labels)
        loss.backward()
        optimizer.step()

    def infer():
        with torch.no_grad():
            out = model(ids)
            if crf is not None:
                crf.viterbi(out)

    tokens = cfg["batch"] * cfg["length"]
    base = dict(config=config, backend="pytorch", impl="torch+crf" if crf is not None else "torch", cell=cell,
                batch=cfg["batch"], length=cfg["length"], hidden=cfg["hidden"],
                directions=2 if cfg["bidirectional"] else 1, threads=ARGS.threads, torch=torch.__version__)
    train_s = median_seconds(train, train_steps)
    infer_s = median_seconds(infer, infer_steps)
    return [
        dict(base, mode="train", tokensPerSecond=tokens / train_s, steps=train_steps),
        dict(base, mode="infer", tokensPerSecond=tokens / infer_s, steps=infer_steps),
    ]


def sgemm_peak(matmul, make, n=1024, repeats=20):
    """Best GFLOP/s of an n×n float32 matMul over `repeats` runs."""
    a, b = make(n), make(n)
    matmul(a, b)
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        matmul(a, b)
        best = min(best, time.perf_counter() - start)
    return 2 * n**3 / best / 1e9


def main():
    train_steps, infer_steps = (3, 5) if ARGS.quick else (ARGS.train_steps, ARGS.infer_steps)
    rng = np.random.default_rng(0)

    def probe(when):
        # On a shared machine one probe can land in a busy moment: probed before and after the
        # models; readers take the highest numpy value as the machine's peak.
        numpy_peak = sgemm_peak(np.matmul, lambda n: rng.standard_normal((n, n), dtype=np.float32))
        print(json.dumps(dict(probe="sgemm", backend="numpy", when=when, n=1024, threads=ARGS.threads, gflops=numpy_peak)), flush=True)
        torch_peak = sgemm_peak(torch.matmul, lambda n: torch.randn(n, n))
        print(json.dumps(dict(probe="sgemm", backend="pytorch", when=when, n=1024, threads=ARGS.threads, gflops=torch_peak)), flush=True)

    if not ARGS.no_peak:
        probe("before")
    for config in ARGS.configs.split(","):
        if config not in CONFIGS:
            sys.exit(f"--configs: unknown config {config!r}; allowed: {', '.join(CONFIGS)}")
        for cell in ARGS.cells.split(","):
            if cell not in ("lstm", "gru"):
                sys.exit(f"--cells: unknown cell {cell!r}; allowed: lstm, gru")
            if CONFIGS[config]["tagger"] and cell != "lstm":
                continue  # config C is the BiLSTM-CRF tagger
            for row in measure(config, cell, train_steps, infer_steps):
                print(json.dumps(row), flush=True)
    if not ARGS.no_peak:
        probe("after")


if __name__ == "__main__":
    main()
