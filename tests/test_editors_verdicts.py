"""Editors' verdicts: shown with their conflict, who recorded them, a note that says why,
no silent overwrite of another editor's verdict, and a verdicts file that stays whole."""
import csv
import io
import json
import multiprocessing
import os
import pty
import random
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from checker import verdicts
from checker.cli import cli
from checker.errors import CheckerError
from checker.models import Claim, Conflict, DateValue
from conftest import run, write_source


@pytest.fixture
def bridge(project, monkeypatch):
    """Two sources that disagree on one date; no editor identity in the environment."""
    monkeypatch.delenv("CHECKER_EDITOR", raising=False)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(project / "no-gitconfig"))
    write_source(project / "sources", "ledger.md", "The council reopened Kelmford Bridge on 12 March 2024.",
                 outlet="Kelmford Ledger", kind="report")
    write_source(project / "sources", "post.md", "The council reopened Kelmford Bridge on 19 March 2024.",
                 outlet="Kelmford Post")
    return project


def conflicts(root, *extra):
    result = run("check", "--sources", str(root / "sources"), "--format", "json", "--fail-on", "none", *extra)
    return json.loads(result.stdout)["conflicts"]


def resolve(root, *args):
    (conflict,) = conflicts(root)
    return run("resolve", conflict["id"], "--sources", str(root / "sources"), *args)


def output(root, fmt):
    return run("check", "--sources", str(root / "sources"), "--format", fmt, "--fail-on", "none").stdout


def saved(root):
    return YAML(typ="safe").load((root / "verdicts.yaml").read_text())


# 1. a verdict's note, author, right side and value are shown with the conflict

def test_a_recorded_verdict_is_shown_in_every_format(bridge):
    assert "verdict" not in conflicts(bridge)[0]  # none recorded: no key at all
    done = resolve(bridge, "--verdict", "confirmed", "--correct", "ledger", "--value", "12 March 2024",
                   "--note", "minutes of the council meeting", "--by", "Ann Editor")
    assert done.exit_code == 0, done.output
    (conflict,) = conflicts(bridge)
    verdict = conflict["verdict"]
    assert verdict["verdict"] == "confirmed" and verdict["by"] == "Ann Editor"
    assert verdict["correct"] == "ledger" and verdict["value"] == "12 March 2024"
    assert verdict["note"] == "minutes of the council meeting" and len(verdict["at"]) == 10
    assert output(bridge, "json") == output(bridge, "json")
    text = output(bridge, "text")
    assert ("Verdict: confirmed by Ann Editor on " in text
            and "right: Kelmford Ledger (12 March 2024); note: minutes of the council meeting" in text)
    report = run("report", "--sources", str(bridge / "sources"))
    assert report.exit_code == 0, report.output
    md = (bridge / "reports" / "report.md").read_text()
    assert "**Verdict:** confirmed by Ann Editor" in md and "minutes of the council meeting" in md
    rows = list(csv.DictReader(io.StringIO((bridge / "reports" / "conflicts.csv").read_text())))
    assert {(r["verdict_by"], r["verdict_correct"], r["verdict_value"], r["verdict_note"]) for r in rows} == {
        ("Ann Editor", "ledger", "12 March 2024", "minutes of the council meeting")}
    sarif = json.loads(output(bridge, "sarif"))["runs"][0]["results"][0]
    assert "Ann Editor" in sarif["suppressions"][0]["justification"]
    assert sarif["properties"]["verdict"]["note"] == "minutes of the council meeting"
    junit = ET.fromstring(output(bridge, "junit")).find("testsuite/testcase/system-out").text
    assert "by Ann Editor" in junit and "minutes of the council meeting" in junit


# 2. a note that says why, and a clear identity

@pytest.mark.parametrize("note", ["", "   "])
def test_resolve_refuses_a_blank_note(bridge, note):
    result = resolve(bridge, "--verdict", "false_positive", "--note", note, "--by", "Ann")
    assert result.exit_code == 2 and "--note must say why" in result.stderr
    assert not (bridge / "verdicts.yaml").exists()


def test_a_false_positive_needs_a_note_whoever_records_it(tmp_path):
    conflict = a_conflict()
    with pytest.raises(CheckerError, match="false positive needs a note"):
        verdicts.resolve(tmp_path / "verdicts.yaml", conflict, "false_positive", " ", "Ann")


def test_resolve_without_an_identity_says_how_to_give_one(bridge):
    result = resolve(bridge, "--verdict", "accepted", "--note", "known")
    assert result.exit_code == 2
    assert "--by NAME" in result.stderr and "CHECKER_EDITOR" in result.stderr and "user.name" in result.stderr
    assert not (bridge / "verdicts.yaml").exists()


def test_the_identity_comes_from_by_then_checker_editor_then_git(bridge, monkeypatch):
    (bridge / "no-gitconfig").write_text("[user]\n\tname = Gita Git\n")
    assert resolve(bridge, "--verdict", "accepted", "--note", "known").exit_code == 0
    assert saved(bridge)["verdicts"][conflicts(bridge)[0]["id"]]["by"] == "Gita Git"
    monkeypatch.setenv("CHECKER_EDITOR", "Eddie Env")
    assert resolve(bridge, "--verdict", "accepted", "--note", "known", "--force").exit_code == 0
    assert conflicts(bridge)[0]["verdict"]["by"] == "Eddie Env"
    assert resolve(bridge, "--verdict", "accepted", "--note", "known", "--by", "Bea", "--force").exit_code == 0
    assert conflicts(bridge)[0]["verdict"]["by"] == "Bea"


# 3. another editor's verdict is not overwritten silently, and never lost

def test_replacing_another_editors_verdict_needs_force_and_keeps_the_old_one(bridge):
    assert resolve(bridge, "--verdict", "confirmed", "--note", "checked", "--by", "Ann").exit_code == 0
    before = (bridge / "verdicts.yaml").read_text()
    refused = resolve(bridge, "--verdict", "false_positive", "--note", "other bridge", "--by", "Bob")
    assert refused.exit_code == 2
    assert "already has a verdict by Ann" in refused.stderr and "--force" in refused.stderr
    assert (bridge / "verdicts.yaml").read_text() == before
    # the same editor changes their own mind without being asked
    assert resolve(bridge, "--verdict", "accepted", "--note", "tolerated", "--by", "Ann").exit_code == 0
    forced = resolve(bridge, "--verdict", "false_positive", "--note", "other bridge", "--by", "Bob", "--force")
    assert forced.exit_code == 0, forced.output
    data = saved(bridge)
    (conflict_id,) = data["verdicts"]
    assert data["verdicts"][conflict_id]["by"] == "Bob"
    assert [(h["id"], h["verdict"], h["by"], h["note"], h["replaced_by"]) for h in data["history"]] == [
        (conflict_id, "confirmed", "Ann", "checked", "Ann"),
        (conflict_id, "accepted", "Ann", "tolerated", "Bob")]
    assert verdicts.load_verdicts(bridge / "verdicts.yaml").history[-1].note == "tolerated"


def test_at_a_terminal_resolve_asks_before_replacing(bridge):
    assert resolve(bridge, "--verdict", "confirmed", "--note", "checked", "--by", "Ann").exit_code == 0
    (conflict,) = conflicts(bridge)
    master, slave = pty.openpty()
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "checker", "resolve", conflict["id"], "--sources", str(bridge / "sources"),
             "--verdict", "accepted", "--note", "tolerated", "--by", "Bob"],
            stdin=slave, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        os.write(master, b"y\n")
        out, err = proc.communicate(timeout=60)
    finally:
        os.close(master)
        os.close(slave)
    assert proc.returncode == 0, err
    assert "already has a verdict by Ann" in out and "Replace it?" in out
    data = saved(bridge)
    assert data["verdicts"][conflict["id"]]["by"] == "Bob" and data["history"][0]["by"] == "Ann"


def test_review_shows_the_verdict_and_asks_before_replacing_another_editors(bridge):
    assert resolve(bridge, "--verdict", "confirmed", "--note", "checked", "--by", "Ann").exit_code == 0
    args = ["review", "--all", "--sources", str(bridge / "sources"), "--by", "Bob"]
    kept = CliRunner().invoke(cli, args, input="a\nn\n")
    assert kept.exit_code == 0, kept.output
    assert "Verdict: confirmed by Ann" in kept.output and "Replace the verdict by Ann?" in kept.output
    assert "recorded 0 verdicts" in kept.output and "history" not in saved(bridge)
    replaced = CliRunner().invoke(cli, args, input="a\ny\ntolerated\n")
    assert replaced.exit_code == 0, replaced.output
    data = saved(bridge)
    assert [v["by"] for v in data["verdicts"].values()] == ["Bob"] and data["history"][0]["by"] == "Ann"


# 4. killed at any point, resolve leaves the verdicts file whole

def a_conflict() -> Conflict:
    claims = [Claim(id=f"c{i}", source=s, subject="Kelmford Bridge", predicate="date of opening",
                    value=DateValue(year=2024, month=3, day=day), raw=f"{day} March 2024",
                    quote="q", start=0, end=1, line=1) for i, (s, day) in enumerate([("a", 12), ("b", 19)])]
    return Conflict(id="0123456789ab", topic="Kelmford Bridge: date of opening", kind="date",
                    severity="high", confidence=0.9, explanation="e", claims=claims)


def _resolve_again_and_again(path: str) -> None:
    """Verdict number n (n = the entries already in the history), by two editors in turn."""
    path, conflict = Path(path), a_conflict()
    n = len(verdicts.load_verdicts(path).history) + (1 if path.exists() else 0)
    for i in range(n, n + 15):
        verdicts.resolve(path, conflict, "accepted", f"n{i}", "Ann" if i % 2 else "Bob", force=True)


def test_resolve_killed_at_random_points_leaves_a_whole_file(tmp_path):
    path = tmp_path / "verdicts.yaml"
    pick = random.Random(20240314)
    fork = multiprocessing.get_context("fork")
    deadline = time.monotonic() + 60
    for _ in range(20):
        child = fork.Process(target=_resolve_again_and_again, args=(str(path),))
        child.start()
        time.sleep(pick.uniform(0.0, 0.15))  # one write takes about 10 to 60 ms
        os.kill(child.pid, signal.SIGKILL)
        child.join(10)
        assert time.monotonic() < deadline
        if not path.exists():
            continue
        data = verdicts.load_verdicts(path)  # parses and validates
        history = data.history
        # whole: either the old or the new verdict, and every replaced one in the history
        assert data.verdicts["0123456789ab"].note == f"n{len(history)}"
        assert [h.note for h in history] == [f"n{i}" for i in range(len(history))]
    assert path.exists() and verdicts.load_verdicts(path).history
