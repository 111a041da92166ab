"""Benchmark: python tests/benchmarks/verdicts_bench.py [ENTRIES]   (default: 10000)

A project of the bridge story (tests/stories/bridge) with a verdicts.yaml of ENTRIES
verdicts, all on conflicts that no longer exist (as a long-lived project gathers).
Reports the seconds of reading and of recording one verdict in the library, and of
`checker check` and `checker resolve` as a user runs them (the extraction cache warm,
so the times are the verdicts' own), and how many lines `check` prints on standard
error. Not collected by pytest.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ruamel.yaml.comments import CommentedMap

from checker import verdicts, yamlio

STORY = Path(__file__).parents[1] / "stories" / "bridge" / "sources"


def write_verdicts(path: Path, entries: int) -> None:
    doc = CommentedMap(version=1)
    doc.yaml_set_start_comment(verdicts.VERDICTS_HEADER)
    doc["verdicts"] = CommentedMap()
    for i in range(entries):
        conflict_id = hashlib.sha256(str(i).encode()).hexdigest()[:12]
        doc["verdicts"][conflict_id] = verdicts._entry(verdicts.Verdict(
            verdict="confirmed", note=f"checked with the council on call {i}: they say 12 March",
            by="Ann", at="2026-11-23", correct="gazette", value="12 March 2024",
            topic=f"Hammerton Bridge: date of opening {i}"))
    path.write_text(yamlio.dumps(doc), encoding="utf-8")


def timed(*args: str) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "checker", *args], capture_output=True, text=True,
                          env={**os.environ, "CHECKER_EDITOR": "Bench"})
    return time.perf_counter() - start, done


def main(entries: int) -> None:
    work = Path(tempfile.mkdtemp(prefix="checker-verdicts-bench-"))
    try:
        shutil.copytree(STORY, work / "sources")
        sources = str(work / "sources")
        bare, _ = timed("check", "--sources", sources, "--fail-on", "none")  # warms the cache
        bare, _ = timed("check", "--sources", sources, "--fail-on", "none")
        path = work / "verdicts.yaml"
        write_verdicts(path, entries)
        print(f"{entries} verdicts, {path.stat().st_size / 1e6:.1f} MB")

        start = time.perf_counter()
        loaded = verdicts.load_verdicts(path)
        print(f"load_verdicts: {time.perf_counter() - start:.2f} s ({len(loaded.verdicts)} entries)")
        start = time.perf_counter()
        verdicts.record(path, "ffffffffffff", verdicts.Verdict(verdict="accepted", note="x", by="Ann"))
        print(f"record one (new): {time.perf_counter() - start:.2f} s")
        start = time.perf_counter()
        verdicts.record(path, "ffffffffffff", verdicts.Verdict(verdict="confirmed", note="y", by="Bob"),
                        force=True)
        print(f"record one (replacing, into history): {time.perf_counter() - start:.2f} s")

        seconds, done = timed("check", "--sources", sources, "--fail-on", "none")
        print(f"checker check: {seconds:.2f} s (without verdicts {bare:.2f} s), exit {done.returncode}, "
              f"{len(done.stderr.splitlines())} lines on stderr")
        _, listed = timed("check", "--sources", sources, "--format", "json", "--fail-on", "none")
        (conflict,) = json.loads(listed.stdout)["conflicts"]
        seconds, done = timed("resolve", conflict["id"], "--sources", sources, "--verdict", "accepted",
                              "--note", "benchmark")
        print(f"checker resolve: {seconds:.2f} s, exit {done.returncode}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main(int(sys.argv[1]) if sys.argv[1:] else 10_000)
