"""Limits on what one source may cost: a size above which it is refused (exit 2, naming
the file, its size and how to raise the limit), progress within a large one, and
`checker add` refusing a web address it would have mangled into a path."""
import hashlib
import json
from pathlib import Path

import pytest

from checker import pipeline
from checker.extract import Extractor
from checker.lexicon import load_lexicon
from checker.sources import read_sources
from conftest import run, write_source

SENTENCE = "The council reopened Kelmford Bridge on 12 March 2024 after repairs costing £4 million."


def hashes(root: Path) -> dict[str, str]:
    """Every file checker writes beside the sources, by content."""
    out = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and (path.name == "verdicts.yaml" or {"claims", "reports", "sources"} &
                               set(path.relative_to(root).parts)):
            out[str(path.relative_to(root))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


@pytest.fixture
def checked(project):
    """A project with claims, reports and a verdict already written."""
    write_source(project / "sources", "ledger.md", SENTENCE, outlet="Ledger")
    write_source(project / "sources", "post.md", SENTENCE.replace("12 March", "19 March"), outlet="Post")
    sources = str(project / "sources")
    assert run("extract", "--sources", sources).exit_code == 0
    assert run("report", "--sources", sources).exit_code == 0
    listed = run("check", "--sources", sources, "--format", "json", "--fail-on", "none")
    (conflict,) = json.loads(listed.stdout)["conflicts"]
    conflict_id = conflict["id"]
    assert run("resolve", conflict_id, "--sources", sources, "--verdict", "accepted", "--note", "ok").exit_code == 0
    return project


@pytest.mark.parametrize("command", ["check", "report", "extract"])
def test_a_source_over_the_limit_exits_2_naming_file_size_and_how_to_raise_it(checked, monkeypatch, command):
    monkeypatch.setenv("CHECKER_MAX_SOURCE_MB", "0.002")  # 2,000 bytes
    write_source(checked / "sources", "huge.md", " ".join([SENTENCE] * 40), outlet="Huge")
    before = hashes(checked)
    result = run(command, "--sources", str(checked / "sources"))
    assert result.exit_code == 2
    size = (checked / "sources" / "huge.md").stat().st_size / 1e6
    assert (f"checker: error: sources/huge.md: this source is {size:.3g} MB, more than the 0.002 MB "
            "checker reads from one source") in result.stderr
    assert "CHECKER_MAX_SOURCE_MB" in result.stderr
    assert hashes(checked) == before  # nothing written


def test_the_default_limit_is_10_mb_and_the_message_gives_a_limit_that_would_do(project, monkeypatch):
    monkeypatch.delenv("CHECKER_MAX_SOURCE_MB", raising=False)
    path = write_source(project / "sources", "huge.md", "x")
    with path.open("r+b") as handle:  # 12.5 MB on disk without writing it: the size alone refuses it
        handle.truncate(12_500_000)
    result = run("check", "--sources", str(project / "sources"))
    assert result.exit_code == 2
    assert ("sources/huge.md: this source is 12.5 MB, more than the 10 MB checker reads from one "
            "source") in result.stderr
    assert "CHECKER_MAX_SOURCE_MB=13" in result.stderr


def test_raising_the_limit_reads_the_source(project, monkeypatch):
    write_source(project / "sources", "long.md", " ".join([SENTENCE] * 40))
    monkeypatch.setenv("CHECKER_MAX_SOURCE_MB", "0.002")
    assert run("check", "--sources", str(project / "sources")).exit_code == 2
    monkeypatch.setenv("CHECKER_MAX_SOURCE_MB", "1")
    assert run("check", "--sources", str(project / "sources")).exit_code == 0


@pytest.mark.parametrize("value", ["ten", "0", "-5", "nan", "inf", "1e400"])
def test_a_bad_limit_exits_2_saying_what_to_give(project, monkeypatch, value):
    write_source(project / "sources", "a.md", SENTENCE)
    monkeypatch.setenv("CHECKER_MAX_SOURCE_MB", value)
    result = run("check", "--sources", str(project / "sources"))
    assert result.exit_code == 2
    assert f"CHECKER_MAX_SOURCE_MB={value!r} is not a size in MB" in result.stderr


def test_add_refuses_a_text_over_the_limit_and_writes_nothing(project, monkeypatch, tmp_path):
    monkeypatch.setenv("CHECKER_MAX_SOURCE_MB", "0.002")
    article = tmp_path / "long.txt"
    article.write_text(" ".join([SENTENCE] * 40))
    result = run("add", str(article), "--sources", str(project / "sources"), "--outlet", "Ledger")
    assert result.exit_code == 2
    assert f"{article}: its text is" in result.stderr and "CHECKER_MAX_SOURCE_MB" in result.stderr
    assert list((project / "sources").iterdir()) == []


# -- progress within a large source -------------------------------------------------

def long_source(project: Path) -> None:
    write_source(project / "sources", "long.md",
                 "\n\n".join(f"Paragraph {i}: {SENTENCE}" for i in range(30)))


def test_a_large_source_reports_each_tenth_read(project, monkeypatch):
    monkeypatch.setattr(pipeline, "LARGE_SOURCE", 1000)
    long_source(project)
    heard = []
    result = pipeline.run(pipeline.Project(project / "sources"), full=True,
                          within=lambda source, percent: heard.append((source.id, percent)))
    assert heard == [("long", p) for p in range(10, 101, 10)]
    # and what is read is what is read without listening
    (source,) = read_sources(project / "sources")
    plain = Extractor(load_lexicon()).extract(source)
    assert [c.id for c in result.claims] == [c.id for c in plain.claims]


def test_a_small_source_reports_nothing_within(project, monkeypatch):
    long_source(project)
    heard = []
    pipeline.extract_sources(read_sources(project / "sources"), load_lexicon(),
                             within=lambda source, percent: heard.append(percent))
    assert heard == []  # 30 paragraphs are far below LARGE_SOURCE


# -- checker add and web addresses ---------------------------------------------------

@pytest.mark.parametrize("address", ["https://news.example/2024/03/bridge-reopens.html",
                                     "http://news.example/a", "HTTPS://NEWS.EXAMPLE/A",
                                     "www.news.example/a"])
def test_add_refuses_a_web_address_saying_to_download_it_first(project, address):
    write_source(project / "sources", "a.md", SENTENCE)
    before = hashes(project)
    result = run("add", address, "--sources", str(project / "sources"))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"checker: error: {address}: checker add reads files")
    assert "download the page first" in result.stderr and f"curl -L -o page.html '{address}'" in result.stderr
    assert "https:/news" not in result.stderr  # never the address folded into a path
    assert hashes(project) == before


def test_add_refuses_a_web_address_among_files_and_adds_none(project, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(SENTENCE)
    result = run("add", str(article), "https://news.example/b", "--sources", str(project / "sources"))
    assert result.exit_code == 2
    assert list((project / "sources").iterdir()) == []
