from checker.aliases import AliasTable, EntityFinder, learn_aliases
from checker.lexicon import load_lexicon

LEX = load_lexicon()
TABLE = AliasTable(LEX)


def mentions(*sentences):
    finder = EntityFinder(LEX, TABLE)
    finder.prime(list(sentences))
    return [[(m.text, m.canonical) for m in finder.find(s, [])] for s in sentences]


def test_aliases_from_the_data_file_are_canonicalised():
    out = mentions("The Met said so.", "MPS officers agreed.", "Scotland Yard denied it.",
                   "The Metropolitan Police Service welcomed it.")
    canon = {c for row in out for _, c in row}
    assert canon == {"Metropolitan Police Service"}


def test_lower_case_met_is_a_verb_not_the_police():
    assert mentions("We met the minister.")[0] == []


def test_an_alias_inside_a_longer_name_is_not_the_alias():
    assert mentions("The New Met for London plan was launched.")[0] == [
        ("New Met for London plan", "New Met for London plan")]


def test_curly_and_straight_apostrophes_match_the_same_alias():
    assert mentions("His Majesty’s Inspectorate of Constabulary acted.")[0] == [
        ("His Majesty’s Inspectorate of Constabulary", "HMICFRS")]


def test_abbreviations_defined_in_the_text_are_learnt():
    assert learn_aliases("the Football Association (FA) said, and the Westmoor Transit Authority (WTA) agreed") == {
        "FA": "Football Association", "WTA": "Westmoor Transit Authority"}
    rows = mentions("The Westmoor Transit Authority (WTA) met.", "WTA said no.")
    assert ("WTA", "Westmoor Transit Authority") in rows[1]


def test_descriptors_stand_for_the_last_entity_of_their_kind():
    rows = mentions("Hammerton Bridge reopened.", "The crossing was closed in 2022.")
    assert rows[1] == [("The crossing", "Hammerton Bridge")]


def test_a_surname_is_the_full_name_named_before():
    rows = mentions("Marco Bellini joined.", "Bellini scored.")
    assert rows[1] == [("Bellini", "Marco Bellini")]


def test_a_near_spelling_of_a_long_alias_matches_but_another_office_does_not():
    assert TABLE.lookup("Office for National Statistic") == ("Office for National Statistics", "statistics body")
    assert TABLE.lookup("His Majesty's Chief Inspector of Constabulary") is None


def test_aliases_a_text_defines_are_learnt_and_ignore_ordinary_calls():
    from checker.aliases import learn_aliases
    learnt = learn_aliases(
        "The review programme, known as Project Orion, began. The levy – sometimes called the "
        "sugar tax – was introduced. The process called Engage ended. He called the police. "
        "It was called off.")
    assert learnt == {"Project Orion": "review programme", "the sugar tax": "levy",
                      "Engage": "process"}


def test_an_alias_one_source_defines_lets_other_sources_be_compared(project):
    from conftest import run, write_source
    write_source(project / "sources", "a.md",
                 "The drinks levy – sometimes called the sugar tax – was introduced in April 2018. "
                 "The review programme, known as Project Orion, was launched in May 2023. "
                 "The Westmoor Transit Authority (WTA) was placed in special measures in June 2022.")
    write_source(project / "sources", "b.md",
                 "The sugar tax was introduced in April 2019. Project Orion was launched in May 2022. "
                 "WTA was removed from special measures in June 2022.")
    result = run("check", "--sources", str(project / "sources"))
    assert result.exit_code == 1
    topics = [line for line in result.stdout.splitlines() if line.startswith("NEW")]
    assert len(topics) == 3
    assert any("Project Orion: date of launch" in t for t in topics)
    assert any("drinks levy: date of launch" in t for t in topics)
    assert any("Westmoor Transit Authority: direction of status" in t for t in topics)


def test_an_organisation_after_a_speakers_role_is_not_the_speaker():
    """"Name, chief executive of the X Partnership, said: …": the speaker is the person; an
    organisation's head word (partnership, agency, union…) is in aliases.yaml's descriptors."""
    from checker.extract import Extractor
    from checker.models import Source, SourceMeta
    text = ('Miriam Oldacre, chief executive of the Orland Rail Partnership, said: '
            '"The line will open on time and within its budget of four hundred million."')
    source = Source(id="s", path="s.md", meta=SourceMeta(), text=text, body_start=0)
    speakers = [c.value.name for c in Extractor(load_lexicon()).extract(source).claims
                if c.predicate == "speaker"]
    assert speakers == ["Miriam Oldacre"]
