"""The Dask engine: extraction and comparison on a Dask cluster (dask.distributed).

`checker check --engine dask [--scheduler ADDRESS]` (and `report`) hand pipeline.run this
engine (the `pipeline.Engine` seam). The client (the `checker` process) reads and checks
every source as the local engine does: bad input exits 2 before anything is written, the
aliases the sources define are learnt from all of them, and the cache is looked up. Then:

- Extraction: the sources the cache missed go to the workers as file names, in batches.
  A worker reads each file from the sources folder itself (the same path on every worker:
  on a cluster, a shared file system), checks that it is the text the client read (the
  same cache key), extracts it, writes its cache entry (the cache is safe for many
  writers), and sends back the `Extraction`. Source texts never travel to the workers.
- Comparison: the client cuts the mentions into stories (`align.stories`) and takes the
  conflicts of unchanged stories from the cache, as the local engine does; the other
  stories go to the workers in batches, with their sources' metadata (not their texts:
  `Aligner.compare` reads the dates, outlets, kinds and copies, and the tests compare
  every output byte for byte); a worker compares each story (`Aligner.compare`), and the
  client puts the conflicts back in story order and caches them.

Everything else (claims, merge, verdicts, order) is pipeline.run's, shared with the local
engine, so the output is byte-identical. Batches are submitted a few per worker at a
time, so neither the client nor the workers hold every batch at once. Worker functions
are module-level and import nothing of Dask: a worker needs checker installed, the same
version as the client (checked). Dask itself is imported only when an engine starts.
"""
from __future__ import annotations

import copy
import hashlib
import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Callable, Iterator

from .align import Aligner, Story
from .cache import ExtractionCache, code_fingerprint
from .errors import CheckerError
from .extract import Extractor
from .lexicon import Lexicon
from .models import Conflict, Extraction, Source
from .sources import read_source
from .words import Concepts

INSTALL = "pip install 'checker[dask]'"
EXTRACT_BATCH = 100  # sources per extraction task, at most
COMPARE_BATCH = 5_000  # mentions per comparison task, about (a larger story is one task)
IN_FLIGHT = 4  # tasks submitted per worker thread before the first comes back
CONNECT_TIMEOUT = 10  # seconds to reach a scheduler, and for it to have a worker


def _distributed():
    try:
        import distributed
    except ImportError:
        raise CheckerError(f"--engine dask needs Dask, which is not installed: {INSTALL}") from None
    return distributed


def local_cluster(workers: int):
    """A cluster on this machine: `workers` processes of one thread (extraction and
    comparison are pure Python: threads would share one core), quiet, with a dashboard on
    any free port, and without Dask's profiler, which samples every task's stack and cost
    15% of the workers' time here (`DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED=False` does
    the same for `dask worker`)."""
    distributed = _distributed()
    import dask

    with dask.config.set({"distributed.worker.profile.enabled": False}):
        return distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                        dashboard_address=":0", silence_logs=logging.ERROR)


class DaskEngine:
    """A client of a Dask cluster: the scheduler at `scheduler`, else a cluster of
    `workers` processes (default: one per core) started on this machine. Use it as a
    context manager; leaving it closes the client and any cluster it started."""

    def __init__(self, scheduler: str | None = None, workers: int | None = None):
        self.scheduler, self.workers = scheduler, workers
        self.client = self.cluster = None

    def __enter__(self) -> DaskEngine:
        distributed = _distributed()
        if self.scheduler is None:
            self.cluster = local_cluster(self.workers or os.cpu_count() or 1)
            self.client = distributed.Client(self.cluster)
            return self
        try:
            self.client = distributed.Client(self.scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError, ValueError) as exc:
            raise CheckerError(f"cannot reach the Dask scheduler at {self.scheduler} ({exc}); start one "
                               "with `dask scheduler` and give its address, e.g. tcp://host:8786") from None
        try:
            self.client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
        except TimeoutError:
            self.close()
            raise CheckerError(f"the Dask scheduler at {self.scheduler} has no workers; start some with "
                               f"`dask worker {self.scheduler} --nthreads 1`") from None
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()
        self.client = self.cluster = None

    # -- the pipeline.Engine seam -------------------------------------------------------
    def extract(self, todo: list[Source], folder: Path, lex: Lexicon,
                cache: ExtractionCache) -> Iterator[tuple[str, Extraction]]:
        shipped = copy.copy(cache)  # its key's salt, and the folder as every worker sees it
        shipped.folder = cache.folder.resolve() if cache.folder is not None else None
        files = [(PurePosixPath(s.path).name, s.id, cache.key(s)) for s in todo]
        size = max(1, min(EXTRACT_BATCH, len(files) // (self._threads() * 8)))
        batches = [files[i:i + size] for i in range(0, len(files), size)]
        task = _Extract(_Job(_token(lex), code_fingerprint()), str(folder.resolve()), shipped)
        for _, extracted in self._stream(task, batches, lex):
            yield from extracted

    def compare(self, lex: Lexicon, units: list[tuple[Story, list[Source]]]) -> Iterator[list[Conflict]]:
        batches: list[list[tuple[Story, list[Source]]]] = []
        held = 0
        for unit, sources in units:
            if not batches or (held and held + len(unit.mentions) > COMPARE_BATCH):
                batches.append([])
                held = 0
            # Aligner.compare reads the sources' metadata (dates, outlets, kinds, copies),
            # not their texts: the texts stay with the client
            batches[-1].append((unit, [s.model_copy(update={"text": ""}) for s in sources]))
            held += len(unit.mentions)
        task = _Compare(_Job(_token(lex), code_fingerprint()))
        found: dict[int, list[list[Conflict]]] = {}
        for i, result in self._stream(task, batches, lex, scatter=True):
            found[i] = result
        for i in range(len(batches)):  # in the stories' order
            yield from found.pop(i)

    # -- running tasks ----------------------------------------------------------------
    def _threads(self) -> int:
        return max(1, sum(self.client.nthreads().values()))

    def _stream(self, task: Callable, batches: list, lex: Lexicon,
                scatter: bool = False) -> Iterator[tuple[int, object]]:
        """(index, result) of `task(batch, lex)` over each batch, as they finish, with at
        most IN_FLIGHT tasks per worker thread submitted at once. The word lists go once
        to every worker; `scatter` sends each batch straight to a worker (large batches),
        rather than through the scheduler."""
        distributed = _distributed()
        words = self.client.scatter(lex, broadcast=True, hash=False)
        queue = iter(enumerate(batches))
        running: dict[str, tuple[int, object]] = {}  # future key → (batch index, future)
        done = distributed.as_completed()

        def submit() -> None:
            for i, batch in queue:
                data = self.client.scatter(_Batch(batch), hash=False) if scatter else _Batch(batch)
                future = self.client.submit(task, data, words, pure=False)
                running[future.key] = (i, future)
                done.add(future)
                return

        for _ in range(self._threads() * IN_FLIGHT):
            submit()
        try:
            for future in done:
                result = future.result()  # a worker's error (CheckerError included) is raised here
                i, _ = running.pop(future.key)
                submit()
                yield i, result
        finally:
            if running:  # an error, or the caller stopped early: nothing is left running
                self.client.cancel([f for _, f in running.values()])


@dataclass
class _Batch:
    """A list sent as one piece (Dask's scatter would send a bare list item by item)."""
    items: list


@dataclass
class _Job:
    """What every task of one run needs besides its batch and the word lists: a token
    naming the word lists, and the client's code fingerprint."""
    token: str
    code: str


def _token(lex: Lexicon) -> str:
    return hashlib.sha256(lex.model_dump_json().encode()).hexdigest()[:16]


# -- on the workers ------------------------------------------------------------------------
_local = threading.local()  # per worker thread: the tools built for the latest word lists


def _tool(kind: str, job: _Job, lex: Lexicon, build: Callable):
    if job.code != code_fingerprint():
        raise CheckerError(f"a Dask worker runs another version of checker than this client (code "
                           f"{code_fingerprint()}, the client's {job.code}): install the same checker "
                           "on every worker")
    held = getattr(_local, kind, None)
    if held is None or held[0] != job.token:
        held = (job.token, build(lex))
        setattr(_local, kind, held)
    return held[1]


class _Extract:
    """Reads and extracts a batch of files: (id, Extraction) for each, its cache entry written."""

    def __init__(self, job: _Job, folder: str, cache: ExtractionCache):
        self.job, self.folder, self.cache = job, folder, cache

    def __call__(self, batch: _Batch, lex: Lexicon) -> list[tuple[str, Extraction]]:
        extractor = _tool("extractor", self.job, lex, Extractor)
        out = []
        for name, source_id, key in batch.items:
            path = Path(self.folder) / name
            display = f"{Path(self.folder).name}/{name}"
            try:
                source = read_source(path, display)
            except FileNotFoundError:
                raise CheckerError(f"a Dask worker cannot read {path}: every worker needs the sources "
                                   "folder at the same path as this client (a shared file system)") from None
            if source.id != source_id or self.cache.key(source) != key:
                raise CheckerError("changed while checker was reading it; run checker again", display)
            extraction = extractor.extract(source)
            self.cache.put(source, extraction)
            out.append((source_id, extraction))
        return out


class _Compare:
    """Compares a batch of stories: the conflicts of each story, in the batch's order."""

    def __init__(self, job: _Job):
        self.job = job

    def __call__(self, batch: _Batch, lex: Lexicon) -> list[list[Conflict]]:
        aligner = _tool("aligner", self.job, lex, lambda words: Aligner(Concepts(words)))
        return [aligner.compare(unit, sources) for unit, sources in batch.items]

