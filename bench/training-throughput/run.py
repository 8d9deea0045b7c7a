#!/usr/bin/python3
"""Side-by-side training throughput: EnergyFacts (TorchSharp/libtorch) against PyTorch on the same CPU.

Runs bench/EnergyFacts.TrainingThroughput and pytorch_train.py on the same data, architectures, recipes and thread
counts, interleaved (every repetition runs every case and implementation once, in a shuffled order, so drift in the
machine's speed spreads over all of them), and prints a Markdown table of medians and ranges. See README.md here.
"""

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
PROJECT = os.path.join(ROOT, "bench", "EnergyFacts.TrainingThroughput")
LIBDIR = "/usr/lib/x86_64-linux-gnu"
# Debian's two BLAS builds for python3-torch: the reference BLAS it depends on, and OpenBLAS when installed.
BLAS = {"reference": os.path.join(LIBDIR, "blas"), "openblas": os.path.join(LIBDIR, "openblas-pthread")}


def parse():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--models", default="lenet,resnet20")
    p.add_argument("--batches", default="64,128")
    p.add_argument("--threads", default="1,2", help="intra-op thread counts (OMP/OpenBLAS threads pinned to the same)")
    p.add_argument("--epochs", type=int, default=2)
    p.add_argument("--repetitions", type=int, default=3)
    p.add_argument("--impls", default="energyfacts,pytorch-openblas,pytorch-reference",
                   help="energyfacts, pytorch-openblas, pytorch-reference; a suffix @avx2 or @all sets oneDNN's ISA limit "
                        "(ONEDNN_MAX_CPU_ISA) for that run, e.g. energyfacts@avx2 for the AVX2 cap that earlier versions set on AMD "
                        "AVX-512 CPUs")
    p.add_argument("--warmups", type=int, default=1, help="discarded one-epoch runs per implementation and model first")
    p.add_argument("--busy-core", action="store_true", help="keep one core busy with a spinning process during every run")
    p.add_argument("--output", default=os.path.join(ROOT, "artifacts", "training-throughput.jsonl"))
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--no-build", action="store_true")
    return p.parse_args()


def command(impl, model, batch, threads, epochs, seed):
    impl, _, isa = impl.partition("@")
    common = ["--model", model, "--batch", str(batch), "--threads", str(threads), "--epochs", str(epochs), "--seed", str(seed)]
    env = dict(os.environ, OMP_NUM_THREADS=str(threads), OPENBLAS_NUM_THREADS=str(threads), MKL_NUM_THREADS=str(threads))
    if isa:
        # oneDNN 3.x reads ONEDNN_MAX_CPU_ISA, PyTorch 1.13's oneDNN 2.6 also DNNL_MAX_CPU_ISA.
        env["ONEDNN_MAX_CPU_ISA"] = env["DNNL_MAX_CPU_ISA"] = isa.upper()
    if impl == "energyfacts":
        dll = os.path.join(PROJECT, "bin", "Release", "net10.0", "EnergyFacts.TrainingThroughput.dll")
        return ["dotnet", dll] + common, env
    blas = impl.split("-", 1)[1]
    env["LD_LIBRARY_PATH"] = BLAS[blas]
    return ["/usr/bin/python3", os.path.join(HERE, "pytorch_train.py"), "--blas", blas] + common, env


def run_once(impl, model, batch, threads, epochs, seed):
    argv, env = command(impl, model, batch, threads, epochs, seed)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"{impl} {model} b{batch} t{threads} failed with exit code {done.returncode}:\n{done.stderr[-3000:]}")
    line = json.loads(done.stdout.strip().splitlines()[-1])
    line["process_wall_s"] = wall
    line["process_cpu_s"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return line


def spin():
    return subprocess.Popen(["/usr/bin/python3", "-c", "while True: pass"])


def check_prerequisites(impls):
    for key in impls:
        impl, _, isa = key.partition("@")
        if isa and isa.lower() not in ("avx2", "all", "avx512_core"):
            sys.exit(f"--impls: '{key}': the ISA suffix must be @avx2, @avx512_core or @all")
        if impl.startswith("pytorch-"):
            blas = impl.split("-", 1)[1]
            if blas not in BLAS:
                sys.exit(f"--impls: '{impl}' is not known; allowed: energyfacts, pytorch-openblas, pytorch-reference")
            if not os.path.exists(os.path.join(BLAS[blas], "libblas.so.3")):
                package = "libopenblas0-pthread" if blas == "openblas" else "libblas3"
                sys.exit(f"{impl}: {BLAS[blas]}/libblas.so.3 is missing; install it with: apt-get install {package}")
            probe = subprocess.run(["/usr/bin/python3", "-c", "import torch"], capture_output=True, text=True, check=False)
            if probe.returncode != 0:
                sys.exit("PyTorch is missing: apt-get install python3-torch (Debian's build; the benchmark uses /usr/bin/python3)")


def cpu_description():
    model, flags = "unknown CPU", set()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name") and model == "unknown CPU":
                    model = line.split(":", 1)[1].strip()
                elif line.startswith("flags") and not flags:
                    flags = set(line.split(":", 1)[1].split())
    except OSError:
        pass
    isa = "AVX-512" if "avx512f" in flags else "AVX2" if "avx2" in flags else "no AVX2"
    return f"{model}, {isa}, {os.cpu_count()} logical CPUs"


def median_range(values):
    return statistics.median(values), min(values), max(values)


def fmt(values, digits=0):
    m, lo, hi = median_range(values)
    return f"{m:,.{digits}f} ({lo:,.{digits}f}–{hi:,.{digits}f})"


def table(rows, impls):
    cases = sorted({(r["model"], r["batch"], r["threads"]) for r in rows}, key=lambda c: (c[0], c[2], c[1]))
    out = []
    head = ["case"] + [f"{i} samples/s" for i in impls]
    pytorch = [i for i in impls if i.startswith("pytorch") and "@" not in i]
    variants = [i for i in impls if "@" in i]
    if "energyfacts" in impls and pytorch:
        head += ["ratio vs best PyTorch", "paired ratio (median, range)"]
    if "energyfacts" in impls:
        head += [f"energyfacts / {v}" for v in variants if not v.startswith("energyfacts")]
    head += [f"{i} top-1" for i in impls] + [f"{i} cpu/wall" for i in impls] + ["EnergyFacts epoch 1 / 2 train s"]
    out.append("| " + " | ".join(head) + " |")
    out.append("|" + "---|" * len(head))
    for model, batch, threads in cases:
        sel = {i: [r for r in rows if (r["model"], r["batch"], r["threads"], r["impl_key"]) == (model, batch, threads, i)] for i in impls}
        cells = [f"{model} b{batch}, {threads} thread{'s' if threads > 1 else ''}"]
        med = {}
        for i in impls:
            v = [r["train_samples_per_s"] for r in sel[i]]
            med[i] = statistics.median(v) if v else None
            cells.append(fmt(v) if v else "–")
        if "energyfacts" in impls and pytorch:
            best = max((med[i] for i in pytorch if med[i]), default=None)
            cells.append(f"{med['energyfacts'] / best:.2f}" if best and med["energyfacts"] else "–")
            # Each repetition's EnergyFacts run against the same repetition's run of the best PyTorch: the two ran
            # minutes apart at most, so a slow spell of a shared machine cancels out.
            best_impl = max((i for i in pytorch if med[i]), key=lambda i: med[i], default=None)
            pairs = []
            if best_impl:
                theirs = {r["repetition"]: r["train_samples_per_s"] for r in sel[best_impl]}
                pairs = [r["train_samples_per_s"] / theirs[r["repetition"]] for r in sel["energyfacts"] if r["repetition"] in theirs]
            cells.append(fmt(pairs, 2) if pairs else "–")
        if "energyfacts" in impls:
            for v in variants:
                if not v.startswith("energyfacts"):
                    cells.append(f"{med['energyfacts'] / med[v]:.2f}" if med[v] and med["energyfacts"] else "–")
        for i in impls:
            v = [r["epochs"][-1]["eval_top1"] * 100 for r in sel[i]]
            cells.append(f"{statistics.median(v):.1f} %" if v else "–")
        for i in impls:
            v = [r["process_cpu_s"] / r["process_wall_s"] for r in sel[i]]
            cells.append(f"{statistics.median(v):.2f}" if v else "–")
        ef = sel.get("energyfacts", [])
        if ef and len(ef[0]["epochs"]) >= 2:
            e1 = statistics.median(r["epochs"][0]["train_s"] for r in ef)
            e2 = statistics.median(r["epochs"][1]["train_s"] for r in ef)
            cells.append(f"{e1:.2f} / {e2:.2f}")
        else:
            cells.append("–")
        out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out)


def main():
    a = parse()
    impls = a.impls.split(",")
    check_prerequisites(impls)
    if "energyfacts" in impls and not a.no_build:
        subprocess.run(["dotnet", "build", PROJECT, "-c", "Release", "--nologo", "-v", "quiet"], check=True)
        # MSBuild nodes and the compiler server stay alive after a build and keep a core busy for a while.
        subprocess.run(["dotnet", "build-server", "shutdown"], capture_output=True, check=False)
    cases = [(m, int(b), int(t)) for m in a.models.split(",") for b in a.batches.split(",") for t in a.threads.split(",")]
    order = random.Random(a.seed)
    os.makedirs(os.path.dirname(a.output), exist_ok=True)
    rows = []
    spinner = spin() if a.busy_core else None
    try:
        with open(a.output, "w", encoding="utf-8") as sink:
            # One discarded run per implementation first: cold page cache, lazy native loading and CPU frequency
            # settle there instead of in the first measured repetition.
            for impl in impls:
                for model in dict.fromkeys(m for m, _, _ in cases):
                    _, batch, threads = next(c for c in cases if c[0] == model)
                    for _ in range(a.warmups):
                        run_once(impl, model, batch, threads, 1, a.seed)
            for rep in range(1, a.repetitions + 1):
                for model, batch, threads in cases:
                    for impl in order.sample(impls, len(impls)):
                        r = run_once(impl, model, batch, threads, a.epochs, a.seed)
                        r["impl_key"], r["repetition"], r["busy_core"] = impl, rep, a.busy_core
                        rows.append(r)
                        sink.write(json.dumps(r) + "\n")
                        sink.flush()
                        print(f"[{rep}/{a.repetitions}] {impl:<18} {model} b{batch} t{threads}: {r['train_samples_per_s']:,.0f} samples/s, "
                              f"top-1 {r['epochs'][-1]['eval_top1'] * 100:.1f} %, setup {sum(r['setup_s'].values()):.2f} s", file=sys.stderr)
    finally:
        if spinner:
            spinner.kill()
    print(f"Training samples/s (median and range over {a.repetitions} interleaved repetitions, {a.epochs} epochs, "
          f"embedded Fashion-MNIST subset, {cpu_description()}{', one core kept busy' if a.busy_core else ''}):\n")
    print(table(rows, impls))
    setup = {i: [sum(r["setup_s"].values()) for r in rows if r["impl_key"] == i] for i in impls}
    print("\nSetup before training (native load + data decode + model build), median s: "
          + ", ".join(f"{i} {statistics.median(v):.2f}" for i, v in setup.items() if v))
    print(f"\nRaw runs: {a.output}")


if __name__ == "__main__":
    main()
