"""Hypothesis over the readers of what people edit by hand: a source's front matter,
verdicts.yaml and claims/<id>.yaml. Whatever bytes or YAML they hold, `checker check`
ends with 0, 1 or 2, and a 2 says what is wrong and in which file; it never hangs and
never crashes. The fast YAML reader reads what ruamel reads, or hands the text to it,
and a verdict it records is the verdict the round trip would record."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings, strategies as st

from checker import pipeline, verdicts, yamlio
from checker.cli import cli
from checker.errors import CheckerError
from checker.lexicon import load_lexicon
from conftest import write_source

EXAMPLES = settings(max_examples=120, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.fixture(scope="module", autouse=True)
def quick_runs():
    """One lexicon for every run (reading it is most of a small run's time), and no cache:
    each example is read afresh."""
    lex = load_lexicon()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline, "load_lexicon", lambda pack_dir=None: lex)
        patch.setenv("CHECKER_NO_CACHE", "1")
        yield


@pytest.fixture(scope="module")
def root(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def check(root: Path, where: str, *args: str):
    """`checker check` (or another command), which must end in 0, 1 or 2; a 2 with a message
    naming `where`, and the file it names as it was."""
    before = (root / where).read_bytes()
    result = CliRunner().invoke(cli, [*(args or ["check", "--fail-on", "none"]), "--sources",
                                      str(root / "sources")], catch_exceptions=False)
    assert result.exit_code in (0, 1, 2)
    assert "internal error" not in result.stderr, result.stderr
    if result.exit_code == 2:
        assert result.stderr.startswith("checker: error: ") and where in result.stderr, result.stderr
        assert (root / where).read_bytes() == before
    return result


# -- what the files hold ----------------------------------------------------------------

# pieces of YAML and of checker's files, for text that is nearly YAML
PIECES = ["\n", "  ", "    ", "- ", ": ", ":", "#", " # c", "'", "''", '"', "\\", "\\n", "{", "}", "[", "]",
          ",", "&a ", "*a", "!x ", "|", ">", "?", "%", "@", "`", "---", "...", "\t", "\r", "\x00", "\ufeff",
          "\u2028", "é", "0", "1", "12", "-5", "1e5", "0x1f", "true", "null", "~", "2024-03-14", "2024-13-45",
          "abc", "x y", "id", "title", "published", "outlet", "kind", "news", "version", "verdicts", "history",
          "verdict", "accepted", "confirmed", "note", "by", "at", "source", "claims", "subject", "predicate",
          "value", "type", "date", "year", "origin", "manual"]
nearly_yaml = st.lists(st.sampled_from(PIECES), max_size=80).map("".join)

scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**12),
                    st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=40),
                    st.dates(dt.date(1000, 1, 1)).map(str),
                    st.sampled_from(["confirmed", "accepted", "false_positive", "maybe", "date", "number",
                                     "percent", "polarity", "entity", "manual", "extracted", "news", "a",
                                     "2024-03", "2024"]))


def data(keys):
    return st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                          st.dictionaries(keys, inner, max_size=3)),
                        max_leaves=12)


def mapping(fields, values, extra=st.text(max_size=8)):
    return st.dictionaries(st.one_of(st.sampled_from(fields), extra), values, max_size=len(fields) + 1)


META = ["id", "title", "outlet", "author", "published", "url", "kind", "copy_of"]
VERDICT = ["verdict", "note", "by", "at", "correct", "value", "topic"]
CLAIM = ["id", "source", "subject", "predicate", "value", "raw", "qualifiers", "quote", "start", "end", "line",
         "confidence", "origin"]
VALUE = ["type", "year", "month", "day", "value", "bound", "unit", "polarity", "event", "name"]
ids = st.one_of(st.from_regex(r"[0-9a-f]{12}", fullmatch=True), st.text(max_size=12))

front_matter = mapping(META, scalars)
verdict_files = st.fixed_dictionaries(
    {"version": st.one_of(st.just(1), scalars)},
    optional={"verdicts": st.one_of(st.dictionaries(ids, mapping(VERDICT, scalars), max_size=4), data(ids)),
              "history": st.lists(mapping(VERDICT + ["id", "replaced", "replaced_by"], scalars), max_size=3),
              "colour": scalars})
claim_values = st.one_of(mapping(VALUE, scalars), data(st.sampled_from(VALUE)))
claim_files = st.fixed_dictionaries(
    {"claims": st.lists(mapping(CLAIM, st.one_of(scalars, claim_values)), max_size=3)},
    optional={"source": st.one_of(st.just("a"), scalars), "colour": scalars})


def dumped(documents):
    """YAML text of a document, as checker writes it, or with one line dropped or doubled."""
    def edit(text: str, line: int, how: str) -> str:
        lines = text.split("\n")
        i = line % len(lines)
        return "\n".join(lines[:i] + ([lines[i]] * 2 if how == "double" else []) + lines[i + 1:])
    return st.one_of(documents.map(yamlio.dumps),
                     st.builds(edit, documents.map(yamlio.dumps), st.integers(0, 200),
                               st.sampled_from(["drop", "double"])))


def file_bytes(documents):
    return st.one_of(st.binary(max_size=400), nearly_yaml.map(str.encode),
                     dumped(documents).map(str.encode))


BODY = "The council reopened Kelmford Bridge on 12 March 2024.\n"
sources_bytes = st.one_of(
    st.binary(max_size=400),
    st.text(max_size=300).map(str.encode),
    st.builds(lambda front, body: f"---\n{front}\n---\n{body}".encode(), nearly_yaml, st.text(max_size=80)),
    st.builds(lambda front: f"---\n{front}---\n{BODY}".encode(), dumped(front_matter)))


# -- every reader ends in 0, 1 or 2 --------------------------------------------------------

@EXAMPLES
@given(content=sources_bytes)
def test_any_source_file_ends_in_0_1_or_2_naming_it(root, content):
    folder = root / "source-case"
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    (folder / "sources" / "a.md").write_bytes(content)
    check(folder, "sources/a.md")


def conflict_id(folder: Path, known={}) -> str:
    """The one conflict of the two sources (12 or 19 March), read once."""
    if folder not in known:
        result = CliRunner().invoke(cli, ["check", "--sources", str(folder / "sources"), "--format", "json",
                                          "--fail-on", "none"], catch_exceptions=False)
        (conflict,) = json.loads(result.stdout)["conflicts"]
        known[folder] = conflict["id"]
    return known[folder]


@EXAMPLES
@given(content=file_bytes(verdict_files), name=st.sampled_from(["verdicts.yaml", "baseline.yaml"]))
def test_any_verdicts_or_baseline_file_ends_in_0_1_or_2_naming_it(root, content, name):
    folder = root / "verdicts-case"
    if not (folder / "sources").exists():
        write_source(folder / "sources", "a.md", BODY, outlet="Ledger")
        write_source(folder / "sources", "b.md", BODY.replace("12", "19"), outlet="Post")
    for other in ("verdicts.yaml", "baseline.yaml"):
        (folder / other).unlink(missing_ok=True)
    conflict_id(folder)
    (folder / name).write_bytes(content)
    check(folder, name)
    if name == "verdicts.yaml":  # recording a verdict in it loses none already there
        try:
            before = verdicts.load_verdicts(folder / name)
        except CheckerError:
            before = None
        result = check(folder, name, "resolve", conflict_id(folder), "--verdict", "accepted", "--note", "n",
                       "--force")
        assert (result.exit_code == 0) == (before is not None)
        if before is not None:
            after = verdicts.load_verdicts(folder / name)
            assert set(after.verdicts) >= set(before.verdicts)
            assert after.history[:len(before.history)] == before.history


@EXAMPLES
@given(content=file_bytes(claim_files))
def test_any_claims_file_ends_in_0_1_or_2_naming_it(root, content):
    folder = root / "claims-case"
    if not (folder / "sources").exists():
        write_source(folder / "sources", "a.md", BODY, outlet="Ledger")
        write_source(folder / "sources", "b.md", BODY.replace("12", "19"), outlet="Post")
    (folder / "claims").mkdir(exist_ok=True)
    (folder / "claims" / "a.yaml").write_bytes(content)
    check(folder, "claims/a.yaml")


# -- the fast reader reads what YAML reads ----------------------------------------------------

def ruamel(text: str):
    try:
        return yamlio.plain(yamlio.parse(text, "x.yaml"))
    except CheckerError as exc:
        return exc


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(nearly_yaml, dumped(verdict_files), dumped(claim_files), dumped(front_matter),
                      dumped(data(st.text(max_size=6)))))
def test_the_fast_reader_reads_what_ruamel_reads_or_declines(text):
    fast = yamlio.parse_block(text)
    if fast is not None:
        assert ruamel(text) == fast[0]


@pytest.mark.parametrize("text", [
    "a: 'x''\n  y'\n", "a: \"x\\\\\n  y\"\n", "a: \"x\\\n  y\"\n", "a: \"x \\\n  y\"\n", "a: \"\\x41\\u00e9\\U0001F600\"\n",
    "a:\n- 1\n- b: 2\n  c: 'q\n    r'\n", "a: b\n  c\n", "a:\n  b:\n", "'1': 2\n", "a: 0\n", "a: 007\n", "a: x#y\n",
    "a: 'x' # c\n", "a: 'x'#c\n", "a: {}  # none\n", "a: [] \n", "? a\n: b\n", "a:\n  - x\n  -\n    - y\n",
    "- a\n- b\n", "a: 2024-03-14\n", "a: 2024-03-14 10:00:00\n", "a:  spaced  \n", "a: b:c\n", "a: -\n",
])
def test_the_fast_reader_on_chosen_examples(text):
    fast = yamlio.parse_block(text)
    assert fast is None or ruamel(text) == fast[0]


# -- a verdict recorded in place is the verdict the round trip records ----------------------------

plain_text = st.text(st.characters(blacklist_categories=["Cs", "Cc"]), max_size=120)
stored = st.builds(lambda v, note, by, topic: verdicts._entry(verdicts.Verdict(
    verdict=v, note=note, by=by, at="2026-11-23", topic=topic)),
    st.sampled_from(["confirmed", "accepted", "false_positive"]), plain_text, plain_text, plain_text)
verdict_ids = st.sampled_from(["3c1f0a9e27d4", "123456789012", "abc", "x-y.z", "new-one"])


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(entries=st.dictionaries(verdict_ids, stored, min_size=1, max_size=4),
       history=st.lists(st.tuples(verdict_ids, stored), max_size=2),
       comment=st.booleans(), target=verdict_ids, new=stored, force=st.booleans())
def test_a_verdict_recorded_in_place_is_the_round_trips(tmp_path, monkeypatch, entries, history, comment,
                                                         target, new, force):
    doc = {"version": 1, "verdicts": entries}
    if history:
        doc["history"] = [{"id": i, **e} for i, e in history]
    text = yamlio.dumps(doc)
    if comment:
        text = "# by hand\n" + text.replace("\nverdicts:\n", "\nverdicts:  # ours\n  # the first\n")
    fast, slow = tmp_path / "fast.yaml", tmp_path / "slow.yaml"
    verdict = verdicts.Verdict(**new)
    outcomes = []
    for path, reader in ((fast, yamlio.parse_block), (slow, lambda text: None)):
        path.write_text(text, encoding="utf-8")
        with monkeypatch.context() as patch:
            patch.setattr(yamlio, "parse_block", reader)
            try:
                verdicts.record(path, target, verdict.model_copy(update={"by": verdict.by + "!"}), force=force)
                outcomes.append("recorded")
            except verdicts.Overwrite:
                outcomes.append("refused")
    assert outcomes[0] == outcomes[1]
    assert verdicts.load_verdicts(fast) == verdicts.load_verdicts(slow)
    assert ruamel(fast.read_text(encoding="utf-8")) == ruamel(slow.read_text(encoding="utf-8"))
    if comment:
        assert fast.read_text(encoding="utf-8").startswith("# by hand\nversion: 1\nverdicts:  # ours\n  # the first\n")
