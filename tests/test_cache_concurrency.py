"""The extraction cache shared by many workers at once (a process pool, or workers on
several machines sharing one cache folder): whole entries or misses, never part of one,
no entry lost, no temporary file left behind, and a damaged entry is a miss."""
from __future__ import annotations

import multiprocessing
import os
import threading
import traceback
from pathlib import Path

import pytest

from checker.cache import ExtractionCache
from checker.models import Extraction, Source, SourceMeta

WORDS = "test-words"  # stands for the lexicon fingerprint pipeline._prepare hashes
WRITERS, WRITES, SHARED, READERS = 4, 50, 10, 2


def _context():
    """fork where there is one (fast); spawn elsewhere (the children import this module)."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def source(name: str) -> Source:
    text = f"---\nid: {name}\n---\nThe story of {name}.\n"
    return Source(id=name, path=f"sources/{name}.md", meta=SourceMeta(id=name), text=text,
                  body_start=text.index("The"))


def value(name: str, writer: int) -> Extraction:
    """What `writer` writes for `name`: distinct per writer, and a few kB so that a write is
    not one block (a reader that could see part of an entry would have the chance to)."""
    return Extraction(claims=[], mentions=[], salient=[name, f"writer-{writer}"],
                      names=[f"{name}-{writer}-{i:04d}" for i in range(300)])


def shared_name(i: int) -> str:
    return f"shared-{i // 2 % SHARED}"


def own_name(writer: int, i: int) -> str:
    return f"own-{writer}-{i}"


def plan(writer: int) -> list[str]:
    """Each writer's WRITES keys: every other one shared by all writers, the rest its own."""
    return [shared_name(i) if i % 2 == 0 else own_name(writer, i) for i in range(WRITES)]


def allowed(name: str) -> list[Extraction]:
    if name.startswith("shared-"):
        return [value(name, w) for w in range(WRITERS)]
    writer = int(name.split("-")[1])
    return [value(name, writer)]


def all_names() -> list[str]:
    return sorted({name for w in range(WRITERS) for name in plan(w)})


def _writer(folder: str, writer: int, barrier, results) -> None:
    try:
        cache = ExtractionCache(Path(folder), WORDS)
        barrier.wait(timeout=30)
        for name in plan(writer):
            cache.put(source(name), value(name, writer))
        cache.put_run(f"run-{writer}", [], writer, writer)
        results.put(("ok", f"writer-{writer}", ""))
    except BaseException:
        results.put(("error", f"writer-{writer}", traceback.format_exc()))


def _reader(folder: str, reader: int, barrier, done, results) -> None:
    """Reads every key over and over while the writers write: each read a miss or a whole
    entry one writer wrote. Once the writers are done, one more pass must find them all."""
    try:
        cache = ExtractionCache(Path(folder), WORDS)
        names = all_names()
        expected = {name: allowed(name) for name in names}
        bad = []
        barrier.wait(timeout=30)
        finished = False
        while not finished:
            finished = done.wait(0)  # one whole pass after the writers are done
            for name in names:
                found = cache.get(source(name))
                if found is None:
                    if finished:
                        bad.append(f"{name}: missing after the writers were done")
                elif found not in expected[name]:
                    bad.append(f"{name}: read a value no writer wrote: {found.salient}")
            cache.get_run("run-0")
        results.put(("ok", f"reader-{reader}", "\n".join(bad[:10])))
    except BaseException:
        results.put(("error", f"reader-{reader}", traceback.format_exc()))


def temporary_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and not p.name.endswith(".json")]


@pytest.fixture
def shared_cache(shared) -> Path:
    return shared[0]


@pytest.fixture(scope="module")
def shared(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """A cache folder written by WRITERS processes (WRITES entries each, half the keys
    shared by all of them) while READERS processes read it, all starting at once; and what
    each reader found wrong ("" when nothing)."""
    folder = tmp_path_factory.mktemp("shared") / ".checker-cache"  # not made yet: a race too
    ctx = _context()
    barrier, done, results = ctx.Barrier(WRITERS + READERS), ctx.Event(), ctx.Queue()
    writers = [ctx.Process(target=_writer, args=(str(folder), w, barrier, results))
               for w in range(WRITERS)]
    readers = [ctx.Process(target=_reader, args=(str(folder), r, barrier, done, results))
               for r in range(READERS)]
    for process in writers + readers:
        process.start()
    outcomes = []
    try:
        for _ in writers:
            outcomes.append(results.get(timeout=60))
        done.set()
        for _ in readers:
            outcomes.append(results.get(timeout=60))
    finally:
        done.set()
        for process in writers + readers:
            process.join(timeout=30)
            if process.is_alive():
                process.kill()
    failures = [f"{who}:\n{detail}" for status, who, detail in outcomes
                if status != "ok" or not who.startswith("reader-") and detail]
    assert not failures, "\n\n".join(failures)
    assert all(process.exitcode == 0 for process in writers + readers)
    return folder, {who: detail for _, who, detail in outcomes if who.startswith("reader-")}


def test_concurrent_writers_lose_no_entry_and_each_is_one_writers_whole_value(shared_cache):
    cache = ExtractionCache(shared_cache, WORDS)
    for name in all_names():
        found = cache.get(source(name))
        assert found is not None, f"{name} was lost"
        assert found in allowed(name), f"{name} holds a value no writer wrote"
        assert found.names == value(name, int(found.salient[1].split("-")[1])).names  # not mixed
    assert cache.hits == len(all_names()) == SHARED + WRITERS * WRITES // 2 and cache.misses == 0


def test_concurrent_readers_saw_whole_entries_or_misses_and_finally_every_entry(shared):
    _, readers = shared
    assert sorted(readers) == [f"reader-{r}" for r in range(READERS)]
    assert all(bad == "" for bad in readers.values()), readers


def test_concurrent_writers_leave_no_temporary_file(shared_cache):
    assert temporary_files(shared_cache) == []
    entries = [p for p in shared_cache.rglob("*.json") if p.name != "last-run.json"]
    assert len(entries) == SHARED + WRITERS * WRITES // 2
    assert all(p.parent.parent == shared_cache and p.name.startswith(p.parent.name)
               for p in entries)


def test_the_last_run_written_by_concurrent_workers_is_one_of_theirs_whole(shared_cache):
    cache = ExtractionCache(shared_cache, WORDS)
    found = [w for w in range(WRITERS) if cache.get_run(f"run-{w}") is not None]
    assert len(found) == 1
    run = cache.get_run(f"run-{found[0]}")
    assert run.claims == run.topics == found[0] and run.conflicts == []


def test_threads_writing_one_key_at_once_leave_one_whole_entry(tmp_path):
    folder, name = tmp_path / ".checker-cache", "threaded"
    cache = ExtractionCache(folder, WORDS)
    start, errors = threading.Barrier(8), []

    def write(writer: int) -> None:
        try:
            start.wait(timeout=30)
            for _ in range(20):
                cache.put(source(name), value(name, writer))
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=write, args=(w,)) for w in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert cache.get(source(name)) in [value(name, w) for w in range(8)]
    assert temporary_files(folder) == []


def entry_path(cache: ExtractionCache, src: Source) -> Path:
    key = cache.key(src)
    return cache.folder / key[:2] / f"{key}.json"


@pytest.mark.parametrize("damage", ["truncated", "empty", "garbage", "wrong shape", "a folder"])
def test_a_damaged_entry_reads_as_a_miss(tmp_path, damage):
    cache = ExtractionCache(tmp_path / ".checker-cache", WORDS)
    src, whole = source("damaged"), value("damaged", 0)
    cache.put(src, whole)
    path = entry_path(cache, src)
    data = path.read_bytes()
    assert cache.get(src) == whole and cache.hits == 1
    if damage == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "empty":
        path.write_bytes(b"")
    elif damage == "garbage":
        path.write_bytes(b"\xff\xfe\x00not json at all")
    elif damage == "wrong shape":
        path.write_bytes(b'{"claims": "not a list", "extra": 1}')
    else:
        path.unlink()
        path.mkdir()
    assert cache.get(src) is None and cache.misses == 1
    if damage != "a folder":  # read again from the source and written over: whole once more
        cache.put(src, whole)
        assert cache.get(src) == whole and cache.hits == 2
        assert temporary_files(cache.folder) == []


def test_every_truncation_of_an_entry_reads_as_a_miss(tmp_path):
    cache = ExtractionCache(tmp_path / ".checker-cache", WORDS)
    src = source("cut")
    cache.put(src, value("cut", 1))
    path = entry_path(cache, src)
    data = path.read_bytes()
    for length in range(0, len(data), max(1, len(data) // 200)):
        path.write_bytes(data[:length])
        assert cache.get(src) is None, f"cut at {length} of {len(data)} bytes read as a hit"


def test_a_truncated_last_run_reads_as_none(tmp_path):
    cache = ExtractionCache(tmp_path / ".checker-cache", WORDS)
    cache.put_run("k", [], 3, 2)
    assert cache.get_run("k").claims == 3
    path = cache.folder / "last-run.json"
    path.write_bytes(path.read_bytes()[:10])
    assert cache.get_run("k") is None


def test_an_entry_the_system_will_not_let_us_read_is_a_miss(tmp_path, monkeypatch):
    """A folder it may not search, a file it may not open: a miss, never a crash. (Simulated:
    the tests run as root, who may read anything.)"""
    cache = ExtractionCache(tmp_path / ".checker-cache", WORDS)
    src = source("locked")
    cache.put(src, value("locked", 0))

    def refuse(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    monkeypatch.setattr(Path, "is_file", refuse)
    assert cache.get(src) is None and cache.misses == 1
