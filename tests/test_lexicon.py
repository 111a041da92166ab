
import pytest

from checker.errors import CheckerError
from checker.lexicon import DATA_DIR, load_lexicon
from conftest import run, write_source


def test_every_shipped_data_file_validates():
    lex = load_lexicon()
    assert {p.name for p in DATA_DIR.glob("*.yaml")} == {"aliases.yaml", "events.yaml", "numbers.yaml",
                                                         "english.yaml", "measures.yaml"}
    assert lex.entities and lex.frames and lex.numbers.words and lex.english.determiners
    assert lex.measures.families["death"].running and "fatality" in lex.measures.families["death"].words
    for frame in lex.frames:
        assert frame.positive, f"frame {frame.name} has no phrases"


def test_a_user_pack_adds_aliases(project):
    (project / "lexicon").mkdir()
    (project / "lexicon" / "local.yaml").write_text(
        "entities:\n  - name: Westmoor Transit\n    kind: company\n    aliases: [WT, the transit firm]\n")
    write_source(project / "sources", "a.md", "Westmoor Transit was placed in administration in May 2023.")
    write_source(project / "sources", "b.md", "WT was removed from administration in May 2023.")
    result = run("check", "--sources", str(project / "sources"))
    assert result.exit_code == 1
    assert "Westmoor Transit: direction of status (administration, 2023-05)" in result.stdout


def test_a_bad_pack_names_file_and_line(project, tmp_path):
    (project / "lexicon").mkdir()
    (project / "lexicon" / "bad.yaml").write_text("frames:\n  - name: x\n    positive: [a]\n    colour: red\n")
    with pytest.raises(CheckerError) as err:
        load_lexicon(project / "lexicon")
    assert str(err.value).startswith("lexicon/bad.yaml:4: frames.0.colour: Extra inputs are not permitted")


def test_a_user_pack_teaches_phrases_and_value_words(tmp_path):
    """A pack adds two-word phrases to a family (the built-in words kept) and words that
    say what a value is of."""
    from checker.words import Concepts
    (tmp_path / "pack.yaml").write_text(
        "families:\n  death: {label: deaths, phrases: [breathe last]}\n"
        "value_words:\n  date: {from: start}\n", encoding="utf-8")
    concepts = Concepts(load_lexicon(tmp_path))
    assert concepts.phrase("breathed", "last") == "death" and concepts.phrase("passed", "away") == "death"
    assert concepts.value_words["date"]["from"] == "start" and concepts.value_words["date"]["since"] == "start"
    assert concepts.value_words["count"]["by"] == "margin"
