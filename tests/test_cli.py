"""The CLI contract: exit codes, error messages naming file and line, nothing written
half-way, byte-identical output."""
import json
import random

import pytest

from checker import pipeline, sources as sources_mod
from conftest import STORIES, run, write_source


def test_conflicts_found_exit_1_and_quote_each_side(story):
    root = story("bridge")
    result = run("check", "--sources", str(root / "sources"))
    assert result.exit_code == 1
    assert "April 2021" in result.stdout and "April 2022" in result.stdout
    assert "It was closed in April 2021 after cracks were found in the pedestals." in result.stdout


def test_no_conflicts_exit_0(story):
    root = story("station")
    result = run("check", "--sources", str(root / "sources"))
    assert result.exit_code == 0, result.stdout
    assert result.stdout.endswith("from 8 claims in 2 sources.\n")


@pytest.mark.parametrize("content, message", [
    ("---\ntitle: x\npublished: 2024-01-01\nbody never closes\n", "a.md:1: front matter opened with '---' is never closed"),
    ("---\ntitle: [unclosed\n---\nBody.\n", "a.md:3: invalid YAML"),
    ("---\ntitle: x\npublished: 2024-13-45\n---\nBody.\n", "a.md:3: published: '2024-13-45' is not a date"),
    ("---\ntitle: x\npublished: yesterday\n---\nBody.\n", "a.md:3: published: 'yesterday' is not a date"),
    ("---\ntitle: x\nkind: blog\n---\nBody.\n", "a.md:3: kind: Input should be"),
    ("---\ntitle: x\nsection: news\n---\nBody.\n", "a.md:3: section: Extra inputs are not permitted"),
    ("", "a.md:1: empty source file"),
    ("   \n\n", "a.md:1: empty source file"),
    ("---\ntitle: x\n---\n\n", "a.md:4: source has front matter but no text"),
])
def test_malformed_sources_exit_2_naming_file_and_line(project, content, message):
    (project / "sources" / "a.md").write_text(content, encoding="utf-8")
    result = run("check", "--sources", str(project / "sources"))
    assert result.exit_code == 2
    assert message in result.stderr


def test_non_utf8_source_names_file_and_line(project):
    (project / "sources" / "a.txt").write_bytes(b"---\ntitle: x\n---\nCaf\xe9 society.\n")
    result = run("check", "--sources", str(project / "sources"))
    assert result.exit_code == 2
    assert "a.txt:4: not UTF-8 text" in result.stderr


def test_duplicate_ids_are_refused(project):
    write_source(project / "sources", "a.md", "Text.", id="same")
    write_source(project / "sources", "b.md", "Text.", id="same")
    result = run("check", "--sources", str(project / "sources"))
    assert result.exit_code == 2
    assert "b.md: id 'same' is already used by sources/a.md" in result.stderr


@pytest.mark.parametrize("args, message", [
    (["check", "--sources", "no-such-folder"], "sources folder not found"),
    (["check", "--format", "yaml"], "Invalid value for '--format'"),
    (["frobnicate"], "No such command"),
])
def test_usage_errors_exit_2(project, monkeypatch, args, message):
    monkeypatch.chdir(project)
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_a_crash_exits_2_not_1(project, monkeypatch):
    write_source(project / "sources", "a.md", "Text.")

    def boom(*a, **k):
        raise RuntimeError("disk on fire")
    monkeypatch.setattr(pipeline, "run", boom)
    result = run("check", "--sources", str(project / "sources"))
    assert result.exit_code == 2
    assert "internal error: RuntimeError: disk on fire" in result.stderr


def test_source_without_front_matter_is_read_with_a_warning(project):
    (project / "sources" / "plain.txt").write_text("Hammerton Bridge was closed in April 2022.\n", encoding="utf-8")
    result = run("check", "--sources", str(project / "sources"))
    assert result.exit_code == 0
    assert "plain.txt: no front matter; relative dates cannot be resolved" in result.stderr


def test_nothing_is_written_when_a_source_is_bad(story):
    root = story("bridge")
    (root / "sources" / "zz-bad.md").write_text("---\npublished: 2024-02-30\n---\nText.\n", encoding="utf-8")
    assert run("report", "--sources", str(root / "sources")).exit_code == 2
    assert run("extract", "--sources", str(root / "sources")).exit_code == 2
    assert not (root / "reports").exists() and not (root / "claims").exists()


def test_report_writes_its_files(story):
    root = story("bridge")
    result = run("report", "--sources", str(root / "sources"))
    assert result.exit_code == 0
    assert sorted(p.name for p in (root / "reports").iterdir()) == ["conflicts.csv", "report.html", "report.json", "report.md"]
    csv_lines = (root / "reports" / "conflicts.csv").read_text().splitlines()
    assert csv_lines[0].startswith("conflict_id,topic,kind,severity")
    assert len(csv_lines) == 4  # one row per side: three sources in the one conflict
    assert "It was closed in April 2021" in (root / "reports" / "report.md").read_text()


def test_json_is_byte_identical_across_runs_and_output_file(story):
    root = story("jobs")
    first = run("check", "--sources", str(root / "sources"), "--format", "json")
    second = run("check", "--sources", str(root / "sources"), "--format", "json",
                 "--output", str(root / "out.json"))
    assert first.exit_code == second.exit_code == 1
    assert first.stdout == (root / "out.json").read_text(encoding="utf-8")
    data = json.loads(first.stdout)
    assert set(data) == {"version", "sources", "conflicts", "summary"}
    claim = data["conflicts"][0]["claims"][0]
    text = (root / claim["source"].join(["sources/", ".md"])).read_text(encoding="utf-8")
    assert text[claim["start"]:claim["end"]] == claim["raw"]
    assert text.splitlines()[claim["line"] - 1].find(claim["raw"]) >= 0


@pytest.mark.parametrize("name", ["bridge", "transfer", "jobs"])
def test_report_does_not_depend_on_the_order_sources_are_listed(monkeypatch, name):
    folder = STORIES / name / "sources"
    expected = pipeline.report(pipeline.run(pipeline.Project(folder))).model_dump_json()
    real = sources_mod.read_sources
    for seed in range(3):
        def shuffled(path, seed=seed):
            items = real(path)
            random.Random(seed).shuffle(items)
            return items
        monkeypatch.setattr(pipeline, "read_sources", shuffled)
        assert pipeline.report(pipeline.run(pipeline.Project(folder))).model_dump_json() == expected


def test_version_and_help(project):
    assert run("--version").stdout.startswith("checker, version ")
    assert "check" in run("--help").stdout
