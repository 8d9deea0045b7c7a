#!/usr/bin/python3
"""One PyTorch run of the side-by-side training benchmark (see README.md here).

Trains the same architectures as EnergyFacts.Torch's model zoo (LeNet with BatchNorm, the CIFAR ResNet-20 with
option-A shortcuts, the MLP) with the same initialisation, data, normalisation, batching, optimiser, learning-rate
schedule and evaluation as EnergyFacts' TrainingRun and the default suite's recipes, and prints one JSON line with the
same fields as bench/EnergyFacts.TrainingThroughput. Benchmark-only: the product never depends on PyTorch.
"""

import argparse
import gzip
import json
import math
import os
import sys
import time

START = time.perf_counter()
import torch  # noqa: E402  (timed: the import is PyTorch's native load)
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402

LOADED = time.perf_counter()

EMBEDDED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "src", "EnergyFacts.Torch", "Data", "Embedded")


def read_idx(path):
    """IDX as in IdxFile.cs: big-endian magic (type 0x08 = uint8, rank), sizes, then the data."""
    with gzip.open(path, "rb") as f:
        raw = f.read()
    if raw[0] != 0 or raw[1] != 0 or raw[2] != 0x08:
        raise ValueError(f"{path}: not a uint8 IDX file")
    rank = raw[3]
    dims = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(rank)]
    data = torch.frombuffer(bytearray(raw[4 + 4 * rank:]), dtype=torch.uint8)
    return data.reshape(dims)


def load_subset():
    train_x = read_idx(os.path.join(EMBEDDED, "train-images-idx3-ubyte.gz")).unsqueeze(1).contiguous()
    train_y = read_idx(os.path.join(EMBEDDED, "train-labels-idx1-ubyte.gz")).to(torch.int64)
    test_x = read_idx(os.path.join(EMBEDDED, "t10k-images-idx3-ubyte.gz")).unsqueeze(1).contiguous()
    test_y = read_idx(os.path.join(EMBEDDED, "t10k-labels-idx1-ubyte.gz")).to(torch.int64)
    # ImageDataset: per-channel mean and standard deviation of the training pixels, applied to uint8 values.
    pixels = train_x.to(torch.float64) / 255.0
    mean = pixels.mean().item()
    std = math.sqrt(max((pixels * pixels).mean().item() - mean * mean, 0.0))
    mean_pixels = torch.tensor([mean * 255.0], dtype=torch.float32).reshape(1, 1, 1, 1)
    std_pixels = torch.tensor([max(std, 1e-6) * 255.0], dtype=torch.float32).reshape(1, 1, 1, 1)
    return train_x, train_y, test_x, test_y, mean_pixels, std_pixels


def reference_init(root):
    """ReferenceInitialization.ConvolutionalNetwork: Kaiming-normal (fan-out, ReLU) convolutions, BN weight 1, bias 0."""
    with torch.no_grad():
        for module in root.modules():
            if isinstance(module, nn.Conv2d):
                nn.init.kaiming_normal_(module.weight, mode="fan_out", nonlinearity="relu")
                if module.bias is not None:
                    nn.init.zeros_(module.bias)
            elif isinstance(module, nn.BatchNorm2d):
                nn.init.ones_(module.weight)
                nn.init.zeros_(module.bias)


class LeNet(nn.Module):
    def __init__(self, channels=1, size=28, classes=10):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(channels, 6, 5, padding=2, bias=False), nn.BatchNorm2d(6), nn.ReLU(inplace=True), nn.MaxPool2d(2),
            nn.Conv2d(6, 16, 5, bias=False), nn.BatchNorm2d(16), nn.ReLU(inplace=True), nn.MaxPool2d(2))
        side = ((size // 2) - 4) // 2
        self.classifier = nn.Sequential(
            nn.Flatten(), nn.Linear(16 * side * side, 120), nn.ReLU(inplace=True),
            nn.Linear(120, 84), nn.ReLU(inplace=True), nn.Linear(84, classes))
        reference_init(self)

    def forward(self, x):
        return self.classifier(self.features(x))


class PaddedShortcutBlock(nn.Module):
    def __init__(self, in_channels, width, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, width, 3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(width)
        self.relu = nn.ReLU(inplace=True)
        self.conv2 = nn.Conv2d(width, width, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(width)
        self.stride = stride
        self.pad_channels = (width - in_channels) // 2

    def forward(self, x):
        shortcut = x
        if self.stride != 1:
            shortcut = shortcut[:, :, ::self.stride, ::self.stride]
        if self.pad_channels > 0:
            shortcut = F.pad(shortcut, [0, 0, 0, 0, self.pad_channels, self.pad_channels])
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return out.add_(shortcut).relu_()


class CifarResNet(nn.Module):
    def __init__(self, blocks, width, channels=1, classes=10):
        super().__init__()
        self.conv1 = nn.Conv2d(channels, width, 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(width)
        self.relu = nn.ReLU(inplace=True)
        stages, in_channels = [], width
        for stage in range(3):
            w = width << stage
            layers = []
            for i in range(blocks):
                layers.append(PaddedShortcutBlock(in_channels, w, 2 if stage > 0 and i == 0 else 1))
                in_channels = w
            stages.append(nn.Sequential(*layers))
        self.layer1, self.layer2, self.layer3 = stages
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(width * 4, classes)
        reference_init(self)

    def forward(self, x):
        x = self.relu(self.bn1(self.conv1(x)))
        x = self.layer3(self.layer2(self.layer1(x)))
        return self.fc(self.avgpool(x).flatten(1))


class Mlp(nn.Module):
    def __init__(self, features=784, classes=10):
        super().__init__()
        self.layers = nn.Sequential(nn.Flatten(), nn.Linear(features, 256), nn.ReLU(inplace=True),
                                    nn.Linear(256, 128), nn.ReLU(inplace=True), nn.Linear(128, classes))

    def forward(self, x):
        return self.layers(x)


def build(name):
    if name == "lenet":
        return LeNet()
    if name == "resnet20":
        return CifarResNet(3, 16)
    if name == "mlp":
        return Mlp()
    raise ValueError(f"model '{name}': lenet, resnet20 or mlp")


class Schedule:
    """LearningRateSchedule.cs: linear warm-up then cosine, or one-cycle (cosine up from lr/25, down to lr/25/1e4)."""

    def __init__(self, kind, peak, total, warmup):
        self.kind, self.peak, self.total = kind, peak, total
        self.warmup = max(1, round(0.3 * total)) if kind == "onecycle" and warmup == 0 else warmup

    @staticmethod
    def cosine(a, b, p):
        return b + (a - b) * 0.5 * (1 + math.cos(math.pi * p))

    def at(self, step):
        step = min(max(step, 0), self.total - 1)
        if self.kind == "onecycle":
            start = self.peak / 25
            end = start / 1e4
            if step < self.warmup:
                return self.cosine(start, self.peak, step / self.warmup)
            phase = self.total - self.warmup
            return self.cosine(self.peak, end, 1 if phase <= 1 else (step - self.warmup) / (phase - 1))
        if step < self.warmup:
            return self.peak * (step + 1) / self.warmup
        return self.cosine(self.peak, 0, (step - self.warmup) / (self.total - self.warmup))


def recipe(name):
    """The default suite's recipes (DefaultSuite.cs): SGD/Nesterov one-cycle for LeNet, AdamW + cosine otherwise."""
    if name == "lenet":
        return dict(optimizer="sgd", lr=0.05, momentum=0.9, weight_decay=5e-4, schedule="onecycle", warmup_epochs=0.0)
    return dict(optimizer="adamw", lr=5e-3, weight_decay=1e-4, schedule="cosine", warmup_epochs=0.2)


def batches(images, labels, batch, mean, std, order=None):
    count = labels.shape[0]
    for start in range(0, count, batch):
        if order is None:
            x, y = images.narrow(0, start, min(batch, count - start)), labels.narrow(0, start, min(batch, count - start))
        else:
            index = order.narrow(0, start, min(batch, count - start))
            x, y = images.index_select(0, index), labels.index_select(0, index)
        yield x.to(torch.float32).sub_(mean).div_(std), y


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="lenet")
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--interop-threads", type=int, default=None)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--blas", default="", help="label only: which BLAS the driver loaded")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    if args.interop_threads is not None:
        torch.set_num_interop_threads(args.interop_threads)
    train_x, train_y, test_x, test_y, mean, std = load_subset()
    decoded = time.perf_counter()
    torch.manual_seed(args.seed)
    model = build(args.model)
    built = time.perf_counter()

    r = recipe(args.model)
    per_epoch = (train_y.shape[0] + args.batch - 1) // args.batch
    schedule = Schedule(r["schedule"], r["lr"], per_epoch * args.epochs, round(r["warmup_epochs"] * per_epoch))
    if r["optimizer"] == "sgd":
        optimizer = torch.optim.SGD(model.parameters(), lr=r["lr"], momentum=r["momentum"], nesterov=True, weight_decay=r["weight_decay"])
    else:
        optimizer = torch.optim.AdamW(model.parameters(), lr=r["lr"], weight_decay=r["weight_decay"])
    shuffle = torch.Generator().manual_seed(args.seed)

    epochs, step = [], 0
    for _ in range(args.epochs):
        model.train()
        t0 = time.perf_counter()
        loss_sum = torch.zeros(1, dtype=torch.float64)
        samples = 0
        order = torch.randperm(train_y.shape[0], generator=shuffle)
        for x, y in batches(train_x, train_y, args.batch, mean, std, order):
            lr = schedule.at(step)
            for group in optimizer.param_groups:
                group["lr"] = lr
            optimizer.zero_grad()
            loss = F.cross_entropy(model(x), y)
            loss.backward()
            optimizer.step()
            loss_sum.add_(loss.detach().to(torch.float64).mul(y.shape[0]))
            samples += y.shape[0]
            step += 1
        train_loss = loss_sum.item() / samples
        t1 = time.perf_counter()
        model.eval()
        # As TrainingRun.Evaluate: summed loss, top-1 and top-5 accumulated as tensors, read once.
        eval_loss = torch.zeros(1, dtype=torch.float64)
        top1 = torch.zeros(1, dtype=torch.int64)
        top5 = torch.zeros(1, dtype=torch.int64)
        seen = 0
        with torch.no_grad():
            for x, y in batches(test_x, test_y, 256, mean, std):
                logits = model(x)
                eval_loss.add_(F.cross_entropy(logits, y, reduction="sum").to(torch.float64))
                hits = logits.topk(5, dim=1).indices.eq(y.unsqueeze(1))
                top1.add_(hits.select(1, 0).sum())
                top5.add_(hits.any(1).sum())
                seen += y.shape[0]
        hits = top1.item()
        t2 = time.perf_counter()
        epochs.append(dict(train_s=t1 - t0, eval_s=t2 - t1, train_samples=samples, train_loss=train_loss, eval_top1=hits / seen))
    finished = time.perf_counter()

    train_s = sum(e["train_s"] for e in epochs)
    print(json.dumps(dict(
        impl="pytorch" + (f"-{args.blas}" if args.blas else ""),
        torch=f"PyTorch {torch.__version__} (Python {sys.version.split()[0]})",
        model=args.model, batch=args.batch, threads=torch.get_num_threads(), interop_threads=torch.get_num_interop_threads(),
        seed=args.seed, parameters=sum(p.numel() for p in model.parameters() if p.requires_grad),
        setup_s=dict(load=LOADED - START, data=decoded - LOADED, model=built - decoded),
        epochs=epochs, train_samples_per_s=sum(e["train_samples"] for e in epochs) / train_s, wall_s=finished - START)))


if __name__ == "__main__":
    main()
