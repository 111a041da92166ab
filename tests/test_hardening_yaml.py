"""YAML alias bombs are refused, and atomic writes give files the mode open() would
and clear temporary files a killed writer left."""
import os
import stat
import time

import pytest

from checker import yamlio
from checker.errors import CheckerError
from conftest import run, write_source

BOMB = "\n".join(['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'] +
                 [f"{n}: &{n} [*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p}]"
                  for p, n in zip("abcdefgh", "bcdefghi")]) + "\n"


def test_alias_bomb_in_front_matter_exits_2_quickly_naming_file_and_line(project):
    (project / "sources" / "a.md").write_text(f"---\ntitle: x\n{BOMB}---\nBody.\n")
    started = time.monotonic()
    result = run("check", "--sources", str(project / "sources"))
    assert time.monotonic() - started < 5
    assert result.exit_code == 2
    assert "sources/a.md:3: invalid YAML: anchors and aliases (&name, *name) are not allowed" in result.stderr


@pytest.mark.parametrize("name", ["verdicts.yaml", "baseline.yaml"])
def test_alias_bomb_in_verdicts_or_baseline_exits_2(project, name):
    write_source(project / "sources", "a.md", "Text.")
    (project / name).write_text("version: 1\n" + BOMB)
    result = run("check", "--sources", str(project / "sources"))
    assert result.exit_code == 2
    assert f"{name}:2: invalid YAML: anchors and aliases" in result.stderr


def test_alias_bomb_in_a_claims_file_exits_2(project):
    write_source(project / "sources", "a.md", "Text.")
    (project / "claims").mkdir()
    (project / "claims" / "a.yaml").write_text("source: a\nclaims: []\n" + BOMB)
    result = run("check", "--sources", str(project / "sources"))
    assert result.exit_code == 2
    assert "claims/a.yaml:3: invalid YAML: anchors and aliases" in result.stderr


def test_a_single_alias_is_refused_too():
    with pytest.raises(CheckerError, match="x.yaml:2: invalid YAML: anchors"):
        yamlio.parse("a: 1\nb: &x 2\nc: *x\n", "x.yaml")


@pytest.mark.parametrize("text", ["id: ;:\n", "id: \U00016a60\n", "id: =\n"])
def test_fast_path_reads_what_yaml_reads_on_found_examples(text):
    """Examples hypothesis found: YAML reads them otherwise, or not at all."""
    fast = yamlio.parse_simple_mapping(text)
    try:
        slow = yamlio.plain(yamlio.parse(text, "x"))
    except CheckerError:
        slow = None
    assert fast is None or fast == slow


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_atomic_writes_respect_the_umask(tmp_path, umask_022):
    target = tmp_path / "verdicts.yaml"
    yamlio.write_atomic(target, "version: 1\n")
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    os.umask(0o027)
    yamlio.write_atomic(target, "version: 1\n")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_reports_are_written_with_the_umask(project, umask_022):
    write_source(project / "sources", "a.md", "Text.")
    assert run("report", "--sources", str(project / "sources")).exit_code == 0
    for name in ("report.md", "report.html", "report.json", "conflicts.csv"):
        assert stat.S_IMODE((project / "reports" / name).stat().st_mode) == 0o644, name


def test_stale_temporary_files_are_removed_on_the_next_write(tmp_path):
    target = tmp_path / "verdicts.yaml"
    stale, fresh = tmp_path / ".verdicts.yaml.k1ll3d_x.tmp", tmp_path / ".verdicts.yaml.inflight.tmp"
    other = tmp_path / ".baseline.yaml.k1ll3d_x.tmp"
    for path in (stale, fresh, other):
        path.write_text("half")
    old = time.time() - 3600
    for path in (stale, other):
        os.utime(path, (old, old))
    yamlio.write_atomic(target, "version: 1\n")
    assert not stale.exists()
    assert fresh.exists()  # may be another writer's, still writing
    assert other.exists()  # another file's
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [".baseline.yaml.k1ll3d_x.tmp", ".verdicts.yaml.inflight.tmp", "verdicts.yaml"])


def test_gitignore_covers_temporary_files():
    from pathlib import Path
    patterns = (Path(__file__).parent.parent / ".gitignore").read_text().split()
    assert ".*.tmp" in patterns
