"""Benchmark of the engines: python tests/benchmarks/dask_bench.py [SIZE ...] [--workers N]
(default: 10000 100000, 2 workers).

For each size, generates a corpus of that many synthetic articles (corpus.py, as bench.py)
and runs `checker check --format json` cold (no cache) twice: with the local engine, and
with `--engine dask` against a LocalCluster of N worker processes of one thread started
by this script. Reports wall time, articles and words per second, the peak memory of the
`checker` process (the client) and of each worker, and checks that both JSON outputs are
byte-identical. Not collected by pytest: 100,000 articles take several minutes per engine.
"""
from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from corpus import generate  # noqa: E402


def timed(cmd: list[str], out: Path) -> tuple[float, float, float]:
    """Seconds, peak MB (its largest process, children included) and CPU seconds (its
    own and its children's) of one command."""
    start = time.perf_counter()
    with out.open("wb") as sink:
        proc = subprocess.Popen(cmd, stdout=sink)
        _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed with exit {code}")
    return seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def _usage() -> tuple[float, float]:
    """This process's peak MB and CPU seconds (run on each worker)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def bench(size: int, workers: int) -> dict:
    from distributed import Client

    from checker.dask_engine import local_cluster

    work = Path(tempfile.mkdtemp(prefix=f"checker-engines-{size}-"))
    try:
        sources = work / "sources"
        generate(sources, size)
        words = sum(len(p.read_text(encoding="utf-8").split()) for p in sources.iterdir())
        check = [sys.executable, "-m", "checker", "check", "--sources", str(sources),
                 "--fail-on", "none", "--format", "json"]
        local = timed(check, work / "local.json")
        shutil.rmtree(work / ".checker-cache")  # the Dask run is cold too
        with local_cluster(workers) as cluster, Client(cluster) as client:  # as checker starts one
            client.wait_for_workers(workers)
            before = client.run(_usage)
            scheduler = _cpu()  # this process holds the scheduler
            remote = timed([*check, "--engine", "dask", "--scheduler", cluster.scheduler_address],
                           work / "dask.json")
            scheduler = _cpu() - scheduler
            after = client.run(_usage)
            peaks = sorted(after[w][0] for w in after)
            worker_cpu = sum(after[w][1] - before[w][1] for w in after)
        same = (work / "local.json").read_bytes() == (work / "dask.json").read_bytes()
        conflicts = (work / "local.json").read_text(encoding="utf-8").count('"explanation"')
        return {"size": size, "words": words, "local": local, "dask": remote, "workers": peaks,
                "worker_cpu": worker_cpu, "scheduler_cpu": scheduler, "same": same,
                "conflicts": conflicts, "load": os.getloadavg()[1]}
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(args: list[str]) -> None:
    workers = 2
    if "--workers" in args:
        at = args.index("--workers")
        workers = int(args[at + 1])
        del args[at:at + 2]
    sizes = [int(a) for a in args] or [10_000, 100_000]
    print(f"{os.cpu_count()} cores; python {sys.version.split()[0]}; {workers} Dask workers")
    print("CPU s: the client's (local: with its process pool), + the workers', + the scheduler's")
    print(f"{'articles':>8} {'words':>11} {'engine':>6} {'wall s':>7} {'articles/s':>10} "
          f"{'words/s':>8} {'client MB':>9}  {'workers MB':<11} {'CPU s':<20} identical, conflicts, load")
    for size in sizes:
        r = bench(size, workers)
        for name in ("local", "dask"):
            seconds, client, cpu = r[name]
            peaks = " + ".join(f"{p:.0f}" for p in r["workers"]) if name == "dask" else "-"
            cpus = f"{cpu:.0f} + {r['worker_cpu']:.0f} + {r['scheduler_cpu']:.0f}" if name == "dask" else f"{cpu:.0f}"
            print(f"{r['size']:>8} {r['words']:>11,} {name:>6} {seconds:>7.1f} {r['size'] / seconds:>10,.0f} "
                  f"{r['words'] / seconds:>8,.0f} {client:>9.0f}  {peaks:<11} {cpus:<20} "
                  f"{'yes' if r['same'] else 'NO'}, {r['conflicts']}, {r['load']:.1f}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
