"""The Dask engine (`--engine dask`): on a cluster of two worker processes, `check` and
`report` give byte for byte what the local engine gives, the workers extract and fill the
cache, and every failure (no Dask, no scheduler, a worker that cannot do its part) is exit 2
with a message that says what to do."""
from __future__ import annotations

import logging
import shutil
import socket
import sys
from pathlib import Path

import pytest
from distributed import LocalCluster

from checker import dask_engine
from checker.cache import ExtractionCache
from checker.errors import CheckerError
from checker.lexicon import load_lexicon
from checker.sources import read_sources
from conftest import STORIES, TESTS, run

CORPORA = {p.name: p / "sources" for p in sorted(STORIES.iterdir()) if (p / "sources").is_dir()}
CORPORA["bundled"] = TESTS.parent / "sources"
REPORTS = ["conflicts.csv", "report.html", "report.json", "report.md"]


@pytest.fixture(scope="module")
def scheduler():
    """One cluster for the module: two worker processes of one thread, as on a real cluster."""
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                      silence_logs=logging.ERROR) as cluster:
        yield cluster.scheduler_address


def copied(tmp_path: Path, name: str) -> Path:
    shutil.copytree(CORPORA[name], tmp_path / "sources")
    return tmp_path / "sources"


def cache_entries(sources: Path) -> list[Path]:
    return [p for p in (sources.parent / ".checker-cache").glob("*/*.json")]


@pytest.mark.parametrize("name", sorted(CORPORA))
def test_check_json_is_the_local_engines(name, tmp_path, scheduler, monkeypatch):
    sources = copied(tmp_path, name)
    remote = run("check", "--sources", str(sources), "--format", "json", "--engine", "dask",
                 "--scheduler", scheduler)
    # the workers read and extracted every source, and wrote its cache entry
    assert len(cache_entries(sources)) == len(list(sources.iterdir()))
    monkeypatch.setenv("CHECKER_NO_CACHE", "1")  # the local engine extracts it all afresh
    local = run("check", "--sources", str(sources), "--format", "json")
    assert remote.exit_code == local.exit_code
    assert '"conflicts": [' in local.stdout
    assert remote.stdout == local.stdout


@pytest.mark.parametrize("name", ["bundled", "transfer"])
def test_reports_are_the_local_engines(name, tmp_path, scheduler, monkeypatch):
    sources = copied(tmp_path, name)
    out = tmp_path / "out"
    assert run("report", "--sources", str(sources), "--out", str(out / "dask"),
               "--engine", "dask", "--scheduler", scheduler).exit_code == 0
    # the local engine from the entries the workers wrote, and from nothing
    assert run("report", "--sources", str(sources), "--out", str(out / "warm")).exit_code == 0
    monkeypatch.setenv("CHECKER_NO_CACHE", "1")
    assert run("report", "--sources", str(sources), "--out", str(out / "cold")).exit_code == 0
    for report in REPORTS:
        dask = (out / "dask" / report).read_bytes()
        assert dask == (out / "warm" / report).read_bytes(), report
        assert dask == (out / "cold" / report).read_bytes(), report


def test_without_a_scheduler_a_cluster_starts_on_this_machine(tmp_path, monkeypatch):
    sources = copied(tmp_path, "station")
    remote = run("check", "--sources", str(sources), "--format", "json", "--engine", "dask")
    monkeypatch.setenv("CHECKER_NO_CACHE", "1")
    local = run("check", "--sources", str(sources), "--format", "json")
    assert (remote.exit_code, remote.stdout) == (local.exit_code, local.stdout)


@pytest.mark.parametrize("command", ["check", "report"])
def test_without_dask_exit_2_says_what_to_install(command, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # `import distributed` fails
    result = run(command, "--sources", str(copied(tmp_path, "station")), "--engine", "dask")
    assert result.exit_code == 2
    assert result.stderr == ("checker: error: --engine dask needs Dask, which is not installed: "
                             "pip install 'checker[dask]'\n")
    assert not (tmp_path / "reports").exists()


def test_scheduler_without_the_dask_engine_is_a_usage_error(tmp_path):
    result = run("check", "--sources", str(copied(tmp_path, "station")), "--scheduler", "tcp://x:1")
    assert result.exit_code == 2
    assert result.stderr == ("checker: error: --scheduler is for --engine dask: add --engine dask, "
                             "or leave it out\n")


def test_a_scheduler_not_there_is_exit_2(tmp_path, monkeypatch):
    monkeypatch.setattr(dask_engine, "CONNECT_TIMEOUT", 1)
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = run("check", "--sources", str(copied(tmp_path, "station")), "--engine", "dask",
                 "--scheduler", f"tcp://127.0.0.1:{port}")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"checker: error: cannot reach the Dask scheduler at tcp://127.0.0.1:{port} (")
    assert "start one with `dask scheduler`" in result.stderr


def test_a_workers_error_reaches_the_user_as_exit_2(tmp_path, scheduler, monkeypatch):
    """The workers (other processes) check the client's code fingerprint against theirs."""
    monkeypatch.setattr(dask_engine, "code_fingerprint", lambda: "another-version")
    result = run("check", "--sources", str(copied(tmp_path, "station")), "--engine", "dask",
                 "--scheduler", scheduler)
    assert result.exit_code == 2
    assert "checker: error: a Dask worker runs another version of checker than this client" in result.stderr
    assert "install the same checker on every worker" in result.stderr


def _task(sources: Path) -> tuple[dask_engine._Extract, list, object]:
    """A worker's extraction task, run here: a batch naming every source of the folder."""
    lex = load_lexicon(sources.parent / "lexicon")
    cache = ExtractionCache(None, "words")
    batch = dask_engine._Batch([(Path(s.path).name, s.id, cache.key(s)) for s in read_sources(sources)])
    task = dask_engine._Extract(dask_engine._Job("token", dask_engine.code_fingerprint()),
                                str(sources), cache)
    return task, batch, lex


def test_a_worker_that_cannot_read_the_sources_folder_says_it_must_be_shared(tmp_path):
    task, batch, lex = _task(copied(tmp_path, "station"))
    task.folder = str(tmp_path / "elsewhere" / "sources")
    with pytest.raises(CheckerError, match="every worker needs the sources folder at the same "
                                           "path as this client"):
        task(batch, lex)


def test_a_source_changed_after_the_client_read_it_is_refused(tmp_path):
    sources = copied(tmp_path, "station")
    task, batch, lex = _task(sources)
    assert [sid for sid, _ in task(batch, lex)] == [sid for _, sid, _ in batch.items]
    changed = sources / batch.items[0][0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    with pytest.raises(CheckerError, match="changed while checker was reading it"):
        task(batch, lex)
