"""Alignment: the same fact told in different words by different outlets meets itself,
and different facts that share a number do not. Articles written for these tests."""
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker import pipeline
from checker.lexicon import load_lexicon
from checker.sources import read_sources
from conftest import run, write_source


def check(project, *articles):
    """articles: (body, published) pairs, one source each; the conflicts as
    (kind, severity, {quotes})."""
    for n, (body, published) in enumerate(articles):
        write_source(project / "sources", f"s{n}.md", body, published=published)
    result = pipeline.run(pipeline.Project(project / "sources"))
    return [(c.kind, c.severity, {x.quote for x in c.claims}) for c in result.conflicts]


DAY = "2024-05-02"


@pytest.mark.parametrize("a, b", [
    # deaths written three ways
    ("The landslide killed 42 people in the hill village of Orrin on Tuesday.",
     "Rescuers said the death toll in Orrin had reached 57 after the landslide on Tuesday."),
    # a price as a deal, a fee and a payment
    ("Harbin Foods agreed to buy the dairy maker Calloway in a $2.4 billion deal.",
     "Harbin Foods will pay $2 billion for Calloway, the dairy maker said."),
    # a share of the vote, as a percentage either way
    ("Members voted 61.4% in favour of the new pay offer, the union said.",
     "The pay offer was approved by 64.1% of union members."),
    # a length in different units that do not match
    ("The bridge over the Teme estuary is 1,200 metres long.",
     "The 950-foot bridge over the Teme estuary opened to traffic."),
])
def test_one_fact_in_other_words_is_found(project, a, b):
    found = check(project, (a, DAY), (b, DAY))
    assert any({a, b} <= quotes for _, _, quotes in found), found


@pytest.mark.parametrize("a, b", [
    ("Over 200 passengers were evacuated from the ferry.",
     "More than 200 passengers were taken off the ferry."),
    ("The crane stands 2,400 km from the coast, officials said.",
     "The crane stands 1,491 miles from the coast, officials said."),
    ("The court awarded Lenner $2.07 billion in damages.",
     "The court awarded Lenner $2,069,700,000 in damages."),
    ("About 8,000 homes lost power in the storm.", "The storm cut power to 7,900 homes."),
    ("The train was travelling at 50 mph when it left the rails.",
     "The train was travelling at 80 km/h when it left the rails."),
])
def test_the_same_value_written_differently_is_no_conflict(project, a, b):
    assert check(project, (a, DAY), (b, DAY)) == []


@pytest.mark.parametrize("a, b", [
    # a part is not the whole
    ("Officials said 80 children were taken to hospital after the fire at Brackley school.",
     "Officials said 200 children were among the injured after the fire at Brackley school."),
    # two towns, two populations
    ("The storm passed near Arlenby, a town of about 250,000 people.",
     "The storm then hit Tessford, where about 90,000 people live."),
    # two periods
    ("Unemployment in Corvale was 5.2% in 2023.", "Unemployment in Corvale was 4.8% in 2022."),
    # a revenue and a profit
    ("Pellam Group said revenue rose to £1.8bn last year.",
     "Pellam Group said profit rose to £210m last year."),
    # a quarter's figure and the year's
    ("Dorran Mills made a quarterly profit of £12m, the company said.",
     "Dorran Mills made a full-year profit of £40m, the company said."),
])
def test_different_facts_sharing_words_are_not_aligned(project, a, b):
    assert check(project, (a, DAY), (b, DAY)) == []


def test_a_bare_figure_counts_what_the_figure_before_it_counts():
    from checker.extract import Extractor
    from checker.models import Source, SourceMeta
    text = "Far from the coast, the storm flattened 30 houses in Arlenby and 12 in Tessford."
    source = Source(id="s", path="s.md", meta=SourceMeta(), text=text, body_start=0)
    mentions = {m.raw: dict(m.concepts) for m in Extractor(load_lexicon()).extract(source).mentions}
    house = next(c for c, w in mentions["30 houses"].items() if w >= 1.5)
    assert mentions["12"].get(house, 0) >= 0.5


def test_a_bare_figure_counts_what_the_number_of_names():
    from checker.extract import Extractor
    from checker.models import Source, SourceMeta
    text = "By the evening, officials said, the number of evacuees had climbed past the earlier estimate to 950."
    source = Source(id="s", path="s.md", meta=SourceMeta(), text=text, body_start=0)
    (mention,) = Extractor(load_lexicon()).extract(source).mentions
    assert dict(mention.concepts).get("evacuation", 0) >= 0.8


def test_a_later_report_revising_a_tally_is_an_update_not_an_error(project):
    found = check(project,
                  ("The flood killed 30 people in Dunmere, officials said.", "2024-05-02"),
                  ("The death toll from the Dunmere flood rose to 37 on Friday.", "2024-05-03"))
    assert [(kind, severity) for kind, severity, _ in found] == [("update", "low")]


def test_every_conflict_kind_has_a_sarif_rule(project):
    import json
    from checker.report import render
    from checker.report.sarif import KINDS
    from checker.models import Conflict
    assert set(Conflict.model_fields["kind"].annotation.__args__) == set(KINDS)
    check(project, ("The flood killed 30 people in Dunmere, officials said.", "2024-05-02"),
          ("The death toll from the Dunmere flood rose to 37 on Friday.", "2024-05-03"))
    sarif = json.loads(render(pipeline.report(pipeline.run(pipeline.Project(project / "sources"))), "sarif"))
    rules = {r["id"] for r in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert {r["ruleId"] for r in sarif["runs"][0]["results"]} == {"checker/update"} <= rules


def test_two_reports_of_the_same_day_that_disagree_are_a_conflict(project):
    found = check(project,
                  ("The flood killed 30 people in Dunmere, officials said.", DAY),
                  ("The flood in Dunmere left 37 people dead, officials said.", DAY))
    assert [kind for kind, _, _ in found] == ["number"]
    assert found[0][1] in ("medium", "high")


def test_updates_do_not_fail_the_ci_gate_unless_asked(project):
    write_source(project / "sources", "a.md", "The flood killed 30 people in Dunmere, officials said.",
                 published="2024-05-02")
    write_source(project / "sources", "b.md", "The death toll from the Dunmere flood rose to 37 on Friday.",
                 published="2024-05-03")
    assert run("check", "--sources", str(project / "sources")).exit_code == 0
    assert run("check", "--sources", str(project / "sources"), "--fail-on-updates").exit_code == 1


def test_times_of_day_that_disagree_are_a_conflict(project):
    found = check(project,
                  ("The explosion at the Varne refinery happened at 8:45 a.m. on Monday.", DAY),
                  ("The explosion at the Varne refinery happened at 11:15 a.m. on Monday.", DAY))
    assert [kind for kind, _, _ in found] == ["date"]
    assert check_none_for_close_times(project)


def check_none_for_close_times(project):
    for f in (project / "sources").iterdir():
        f.unlink()
    return check(project,
                 ("The explosion at the Varne refinery happened at around 8.50am on Monday.", DAY),
                 ("The explosion at the Varne refinery happened at 8:55 a.m. on Monday.", DAY)) == []


def test_the_conflict_id_stays_when_a_third_source_repeats_a_side(project):
    a = "Rescuers said the landslide in Orrin killed 42 people."
    b = "The landslide in Orrin killed 57 people, the mayor said."
    first = check_ids(project, [a, b])
    second = check_ids(project, [a, b, "Police said the landslide in Orrin killed 57 people."])
    assert first and first == second


def check_ids(project, bodies):
    for f in (project / "sources").glob("*.md"):
        f.unlink()
    for n, body in enumerate(bodies):
        write_source(project / "sources", f"s{n}.md", body, published=DAY)
    return [c.id for c in pipeline.run(pipeline.Project(project / "sources")).conflicts]


def test_a_user_pack_teaches_a_new_measure_family(project):
    a = ("At the Kelso pit, twelve were trapped.", DAY)
    b = ("Fifteen remain stuck, Kelso officials said.", DAY)
    assert check(project, a, b) == []
    (project / "lexicon").mkdir()
    (project / "lexicon" / "mining.yaml").write_text(
        "families:\n  trapped: {label: trapped, words: [trap, stuck]}\n")
    assert [kind for kind, _, _ in check(project, a, b)] == ["number"]
    assert "trapped" in load_lexicon(project / "lexicon").measures.families


def test_the_bundled_corpus_gives_exactly_its_three_conflicts(monkeypatch):
    """The corpus the project started from: the launch date, the rate pinned on the wrong
    year and the monitoring direction, and nothing the alignment might add beside them."""
    from pathlib import Path
    monkeypatch.setenv("CHECKER_NO_CACHE", "1")
    root = Path(__file__).parent.parent / "sources"
    result = pipeline.run(pipeline.Project(root))
    assert sorted((c.kind, c.severity) for c in result.conflicts) == [
        ("date", "high"), ("period", "high"), ("polarity", "medium")]


@pytest.mark.parametrize("a, b, kind", [
    # a date opening a sentence
    ("On 3 March 2019, the Halden museum reopened after the fire.",
     "The Halden museum reopened on 5 March 2019 after the fire.", "date"),
    # a share named by the noun before "of"
    ("Officials put the turnout at 72 per cent in the Vessel district vote.",
     "The Vessel district vote saw a turnout of 68 per cent, officials said.", "percent"),
    # a price written as what was paid, and as a deal
    ("Corran paid $50m for the striker, the club said.",
     "The club said the striker's transfer was a $45m deal with Corran.", "number"),
    # a start told as "since" and as "started on"
    ("Lenner and Quay have fought in court since 14 May over the Brix patents.",
     "The Brix patent trial between Lenner and Quay started on 13 May.", "date"),
    # "near" is an approximation, not a word of the measure
    ("Ossen's market value is near $14 billion, analysts said.",
     "Analysts said Ossen's market value was more than $19 billion.", "number"),
    # a margin told as "by N votes" and as "a margin of N"
    ("Dana Vell won the Pellam mayoral race by 3,200 votes, officials said.",
     "Officials said Dana Vell's margin in the Pellam mayoral race was 2,900.", "number"),
    # bodies counted are the dead
    ("Rescuers in Orrin said 61 bodies had been recovered after the landslide.",
     "Rescuers said 48 people were confirmed dead after the Orrin landslide.", "number"),
    # money "raked in" is money raised
    ("Ossen raked in $3.1 billion from its share sale, the bank said.",
     "The bank said Ossen's share sale raised $2.7 billion.", "number"),
    # a round figure stands for itself within 3%: 950 is not "1,000 miles"
    ("The Halvern observatory lies 1,000 miles east of Tarsk.",
     "The Halvern observatory lies 940 miles east of Tarsk.", "number"),
])
def test_forms_real_reports_use_are_read(project, a, b, kind):
    found = check(project, (a, DAY), (b, DAY))
    assert [k for k, _, _ in found] == [kind], found


def test_a_share_is_labelled_as_the_sentence_writes_it(project):
    write_source(project / "sources", "a.md", "In 2024, 81.5% of emergency calls were answered within 15 seconds.")
    write_source(project / "sources", "b.md", "In 2024, 88.1% of emergency calls were answered within 15 seconds.")
    topics = [c.topic for c in pipeline.run(pipeline.Project(project / "sources")).conflicts]
    assert topics and "emergency calls were answered within 15 seconds" in topics[0], topics


def test_an_event_date_is_labelled_with_the_way_it_went(project):
    write_source(project / "sources", "a.md", "The Tarn Bridge was closed in April 2022.")
    write_source(project / "sources", "b.md", "The Tarn Bridge was closed in April 2021.")
    topics = [c.topic for c in pipeline.run(pipeline.Project(project / "sources")).conflicts]
    assert topics == ["Tarn Bridge: date of opening (closed)"], topics


def test_an_aligned_conflict_says_what_is_known_of_its_sides(project):
    write_source(project / "sources", "a.md", "The landslide in Orrin killed 42 people, officials said.",
                 published="2024-05-02", kind="press-release")
    write_source(project / "sources", "b.md", "Rescuers said the death toll in Orrin had reached 57.",
                 published="2024-05-02")
    two = pipeline.run(pipeline.Project(project / "sources")).conflicts
    assert len(two) == 1 and "What is known of the two sides" in two[0].explanation
    assert "official source (press-release)" in two[0].explanation
    write_source(project / "sources", "c.md", "The landslide in Orrin killed 57 people, police said.",
                 published="2024-05-02")
    three = pipeline.run(pipeline.Project(project / "sources")).conflicts
    assert len(three) == 1 and "Majority view: 57: 2 sources" in three[0].explanation


def test_passed_away_is_a_death(project):
    from checker.lexicon import load_lexicon
    from checker.words import Concepts
    concepts = Concepts(load_lexicon(None))
    assert concepts.phrase("passed", "away") == "death"
    assert concepts.phrase("passed", "the") is None
    found = check(project,
                  ("Two patients of the Verrin clinic died from the infection, officials said.", DAY),
                  ("Three patients of the Verrin clinic passed away from the infection, officials said.", DAY))
    assert [kind for kind, _, _ in found] == ["number"], found


def test_a_share_price_never_meets_the_company_s_value(project):
    """"$17" a share and "$17 billion" for the company share every word; a billionfold
    gap is two measures, not one error."""
    found = check(project,
                  ("Ossen's shares were priced at $17, the bank said.", DAY),
                  ("The bank said Ossen was priced at $17 billion.", DAY))
    assert found == []


def test_a_fraction_of_something_meets_a_percentage_of_it(project):
    found = check(project,
                  ("The storm cut power to about half of the homes in Dunmere, the utility said.", DAY),
                  ("The storm cut power to 80% of the homes in Dunmere, the utility said.", DAY))
    assert [kind for kind, _, _ in found] == ["percent"]


def test_stories_compared_apart_give_what_one_run_gives(project):
    """Two stories and a source with no names: each story is compared on its own, the
    nameless source within each, and the conflicts are those of the whole run."""
    from checker.align import Aligner, stories
    from checker.extract import Extractor
    from checker.sources import read_sources
    from checker.words import Concepts

    texts = {
        "a1": "The landslide near Orrin killed 42 people, Mayor Edda Quell said on Tuesday.",
        "a2": "Mayor Edda Quell said the landslide near Orrin killed 57 people.",
        "b1": "The Calloway dairy plant in Venhurst employs 1,200 workers, Tomas Brell said.",
        "b2": "Tomas Brell said the Calloway plant in Venhurst employs 1,600 workers.",
        "c": "the landslide killed 40 people, rescuers said.",
    }
    for sid, body in texts.items():
        write_source(project / "sources", f"{sid}.md", body, published=DAY)
    lex = load_lexicon(None)
    sources = read_sources(project / "sources")
    extractor = Extractor(lex)
    done = {s.id: extractor.extract(s) for s in sources}
    mentions = [m for s in sources for m in done[s.id].mentions]
    salient = {sid: set(x.salient) for sid, x in done.items()}
    names = {sid: set(x.names) for sid, x in done.items()}
    units = stories(mentions, salient, names)
    assert [u.sources for u in units] == [["a1", "a2", "c"], ["b1", "b2", "c"]]
    aligner = Aligner(Concepts(lex))
    apart = [c for u in units for c in aligner.compare(u, [s for s in sources if s.id in u.sources])]
    whole = aligner.conflicts(mentions, sources, salient, names)
    assert sorted(c.id for c in apart) == sorted(c.id for c in whole)
    assert {frozenset(x.source for x in c.claims) for c in whole} >= {
        frozenset({"a1", "a2", "c"}), frozenset({"b1", "b2"})}


@pytest.mark.parametrize("a, b, kinds", [
    # one party, one verb, one object, told both ways
    ("The jury ruled that Kestrel didn't infringe any of the patents.",
     "A jury in Dorran found that Kestrel infringed patents on three phone designs.", ["polarity"]),
    # two parties: no conflict
    ("The jury found that Kestrel infringed patents on three designs.",
     "The jury found that Marlow did not infringe patents on the designs.", []),
    # a source that says both is no side
    ("The court said Kestrel infringed patents on the first design, and Kestrel did not "
     "infringe patents on the second.",
     "The jury found that Kestrel infringed patents on the designs.", []),
    # different objects
    ("Prosecutors said Teale was not charged with fraud.",
     "Prosecutors said Teale was charged with arson.", []),
    # a party named by its role at the sentence's start
    ("The pilot had not been charged with any offence, police said.",
     "The pilot was charged with endangering an aircraft on Friday.", ["polarity"]),
    # two roles: no conflict
    ("The pilot had not been charged with any offence, police said.",
     "The engineer was charged with endangering an aircraft on Friday.", []),
    # a verb that denies the one after it
    ("Harwick Water failed to restore the supply to the valley on Monday.",
     "Harwick Water restored the supply to most of the valley on Monday.", ["polarity"]),
    ("Mayor Ann Teale refused to sign the contract with Orrel.",
     "Ann Teale signed the contract with Orrel last week.", ["polarity"]),
    # a verb with no object, told both ways
    ("The bridge did not collapse, engineers said.",
     "The bridge collapsed on Tuesday, engineers said.", ["polarity"]),
    ("The bridge did not collapse, engineers said.",
     "The tower collapsed on Tuesday, engineers said.", []),
    # "The" opens a sentence; it names no one
    ("The storm did not reach the coast.", "The flood reached the coast by noon.", []),
])
def test_what_a_named_party_did_or_did_not_do(project, a, b, kinds):
    found = check(project, (a, DAY), (b, DAY))
    assert [k for k, _, _ in found] == kinds, found


def test_not_yet_then_done_is_an_update(project):
    found = check(project,
                  ("Police said Teale has not yet been charged with any crime after the crash.", "2024-05-02"),
                  ("Teale has been charged with reckless driving after the crash, police said.", "2024-05-06"))
    assert [(k, s) for k, s, _ in found] == [("update", "low")], found


def test_a_name_in_apposition_and_he_or_she_after_it_are_the_party(project):
    found = check(project,
                  ("The pilot, Ann Teale, has not been charged with any offence, police said.", DAY),
                  ("Police questioned the pilot, Ann Teale, on Monday. She has been charged with "
                   "manslaughter, officers said.", DAY))
    assert [(k, s) for k, s, _ in found] == [("polarity", "low")], found


def test_a_measure_word_by_both_values_aligns_them_in_different_sentences(project, monkeypatch):
    """Two lengths of one stoppage share only the word that says what they measure (a
    delay); the rest of each sentence is the writer's own."""
    a = ("The final at Carrow Park was halted by a floodlight failure in front of 31,000 fans. "
         "Players and referees sat shivering in cold dressing rooms through the 41-minute delay "
         "that nobody in the stadium could explain.", DAY)
    b = ("The floodlights at Carrow Park failed in the second half. Engineers from Halden Power "
         "replaced two fuses. Play resumed after a 38-minute delay, with the home side leading "
         "by a goal.", DAY)
    found = check(project, a, b)
    assert [kind for kind, _, _ in found] == ["number"], found
    # the measure word is what aligned them: without its weight the words around say too little
    monkeypatch.setattr("checker.align.FAMILY_BONUS", 0.0)
    monkeypatch.setenv("CHECKER_NO_CACHE", "1")
    assert check(project, a, b) == []


def test_the_date_of_an_approval_is_not_the_date_of_a_rejection(tmp_path):
    """Opposite events of events.yaml name two measures: in the tram story (tests/eval) the
    report that the board rejected the extension in June 2019 is no side of the dispute
    over when it was approved."""
    shutil.copytree(Path(__file__).parent / "eval" / "tram" / "sources", tmp_path / "sources")
    found = pipeline.run(pipeline.Project(tmp_path / "sources")).conflicts
    approval = [c for c in found if c.kind == "date" and "approv" in c.topic]
    assert [sorted({x.source for x in c.claims}) for c in approval] == [["authority", "herald"]], \
        [(c.topic, [x.source for x in c.claims]) for c in found]


@pytest.mark.parametrize("sentence, span", [
    ("Dorran Mills made a third-quarter profit of £12m.", "quarter"),
    ("Dorran Mills made a full-year profit of £40m.", "year"),
    ("Quarterly sales at Dorran Mills rose to £90m.", "quarter"),
    ("Dorran Mills cut a quarter of its 800 jobs.", None),  # a fraction, not a span
    ("Dorran Mills made a profit of £40m.", None),
])
def test_the_span_a_figure_covers_is_a_qualifier_of_its_claim(project, sentence, span):
    write_source(project / "sources", "a.md", sentence, published=DAY)
    source = read_sources(project / "sources")[0]
    claims = pipeline.extract_sources([source], load_lexicon(None))[source.id].claims
    figures = [c for c in claims if c.value.type == "number"]
    assert figures and {c.qualifiers.get("span") for c in figures} == {span}, claims


def test_a_condition_word_well_after_a_figure_is_not_its_condition(project):
    """'target' four words on is what the sale beat; the 90 million shares are a result."""
    found = check(project,
                  ("Ossen sold its 90 million shares at well over target price, the bank said.", DAY),
                  ("Ossen sold 96 million shares to pension funds, the bank said.", DAY))
    assert [kind for kind, _, _ in found] == ["number"], found


@pytest.mark.parametrize("sentence, tallies", [
    ("The Harriers were leading 21-6, the league said.", [[21, 6]]),
    ("The court upheld the ban 5-4 on Monday.", [[5, 4]]),
    ("A 3-2 win over Orrel.", [[3, 2]]),
    ("Aged 18-24, about 60-70 km away.", []),  # ranges
    ("The 2012-13 season began on 4-5 June.", []),
    ("It was 21-4.5 at one point.", []),
])
def test_a_score_or_a_vote_is_read_as_a_tally(project, sentence, tallies):
    write_source(project / "sources", "a.md", sentence, published=DAY)
    source = read_sources(project / "sources")[0]
    mentions = pipeline.extract_sources([source], load_lexicon(None))[source.id].mentions
    assert [m.value.values for m in mentions if m.value.type == "tally"] == tallies


def test_scores_of_one_moment_that_disagree_are_a_conflict(project):
    found = check(project,
                  ("The Harriers were leading 21-6 when the floodlights failed at Carrow Park.", DAY),
                  ("The floodlights failed at Carrow Park with the Harriers leading 21-3.", DAY))
    assert [(kind, quotes) for kind, _, quotes in found] == [("number", {
        "The Harriers were leading 21-6 when the floodlights failed at Carrow Park.",
        "The floodlights failed at Carrow Park with the Harriers leading 21-3."})], found


@pytest.mark.parametrize("other", [
    "The Harriers beat Orrel 34-31 at Carrow Park after the floodlights failed.",  # the result
    "Orrel cut the Harriers' lead to 21-14 at Carrow Park after the floodlights failed.",  # later
])
def test_scores_of_other_moments_of_a_game_are_not_compared(project, other):
    found = check(project,
                  ("The Harriers were leading 21-6 when the floodlights failed at Carrow Park.", DAY),
                  (other, DAY))
    assert found == [], found


_EXTRACTOR = []


@given(first=st.integers(0, 999), second=st.integers(0, 999))
@settings(max_examples=60, deadline=None)
def test_two_counts_joined_by_a_dash_are_a_tally_when_the_first_is_not_below(tmp_path_factory, first, second):
    """'21-6' is a score; '6-21' a range, read with the quantities, never a tally."""
    from checker.extract import Extractor
    if not _EXTRACTOR:
        _EXTRACTOR.append(Extractor(load_lexicon(None)))
    folder = tmp_path_factory.mktemp("tally")
    write_source(folder, "a.md", f"The Harriers were leading {first}-{second}, the league said.", published=DAY)
    mentions = _EXTRACTOR[0].extract(read_sources(folder)[0]).mentions
    tallies = [m.value.values for m in mentions if m.value.type == "tally"]
    assert tallies == ([[first, second]] if first >= second else [])


@pytest.mark.parametrize("a, b, kinds", [
    # a thing's state told with no party, by verbs that tell one event
    ("By Sunday the divers had reported no recovered parts of the wreck.",
     "Parts of the wreck were found off the headland on Saturday, divers said.", ["polarity"]),
    ("No bodies have been found in the rubble of the mill, firefighters said.",
     "Two bodies were recovered from the rubble of the mill on Sunday.", ["polarity"]),
    # a prefix that negates; the head of "the cause of the fire" is the cause
    ("The cause of the fire at the Orrel mill remains unconfirmed.",
     "The cause of the fire at the Orrel mill was confirmed by investigators on Friday.", ["polarity"]),
    # two things: no conflict
    ("No bodies have been found in the rubble of the mill, firefighters said.",
     "Two cars were found in the rubble of the mill on Sunday.", []),
    # "was found to": a finding about it, not that it was found
    ("The boiler at the Orrel mill was found to have failed, investigators said.",
     "No boiler parts were found in the rubble of the Orrel mill.", []),
    # both told the same way
    ("Parts of the wreck have been found off the headland.",
     "Parts of the wreck were recovered off the headland on Monday.", []),
])
def test_what_is_said_of_a_thing_with_no_party(project, a, b, kinds):
    found = check(project, (a, DAY), (b, DAY))
    assert [k for k, _, _ in found] == kinds, found


def test_a_sentence_opening_date_is_the_date_of_its_clause_s_verb(project):
    """The date stands many words before its verb; that verb, not the words between, says
    what it dates."""
    found = check(project,
                  ("The mill's owner, a man of 64 from the valley town of Orrel, died on 28 April.", DAY),
                  ("On 27 April, the owner of the Orrel mill and one of his two long-serving "
                   "engineers passed away in hospital.", DAY))
    assert [(k, {c for c in q if "April" in c} != set()) for k, _, q in found] == [("date", True)], found


def test_a_date_years_before_the_report_is_not_the_day_of_its_news(project):
    """A report's news happened days before it; a year it recalls is another event."""
    found = check(project,
                  ("The owner of the Orrel mill died on 28 April, the family said.", DAY),
                  ("The owner of the Orrel mill passed away on 27 April. His brother died at the "
                   "same mill in 2009.", DAY))
    assert [sorted(q) for _, _, q in found] == \
        [["The owner of the Orrel mill died on 28 April, the family said.",
          "The owner of the Orrel mill passed away on 27 April."]], found


def test_a_user_pack_teaches_verbs_that_tell_one_event(project):
    a = ("No whales have been sighted in the Orrel estuary this week.", DAY)
    b = ("Three whales were spotted in the Orrel estuary on Monday.", DAY)
    assert check(project, a, b) == []
    (project / "lexicon").mkdir()
    (project / "lexicon" / "sea.yaml").write_text("alike:\n  - [sight, spot, see]\n")
    assert [kind for kind, _, _ in check(project, a, b)] == ["polarity"]


@pytest.mark.parametrize("b, found_kinds", [
    # each report's one time of day, told with no word in common: unsure, so low
    ("On Monday at 9:10 a.m. a tank blew apart.", [("date", "low")]),
    # hours apart: not one moment
    ("On Monday at 1:10 p.m. a tank blew apart.", []),
    # a report that gives two times does not say which is the story's moment
    ("Staff arrived at 7:00 a.m. on Monday; at 9:10 a.m. a tank blew apart.", []),
])
def test_reports_that_each_give_one_time_of_day_are_compared(project, b, found_kinds):
    found = check(project, ("Fire crews raced to the Varne refinery in Dorran. Workers heard a "
                            "deafening bang at about 8.50am.", DAY),
                  ("A fire broke out at the Varne refinery in Dorran. " + b, DAY))
    assert [(k, s) for k, s, _ in found] == found_kinds, found


def test_a_role_told_inside_a_sentence_is_a_party(project):
    found = check(project,
                  ("Officials said the harpoons did not fire when the probe touched down on the comet.", DAY),
                  ("The harpoons fired as planned as the probe touched down, the agency said.", DAY))
    assert [(k, s) for k, s, _ in found] == [("polarity", "low")], found


@pytest.mark.parametrize("b, found", [
    # one list leaves a name out: low, it may be shorter rather than wrong
    ("Before falling ill, the trader had travelled to Orvania and Castria, officials said.",
     [("entity", "low")]),
    # another name in place of one: a contradiction
    ("Before falling ill, the trader had travelled to Orvania, Belmark and Dunmore, officials said.",
     [("entity", "medium")]),
    # the same names in another order
    ("Officials said the trader had travelled to Castria, Orvania and Belmark before falling ill.", []),
    # a list another verb governs is another list
    ("Officials said the trader had bought goods from Orvania and Castria before falling ill.", []),
    # one name with "and" in it is not a list
    ("Officials said the trader had travelled to the Electoral and Boundaries Commission.", []),
])
def test_lists_of_names_a_verb_governs_are_compared(project, b, found):
    a = ("Before falling ill, the trader had travelled to Orvania, Belmark and Castria, officials said.", DAY)
    assert [(k, s) for k, s, _ in check(project, a, (b, DAY))] == found


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["Orvania", "Belmark", "Castria", "Dunmore", "Quellan", "Zarbek"]),
                min_size=2, max_size=5, unique=True), st.booleans())
def test_a_governed_list_is_read_as_its_set_of_names(names, oxford):
    from checker.extract.measures import MeasureReader
    from checker.models import Sentence
    from checker.words import Concepts
    joined = ", ".join(names[:-1]) + ("," if oxford and len(names) > 2 else "") + " and " + names[-1]
    text = f"The envoy travelled to {joined} last week."
    reader = MeasureReader(Concepts(load_lexicon()), set())
    found = reader.mentions(Sentence(source="s", index=0, text=text, start=0, end=len(text), line=1), [], [], {})
    lists = [m for m in found if m.value.type == "entity"]
    assert [m.value.key for m in lists] == ["; ".join(sorted(n.lower() for n in names))]
    assert lists[0].raw == joined
