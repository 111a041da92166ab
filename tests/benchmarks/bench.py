"""Benchmark: python tests/benchmarks/bench.py [SIZE ...]   (default: 100 1000 10000)

For each size, generates a corpus of that many articles (tests/benchmarks/corpus.py)
in a temporary folder and reports: wall time and peak memory of `checker check`
run cold (no cache), warm (nothing changed) and after one article changed; the
words per second one core extracts; and how many claim comparisons grouping
leaves, against the number an all-pairs comparison would make.
Not collected by pytest: it takes minutes at 10,000 articles.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from corpus import generate  # noqa: E402


def timed_check(sources: Path) -> tuple[float, float, str]:
    """Seconds and peak MB of one `checker check` (its worker processes included)."""
    cmd = [sys.executable, "-m", "checker", "check", "--sources", str(sources), "--fail-on", "none"]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    out = proc.stdout.read().decode()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"checker check failed with exit {proc.returncode}")
    return seconds, usage.ru_maxrss / 1024, out.strip().splitlines()[-1]


def extraction_rate(sources: Path, sample: int = 200) -> float:
    """Words per second, one core, over the first `sample` sources."""
    from checker.extract import Extractor
    from checker.lexicon import load_lexicon
    from checker.sources import read_sources

    chosen = read_sources(sources)[:sample]
    extractor = Extractor(load_lexicon())
    extractor.extract(chosen[0])  # warm the word caches
    words = sum(len(s.text[s.body_start:].split()) for s in chosen)
    start = time.perf_counter()
    for source in chosen:
        extractor.extract(source)
    return words / (time.perf_counter() - start)


def comparisons(sources: Path, slips: dict[str, str]) -> tuple[int, int, int, int]:
    """Claim pairs compared within topics, the pairs an all-pairs approach compares, and
    against the planted slips: conflicts with no slipped article among their sides (false
    alarms), and slipped articles that no conflict names (misses)."""
    from checker import pipeline

    result = pipeline.run(pipeline.Project(sources), full=True)
    compared = 0
    for topic in result.topics:
        per_source: dict[str, int] = {}
        for claim in topic.claims:
            per_source[claim.source] = per_source.get(claim.source, 0) + 1
        counts = list(per_source.values())
        compared += (sum(counts) ** 2 - sum(c * c for c in counts)) // 2
    n = len(result.claims)
    named = {claim.source for c in result.conflicts for claim in c.claims}
    false_alarms = sum(1 for c in result.conflicts if not {x.source for x in c.claims} & set(slips))
    misses = sum(1 for article in slips if article not in named)
    return compared, n * (n - 1) // 2, false_alarms, misses


def bench(size: int) -> dict:
    work = Path(tempfile.mkdtemp(prefix=f"checker-bench-{size}-"))
    try:
        sources = work / "sources"
        visible: dict[str, str] = {}
        generate(sources, size, slips_out=visible)
        words = sum(len(p.read_text(encoding="utf-8").split()) for p in sources.iterdir())
        cold = timed_check(sources)
        warm = timed_check(sources)
        one = sources / "a00001.md"
        one.write_text(one.read_text(encoding="utf-8") + "\nThe council will meet again in March.\n",
                       encoding="utf-8")
        changed = timed_check(sources)
        rate = extraction_rate(sources)
        compared, all_pairs, false_alarms, misses = comparisons(sources, visible)
        return {"size": size, "words": words, "slips": len(visible), "cold": cold, "warm": warm,
                "changed": changed, "rate": rate, "compared": compared, "all_pairs": all_pairs,
                "false_alarms": false_alarms, "misses": misses}
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(sizes: list[int]) -> None:
    print(f"{os.cpu_count()} cores; python {sys.version.split()[0]}")
    print(f"{'articles':>8} {'words':>10} {'cold s':>7} {'MB':>6} {'warm s':>7} {'MB':>6} "
          f"{'1 changed s':>11} {'words/s/core':>12} {'compared':>10} {'all pairs':>13}  conflicts; slips")
    for size in sizes:
        r = bench(size)
        print(f"{r['size']:>8} {r['words']:>10,} {r['cold'][0]:>7.1f} {r['cold'][1]:>6.0f} "
              f"{r['warm'][0]:>7.1f} {r['warm'][1]:>6.0f} {r['changed'][0]:>11.1f} {r['rate']:>12,.0f} "
              f"{r['compared']:>10,} {r['all_pairs']:>13,}  {r['cold'][2].split(' (')[0]}, "
              f"{r['false_alarms']} with no slipped side; {r['slips']} visible slips, "
              f"{r['misses']} not named in any conflict", flush=True)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100, 1000, 10_000])
