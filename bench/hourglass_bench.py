#!/usr/bin/python3
"""The sa stacked hourglass in native PyTorch on the CPU: the baseline of `sa bench`.

Mirrors plugins/backbone-hourglass (HourglassBlocks, StackedHourglass) layer for layer: the same
stem, pre-activation bottleneck residuals, recursive hourglass with max-pool down and nearest
upsampling up, per-stack heatmap heads and remaps, BatchNorm (eps 1e-5, momentum 0.9 in
DJL's convention = 0.1 in PyTorch's), loss = sum over stacks of the MSE, RMSprop (alpha 0.99, eps
1e-8 outside the root, as sa's RmsProp). Times, per input size: seconds per training step and
milliseconds per face of inference at batch 1 and at the training batch (medians of single
repetitions), with torch.set_num_threads(--threads). Prints one JSON object on stdout.

Run with Debian's python3-torch:  /usr/bin/python3 bench/hourglass_bench.py --sizes 64,128
"""
import argparse
import json
import statistics
import time

import torch
from torch import nn


def conv(cin, cout, k, bias):
    return nn.Conv2d(cin, cout, k, padding=k // 2, bias=bias)


def bn(c):
    return nn.BatchNorm2d(c, eps=1e-5, momentum=0.1)


class Residual(nn.Module):
    """BN-ReLU-conv1x1(out/2), BN-ReLU-conv3x3(out/2), BN-ReLU-conv1x1(out), plus the input."""

    def __init__(self, cin, cout):
        super().__init__()
        mid = cout // 2
        self.body = nn.Sequential(
            bn(cin), nn.ReLU(), conv(cin, mid, 1, False),
            bn(mid), nn.ReLU(), conv(mid, mid, 3, False),
            bn(mid), nn.ReLU(), conv(mid, cout, 1, True))
        self.skip = nn.Identity() if cin == cout else conv(cin, cout, 1, True)

    def forward(self, x):
        return self.body(x) + self.skip(x)


UPSAMPLE = "interpolate"


class Upsample2(nn.Module):
    """Nearest-neighbour x2 with PyTorch's own interpolate, as the plugin uses each engine's own
    nearest upsampling (MXNet's UpSampling, DJL PyTorch's interpolate): the same numbers as two
    repeats, and what a PyTorch user would write, so the baseline is not slowed by the portable
    form (--upsample repeat times that form)."""

    def forward(self, x):
        if UPSAMPLE == "repeat":
            return x.repeat_interleave(2, dim=2).repeat_interleave(2, dim=3)
        return nn.functional.interpolate(x, scale_factor=2, mode="nearest")


class Hourglass(nn.Module):
    def __init__(self, depth, c):
        super().__init__()
        self.up = Residual(c, c)
        self.low = nn.Sequential(
            nn.MaxPool2d(2, 2), Residual(c, c),
            Hourglass(depth - 1, c) if depth > 1 else Residual(c, c),
            Residual(c, c), Upsample2())

    def forward(self, x):
        return self.up(x) + self.low(x)


def stem(ratio, c):
    half = c // 2
    stride = 1 if ratio == 1 else 2
    layers = [nn.Conv2d(3, half, 7, stride=stride, padding=3, bias=False), bn(half), nn.ReLU(),
              Residual(half, c)]
    if ratio == 4:
        layers.append(nn.MaxPool2d(2, 2))
    layers += [Residual(c, c), Residual(c, c)]
    return nn.Sequential(*layers)


class StackedHourglass(nn.Module):
    def __init__(self, landmarks, ratio, stacks, depth, c):
        super().__init__()
        self.stem = stem(ratio, c)
        self.bodies = nn.ModuleList(nn.Sequential(
            Hourglass(depth, c), Residual(c, c), conv(c, c, 1, False), bn(c), nn.ReLU())
            for _ in range(stacks))
        self.heads = nn.ModuleList(conv(c, landmarks, 1, True) for _ in range(stacks))
        self.remap_features = nn.ModuleList(conv(c, c, 1, True) for _ in range(stacks - 1))
        self.remap_heatmaps = nn.ModuleList(conv(landmarks, c, 1, True) for _ in range(stacks - 1))

    def forward(self, x):
        x = self.stem(x)
        out = []
        for s, body in enumerate(self.bodies):
            features = body(x)
            heatmaps = self.heads[s](features)
            out.append(heatmaps)
            if s < len(self.remap_features):
                x = x + self.remap_features[s](features) + self.remap_heatmaps[s](heatmaps)
        return out


def effective_depth(depth, heatmap):
    """HourglassOptions.effectiveDepth: halve while the side is even and the half is at least 2."""
    levels, side = 0, heatmap
    while levels < depth and side % 2 == 0 and side // 2 >= 2:
        side //= 2
        levels += 1
    return levels


def median_seconds(fn, steps, warmup):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(steps):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def reset_peak_rss():
    """Resets the kernel's resident-set high-water mark (VmHWM), as the DJL side does per size."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        pass


def peak_rss_mb():
    """VmHWM of this process in MB, or -1 where /proc is not available."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return -1.0


def bench_size(size, args):
    reset_peak_rss()
    heatmap = size // args.ratio
    depth = effective_depth(args.depth, heatmap)
    torch.manual_seed(size)
    model = StackedHourglass(args.landmarks, args.ratio, args.stacks, depth, args.channels)
    optimizer = torch.optim.RMSprop(model.parameters(), lr=2.5e-4, alpha=0.99, eps=1e-8)
    x = torch.rand(args.batch, 3, size, size) - 0.5
    y = torch.zeros(args.batch, args.landmarks, heatmap, heatmap)
    flat = y.view(args.batch * args.landmarks, -1)
    flat[torch.arange(flat.shape[0]), torch.randint(0, heatmap * heatmap, (flat.shape[0],))] = 1.0

    def train_step():
        model.train()
        optimizer.zero_grad(set_to_none=False)
        loss = sum(torch.mean((h - y) ** 2) for h in model(x))
        loss.backward()
        optimizer.step()
        return loss.item()

    def infer(batch):
        def run():
            model.eval()
            with torch.no_grad():
                model(batch)[-1].numpy()
        return run

    train = median_seconds(train_step, args.steps, args.warmup)
    one = median_seconds(infer(x[:1].clone()), args.steps, max(1, args.warmup))
    many = median_seconds(infer(x), args.steps, max(1, args.warmup))
    return {"size": size, "heatmap": heatmap, "depth": depth,
            "parameters": sum(p.numel() for p in model.parameters() if p.requires_grad),
            "train_s_per_step": train, "infer_ms_per_face_b1": one * 1e3,
            "infer_ms_per_face_batch": many * 1e3 / args.batch, "peak_rss_mb": peak_rss_mb()}


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", default="64,128,256", help="input sides, comma-separated")
    p.add_argument("--ratio", type=int, default=4, choices=[1, 2, 4], help="input side / heatmap side")
    p.add_argument("--stacks", type=int, default=2)
    p.add_argument("--depth", type=int, default=4)
    p.add_argument("--channels", type=int, default=128)
    p.add_argument("--landmarks", type=int, default=68)
    p.add_argument("--batch", type=int, default=8)
    p.add_argument("--steps", type=int, default=5)
    p.add_argument("--warmup", type=int, default=2)
    p.add_argument("--threads", type=int, default=0, help="intra-op threads (0 = torch's default)")
    p.add_argument("--upsample", default="interpolate", choices=["interpolate", "repeat"],
                   help="nearest upsampling by interpolate (default) or by two repeat_interleave")
    args = p.parse_args()
    global UPSAMPLE
    UPSAMPLE = args.upsample
    if args.threads > 0:
        torch.set_num_threads(args.threads)
    results = [bench_size(int(s), args) for s in args.sizes.split(",") if s.strip()]
    print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "upsample": UPSAMPLE,
                      "results": results}))


if __name__ == "__main__":
    main()
