"""Archive-sweep benchmark: python tests/benchmarks/archive_bench.py [SIZE ...]
(default: 2 20 200 2000)

The hard case tests/benchmarks/bench.py lacks: ONE long-running story (every report
shares every name) swept by an archive desk, with real-length reports (600-1,200
words), a fifth of them syndicated near-copies, and planted slips
(tests/benchmarks/archive_corpus.py). For each size it generates the archive in a
temporary folder and reports: wall time and peak memory (os.wait4 ru_maxrss of the
process tree) of `checker check --fail-on none` run as a subprocess cold (no cache,
CHECKER_NO_CACHE unset), warm (nothing changed) and after one report changed; the
words per second one core extracts (checker.extract.Extractor on a sample); and, from
`checker check --format json` on the final state, how many conflicts there are, how many
have no slipped report among their sides ("no slip side"), how many have no claim that
is a slipped sentence ("no slipped claim": a stricter false-alarm count, since with many
sides some slipped report is usually among them by chance), and of the slipped reports
(copies of a slipped report included; "checkable": some other report states the true
value) how many a conflict names on any claim ("named") and on the claim quoting the
slipped value ("pinned").

Progress goes to stderr as each measurement finishes, so a run cut off by a timeout
still shows what it measured. Set ARCHIVE_BENCH_TIMEOUT (seconds per `checker check`)
to bound each run. Not collected by pytest.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from archive_corpus import generate  # noqa: E402
from bench import extraction_rate  # noqa: E402  (one measure of words/s for both benchmarks)


def log(msg: str) -> None:
    print(f"  [{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def timed_check(sources: Path, *extra: str) -> tuple[float, float, str]:
    """Seconds, peak MB and last output line of one `checker check` (its workers included)."""
    cmd = [sys.executable, "-m", "checker", "check", "--sources", str(sources), "--fail-on", "none", *extra]
    env = {k: v for k, v in os.environ.items() if k != "CHECKER_NO_CACHE"}
    limit = float(os.environ.get("ARCHIVE_BENCH_TIMEOUT", "0")) or None
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.DEVNULL, env=env)
        while True:  # poll with wait4 so the rusage of the whole tree is kept
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if limit and time.perf_counter() - start > limit:
                proc.kill()
                os.wait4(proc.pid, 0)
                raise SystemExit(f"checker check ran past {limit:.0f} s; killed")
            time.sleep(0.02)
        proc.returncode = code = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - start
        out.seek(0)
        text = out.read().decode()
    if code != 0:
        raise SystemExit(f"checker check failed with exit {code}")
    lines = text.strip().splitlines()
    return seconds, usage.ru_maxrss / 1024, lines[-1] if lines else ""


def score(report: dict, slips: dict[str, dict]) -> dict:
    """Conflicts, those with no slipped side (false alarms), and slipped reports named."""
    conflicts = report["conflicts"]
    named: set[str] = set()
    pinned: set[str] = set()
    no_slip_side = 0
    no_slipped_claim = 0
    by_kind: dict[str, int] = {}
    for c in conflicts:
        sides = {claim["source"] for claim in c["claims"]}
        by_kind[c["kind"]] = by_kind.get(c["kind"], 0) + 1
        if not sides & set(slips):
            no_slip_side += 1
        if not any(claim["source"] in slips and slips[claim["source"]]["slipped"] in claim["quote"]
                   for claim in c["claims"]):
            no_slipped_claim += 1
        for claim in c["claims"]:
            rec = slips.get(claim["source"])
            if rec:
                named.add(claim["source"])
                if rec["slipped"] in claim["quote"]:  # the claim is the slipped sentence
                    pinned.add(claim["source"])
    return {"conflicts": len(conflicts), "no_slip_side": no_slip_side,
            "no_slipped_claim": no_slipped_claim, "named": len(named),
            "pinned": len(pinned), "by_kind": by_kind}


def bench(size: int, keep: bool = False) -> dict:
    work = Path(tempfile.mkdtemp(prefix=f"checker-archive-{size}-"))
    try:
        sources = work / "sources"
        t = time.perf_counter()
        truth = generate(sources, size)
        words = sum(len(p.read_text(encoding="utf-8").split()) for p in sources.iterdir())
        log(f"{size}: generated {words:,} words in {time.perf_counter() - t:.1f} s; "
            f"{len(truth['copies'])} copies, {len(truth['slips'])} slipped reports")
        assert not (work / ".checker-cache").exists()
        cold = timed_check(sources)
        log(f"{size}: cold {cold[0]:.1f} s, {cold[1]:.0f} MB: {cold[2]}")
        warm = timed_check(sources)
        log(f"{size}: warm {warm[0]:.1f} s, {warm[1]:.0f} MB")
        # change one original report that carries no slip
        plain = next(p for p in sorted(sources.iterdir())
                     if p.stem not in truth["slips"] and p.stem not in truth["copies"])
        plain.write_text(plain.read_text(encoding="utf-8")
                         + "\nThe partnership will publish its annual review in the spring.\n", encoding="utf-8")
        changed = timed_check(sources)
        log(f"{size}: one changed {changed[0]:.1f} s, {changed[1]:.0f} MB")
        report_file = work / "report.json"
        timed_check(sources, "--format", "json", "--output", str(report_file))
        scored = score(json.loads(report_file.read_text(encoding="utf-8")), truth["slips"])
        log(f"{size}: {scored}")
        rate = extraction_rate(sources, sample=60)
        log(f"{size}: {rate:,.0f} words/s/core")
        return {"size": size, "words": words, "copies": len(truth["copies"]),
                "declared": len(truth["declared"]), "slips": len(truth["slips"]),
                "checkable": len(truth["checkable"]),
                "cold": cold, "warm": warm, "changed": changed, "rate": rate, **scored}
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)


def main(sizes: list[int]) -> None:
    print(f"{os.cpu_count()} cores; python {sys.version.split()[0]}")
    print(f"{'reports':>7} {'words':>10} {'copies':>7} {'cold s':>7} {'MB':>6} {'warm s':>7} {'MB':>6} "
          f"{'1 changed s':>11} {'MB':>6} {'words/s/core':>12} {'conflicts':>9} {'no slip side':>12} "
          f"{'no slipped claim':>16} {'slipped':>7} {'checkable':>9} {'named':>5} {'pinned':>6}", flush=True)
    for size in sizes:
        r = bench(size, keep=bool(os.environ.get("ARCHIVE_BENCH_KEEP")))
        print(f"{r['size']:>7} {r['words']:>10,} {r['copies']:>7} {r['cold'][0]:>7.1f} {r['cold'][1]:>6.0f} "
              f"{r['warm'][0]:>7.1f} {r['warm'][1]:>6.0f} {r['changed'][0]:>11.1f} {r['changed'][1]:>6.0f} "
              f"{r['rate']:>12,.0f} {r['conflicts']:>9} {r['no_slip_side']:>12} "
              f"{r['no_slipped_claim']:>16} {r['slips']:>7} {r['checkable']:>9} "
              f"{r['named']:>5} {r['pinned']:>6}   by kind: {r['by_kind']}", flush=True)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [2, 20, 200, 2000])
