"""Shared helpers: tiny projects on disk, and the CLI run the way a user runs it."""
from __future__ import annotations

import os
import shutil
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import settings


from checker.cli import cli

# CI runs the same examples every time: a red build must be reproducible.
settings.register_profile("ci", derandomize=True, deadline=None)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

TESTS = Path(__file__).parent
STORIES = TESTS / "stories"


def write_source(folder: Path, name: str, body: str, **meta) -> Path:
    """A source file with front matter from keyword arguments (published defaults to a day)."""
    meta.setdefault("published", "2024-03-14")
    meta.setdefault("outlet", name.split(".")[0].title())
    lines = ["---", *(f"{k}: {v}" for k, v in meta.items()), "---", textwrap.dedent(body).strip(), ""]
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def editor(monkeypatch):
    """Verdicts need an editor's name: tests must not depend on the machine's git identity
    (a fresh CI machine has none). Tests of the identity rule clear it themselves."""
    monkeypatch.setenv("CHECKER_EDITOR", "Test Editor")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "sources").mkdir()
    return tmp_path


@pytest.fixture
def story(tmp_path: Path):
    """Copy a story from tests/stories into a fresh project folder."""
    def copy(name: str) -> Path:
        shutil.copytree(STORIES / name / "sources", tmp_path / "sources")
        return tmp_path
    return copy


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)
