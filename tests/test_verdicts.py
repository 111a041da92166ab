"""Editors' verdicts, the baseline and the CI gate."""
import json
import multiprocessing
from pathlib import Path

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from checker import verdicts
from checker.cli import cli
from conftest import run, write_source

CONTRADICTION = "Hammerton Bridge reopened on 19 March 2024, a week later than planned."


def check(root, *extra):
    return run("check", "--sources", str(root / "sources"), *extra)


def conflict_ids(root):
    result = run("check", "--sources", str(root / "sources"), "--format", "json", "--fail-on", "none")
    return {c["id"]: c for c in json.loads(result.stdout)["conflicts"]}


def test_the_adoption_scenario(story):
    root = story("bridge")
    # adopt: today's conflicts are known
    assert run("baseline", "--sources", str(root / "sources")).exit_code == 0
    assert check(root).exit_code == 0
    before = set(conflict_ids(root))

    # a new source contradicts an existing claim: only its conflicts are new
    write_source(root / "sources", "newsdesk.md", CONTRADICTION, outlet="Newsdesk", published="2024-03-20")
    result = check(root)
    assert result.exit_code == 1
    current = conflict_ids(root)
    new = {i for i, c in current.items() if c["new"]}
    assert new and all("newsdesk" in {x["source"] for x in current[i]["claims"]} for i in new)
    assert before <= set(current) and not (before & new)

    # an editor resolves each new conflict
    for conflict_id in sorted(new):
        resolved = run("resolve", conflict_id, "--sources", str(root / "sources"), "--verdict",
                       "confirmed", "--correct", "gazette", "--note", "council confirmed 12 March",
                       "--by", "Ed")
        assert resolved.exit_code == 0, resolved.output
    assert check(root).exit_code == 0

    # an unrelated paragraph elsewhere changes no id
    courier = root / "sources" / "courier.md"
    courier.write_text(courier.read_text() + "\nThe council also repainted the railings in green.\n")
    assert check(root).exit_code == 0
    assert set(conflict_ids(root)) == set(current)

    # broken front matter: exit 2, naming the file
    (root / "sources" / "broken.md").write_text("---\ntitle: [oops\n---\nText.\n")
    result = check(root)
    assert result.exit_code == 2
    assert "sources/broken.md:3" in result.stderr


def test_verdicts_set_status_and_survive_reruns(story):
    root = story("bridge")
    (conflict_id,) = conflict_ids(root)
    assert run("resolve", conflict_id[:6], "--sources", str(root / "sources"), "--verdict",
               "false_positive", "--note", "different bridge", "--by", "Ed").exit_code == 0
    data = YAML(typ="safe").load((root / "verdicts.yaml").read_text())
    entry = data["verdicts"][conflict_id]
    assert entry["verdict"] == "false_positive" and entry["note"] == "different bridge" and entry["by"] == "Ed"
    assert len(entry["at"]) == 10 and entry["topic"]
    conflict = conflict_ids(root)[conflict_id]
    assert conflict["status"] == "false_positive" and conflict["new"] is False
    assert check(root, "--fail-on", "unresolved").exit_code == 0


@pytest.mark.parametrize("fail_on, baseline, resolved, code", [
    ("new", False, False, 1), ("new", True, False, 0), ("new", False, True, 0),
    ("unresolved", False, False, 1), ("unresolved", True, False, 1), ("unresolved", False, True, 0),
    ("none", False, False, 0),
])
def test_fail_on_matrix(story, fail_on, baseline, resolved, code):
    root = story("bridge")
    if baseline:
        run("baseline", "--sources", str(root / "sources"))
    if resolved:
        (conflict_id,) = conflict_ids(root)
        run("resolve", conflict_id, "--sources", str(root / "sources"), "--verdict", "accepted", "--note", "ok")
    assert check(root, "--fail-on", fail_on).exit_code == code


def test_a_verdict_whose_conflict_is_gone_is_reported_and_kept(story):
    root = story("bridge")
    (conflict_id,) = conflict_ids(root)
    run("resolve", conflict_id, "--sources", str(root / "sources"), "--verdict", "confirmed", "--note", "x")
    gazette = root / "sources" / "gazette.md"
    gazette.write_text(gazette.read_text().replace("April 2021", "April 2022"))
    result = check(root)
    assert result.exit_code == 0
    assert f"verdicts.yaml: the verdict on {conflict_id} (Hammerton Bridge" in result.stderr
    assert conflict_id in (root / "verdicts.yaml").read_text()


def test_resolve_refuses_what_it_cannot_record(story):
    root = story("bridge")
    (conflict_id,) = conflict_ids(root)
    args = ["--sources", str(root / "sources"), "--note", "x"]
    missing = run("resolve", "ffffffff", "--verdict", "accepted", *args)
    assert missing.exit_code == 2 and "no current conflict has id 'ffffffff'" in missing.stderr
    wrong_side = run("resolve", conflict_id, "--verdict", "confirmed", "--correct", "nobody", *args)
    assert wrong_side.exit_code == 2 and "'nobody' is not a side" in wrong_side.stderr
    bad_verdict = run("resolve", conflict_id, "--verdict", "maybe", *args)
    assert bad_verdict.exit_code == 2
    assert not (root / "verdicts.yaml").exists()


def test_hand_comments_and_order_survive_a_new_verdict(story):
    root = story("bridge")
    (conflict_id,) = conflict_ids(root)
    (root / "verdicts.yaml").write_text(
        "# our desk's verdicts\nversion: 1\nverdicts:\n"
        "  zzz-old:  # kept for the archive\n    verdict: accepted\n    note: old story\n")
    run("resolve", conflict_id, "--sources", str(root / "sources"), "--verdict", "accepted", "--note", "fine")
    text = (root / "verdicts.yaml").read_text()
    assert text.startswith("# our desk's verdicts\nversion: 1\nverdicts:\n  zzz-old:  # kept for the archive\n")
    assert text.index("zzz-old") < text.index(conflict_id)


@pytest.mark.parametrize("content, where", [
    ("version: 1\nverdicts:\n  abc:\n    verdict: maybe\n", "verdicts.yaml:4: verdicts.abc.verdict"),
    ("version: 1\nverdicts:\n  abc:\n    verdict: accepted\n    colour: red\n", "verdicts.yaml:5: verdicts.abc.colour"),
    ("version: 1\nverdicts: [\n", "verdicts.yaml:3: invalid YAML"),
    ("version: 7\nverdicts: {}\n", "verdicts.yaml:1: made by a newer checker"),
])
def test_a_malformed_verdicts_file_exits_2_with_file_and_line(story, content, where):
    root = story("bridge")
    (root / "verdicts.yaml").write_text(content)
    result = check(root)
    assert result.exit_code == 2
    assert where in result.stderr


def _record_many(args):
    path, worker = args
    for i in range(15):
        verdicts.record(Path(path), f"w{worker}-{i:02d}", verdicts.Verdict(verdict="accepted", note=str(i)))


def test_concurrent_writers_lose_no_verdict(tmp_path):
    path = tmp_path / "verdicts.yaml"
    with multiprocessing.get_context("fork").Pool(3) as pool:
        pool.map(_record_many, [(str(path), w) for w in range(3)])
    recorded = verdicts.load_verdicts(path).verdicts
    assert sorted(recorded) == sorted(f"w{w}-{i:02d}" for w in range(3) for i in range(15))


def test_baseline_records_ids_and_the_word_lists_without_timestamps(story):
    root = story("bridge")
    run("baseline", "--sources", str(root / "sources"))
    first = (root / "baseline.yaml").read_text()
    run("baseline", "--sources", str(root / "sources"))
    assert (root / "baseline.yaml").read_text() == first
    data = YAML(typ="safe").load(first)
    assert data["version"] == 1 and len(data["lexicon"]) == 16 and set(data["conflicts"]) == set(conflict_ids(root))


def test_review_walks_open_conflicts_and_records_verdicts(story):
    root = story("bridge")
    result = CliRunner().invoke(cli, ["review", "--sources", str(root / "sources"), "--by", "Ed"],
                                input="c\n2\nApril 2022\nchecked with the council\n")
    assert result.exit_code == 0, result.output
    assert "Majority view: April 2022: 2 sources, including 1 official; April 2021: 1 source" in result.output
    assert "It was closed in April 2021 after cracks were found" in result.output
    data = YAML(typ="safe").load((root / "verdicts.yaml").read_text())
    (entry,) = data["verdicts"].values()
    assert entry["verdict"] == "confirmed" and entry["correct"] == "courier"
    assert entry["value"] == "April 2022" and entry["note"] == "checked with the council"
    again = CliRunner().invoke(cli, ["review", "--sources", str(root / "sources")], input="q\n")
    assert "recorded 0 verdicts" in again.output and "[1/" not in again.output


def test_rebaselining_keeps_hand_comments_on_entries_that_stay(story):
    root = story("bridge")
    run("baseline", "--sources", str(root / "sources"))
    path = root / "baseline.yaml"
    (conflict_id,) = conflict_ids(root)
    text = path.read_text().replace(f"  {conflict_id}:\n", f"  {conflict_id}:  # seen by the desk in March\n")
    path.write_text("# our baseline\n" + text)
    run("baseline", "--sources", str(root / "sources"))
    rewritten = path.read_text()
    assert rewritten.startswith("# our baseline\n")
    assert f"  {conflict_id}:  # seen by the desk in March\n" in rewritten
