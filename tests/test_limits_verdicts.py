"""A large verdicts file: read and rewritten without ruamel's round trip (which took
eight seconds at 10,000 entries), every other line kept as it was, and verdicts on
conflicts that no longer exist summarised after a few. Timings are in
tests/benchmarks/verdicts_bench.py, not here."""
import hashlib
import json

import pytest
from ruamel.yaml.comments import CommentedMap

from checker import verdicts, yamlio
from checker.verdicts import Verdict
from conftest import run, write_source


@pytest.fixture
def bridge(project):
    write_source(project / "sources", "ledger.md", "The council reopened Kelmford Bridge on 12 March 2024.",
                 outlet="Kelmford Ledger")
    write_source(project / "sources", "post.md", "The council reopened Kelmford Bridge on 19 March 2024.",
                 outlet="Kelmford Post")
    return project


def many(n: int, start: int = 0) -> str:
    """n verdicts as checker writes them, on conflicts that do not exist."""
    entries = CommentedMap()
    for i in range(start, start + n):
        entries[f"v{i:011x}"] = verdicts._entry(Verdict(verdict="accepted", note=f"call {i}: fine", by="Ann",
                                                       at="2026-11-23", topic=f"Topic {i}: date"))
    return yamlio.dumps(CommentedMap(version=1, verdicts=entries))


def test_orphaned_verdicts_are_summarised_after_five_and_kept(bridge):
    path = bridge / "verdicts.yaml"
    path.write_text(many(12))
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    result = run("check", "--sources", str(bridge / "sources"))
    assert result.exit_code == 1
    listed = [line for line in result.stderr.splitlines() if "names a conflict that no longer exists" in line]
    assert listed == [f"checker: warning: verdicts.yaml: the verdict on v{i:011x} (Topic {i}: date) names a "
                      "conflict that no longer exists" for i in range(5)]
    assert result.stderr.splitlines()[-1] == ("checker: warning: … and 7 more verdicts name conflicts that "
                                              "no longer exist (they stay in the verdicts file)")
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_five_orphans_are_listed_without_a_summary(bridge):
    (bridge / "verdicts.yaml").write_text(many(5))
    result = run("check", "--sources", str(bridge / "sources"))
    assert result.stderr.count("names a conflict that no longer exists") == 5 and "more verdicts" not in result.stderr


def test_a_large_verdicts_file_is_read_without_ruamel(tmp_path, monkeypatch):
    path = tmp_path / "verdicts.yaml"
    path.write_text(many(2000) + "history:\n  - id: '000000000001'\n    verdict: accepted\n")

    def refuse(*args, **kwargs):
        raise AssertionError("read through ruamel's round trip")
    monkeypatch.setattr(yamlio, "parse", refuse)
    loaded = verdicts.load_verdicts(path)
    assert len(loaded.verdicts) == 2000 and loaded.verdicts[f"v{1999:011x}"].note == "call 1999: fine"
    assert loaded.history[0].id == "000000000001"


def test_recording_into_a_large_file_changes_only_its_entry(tmp_path):
    path = tmp_path / "verdicts.yaml"
    text = "# our desk's verdicts\n" + many(300).replace("  v00000000005:\n", "  v00000000005:  # the desk's\n")
    path.write_text(text)
    lines = text.splitlines()
    # a new verdict: appended to the verdicts, every line before it as it was
    verdicts.record(path, "ffffffffffff", Verdict(verdict="confirmed", note="new", by="Bob", at="2026-11-24"))
    added = ["  ffffffffffff:", "    verdict: confirmed", "    note: new", "    by: Bob", "    at: '2026-11-24'"]
    assert path.read_text().splitlines() == lines + added
    # replacing another editor's: the entry changes in place (the comment after its id
    # stays), the old one goes to a new history at the end, and no other line changes
    verdicts.record(path, "v00000000005", Verdict(verdict="confirmed", note="checked", by="Bob", at="2026-11-24"),
                    force=True)
    start, end = lines.index("  v00000000005:  # the desk's"), lines.index("  v00000000006:")
    replaced = ["  v00000000005:  # the desk's", "    verdict: confirmed", "    note: checked", "    by: Bob",
                "    at: '2026-11-24'"]
    history = ["history:", "  - id: v00000000005", "    verdict: accepted", "    note: 'call 5: fine'",
               "    by: Ann", "    at: '2026-11-23'", "    topic: 'Topic 5: date'", "    replaced: '2026-11-24'",
               "    replaced_by: Bob"]
    assert path.read_text().splitlines() == lines[:start] + replaced + lines[end:] + added + history
    loaded = verdicts.load_verdicts(path)
    assert len(loaded.verdicts) == 301 and loaded.history[0].note == "call 5: fine"


def test_recording_into_a_large_file_goes_without_ruamels_reader(tmp_path, monkeypatch):
    path = tmp_path / "verdicts.yaml"
    path.write_text(many(500) + "history:\n- id: x\n  verdict: accepted\n")
    calls = []
    real = yamlio.parse
    monkeypatch.setattr(yamlio, "parse", lambda *a, **k: calls.append(a) or real(*a, **k))
    verdicts.record(path, f"v{7:011x}", Verdict(verdict="confirmed", note="n", by="Bob", at="2026-11-24"), force=True)
    assert calls == []
    text = path.read_text()
    assert text.endswith("history:\n- id: x\n  verdict: accepted\n- id: v00000000007\n  verdict: accepted\n"
                         "  note: 'call 7: fine'\n  by: Ann\n  at: '2026-11-23'\n  topic: 'Topic 7: date'\n"
                         "  replaced: '2026-11-24'\n  replaced_by: Bob\n")
    assert [h.id for h in verdicts.load_verdicts(path).history] == ["x", "v00000000007"]


@pytest.mark.parametrize("text", [
    "verdicts:\n    abc:\n        verdict: accepted   # hand-indented by four\n        note: x\n",
    "# header\n\nversion: 1\n\nverdicts:\n  abc:\n    verdict: accepted\n\n  # the old one\n  def:\n"
    "    verdict: confirmed\n    note: 'two\n      lines'  # folded\n",
    "verdicts:\n  def:\n    verdict: confirmed\n    note: >-\n      folded\n",  # the round trip does this
    "version: 1\nhistory: []\nverdicts:\n  abc:\n    verdict: accepted\n",
    "{version: 1, verdicts: {abc: {verdict: accepted}}}\n",
])
def test_hand_edited_shapes_take_a_verdict_like_the_round_trip_would(tmp_path, monkeypatch, text):
    """The same verdicts and history, whichever way the file was written."""
    fast, slow = tmp_path / "fast.yaml", tmp_path / "slow.yaml"
    new = Verdict(verdict="false_positive", note="other bridge", by="Bob", at="2026-11-24")
    fast.write_text(text)
    verdicts.record(fast, "abc", new, force=True)
    verdicts.record(fast, "zzz", new)
    slow.write_text(text)
    with monkeypatch.context() as m:
        m.setattr(yamlio, "parse_block", lambda text: None)
        verdicts.record(slow, "abc", new, force=True)
        verdicts.record(slow, "zzz", new)
    assert verdicts.load_verdicts(fast) == verdicts.load_verdicts(slow)
    for line in text.splitlines():
        if line.lstrip().startswith("#"):
            assert line in fast.read_text().splitlines()


def test_the_verdict_recorded_by_resolve_is_read_back(bridge):
    path = bridge / "verdicts.yaml"
    path.write_text(many(50))
    sources = str(bridge / "sources")
    (conflict,) = json.loads(run("check", "--sources", sources, "--format", "json",
                                 "--fail-on", "none").stdout)["conflicts"]
    assert run("resolve", conflict["id"], "--sources", sources, "--verdict", "confirmed", "--note",
               "it's \"12 March\" # per the council\nsecond line", "--by", "Ed").exit_code == 0
    entry = verdicts.load_verdicts(path).verdicts[conflict["id"]]
    assert entry.note == "it's \"12 March\" # per the council\nsecond line" and entry.by == "Ed"
    assert run("check", "--sources", sources).exit_code == 0


def test_a_file_the_fast_reader_refuses_still_errors_with_its_line(bridge):
    text = many(3) + "  bad:\n    verdict: maybe\n"
    (bridge / "verdicts.yaml").write_text(text)
    result = run("check", "--sources", str(bridge / "sources"))
    assert result.exit_code == 2
    assert f"verdicts.yaml:{text.count(chr(10))}: verdicts.bad.verdict: Input should be" in result.stderr
