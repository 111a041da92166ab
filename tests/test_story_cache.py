"""One changed article re-compares its own story only: each story's conflicts are cached
on the sources (and hand-edited claims) they depend on. Articles written for these tests."""
from checker import pipeline
from checker.align import Aligner
from conftest import write_source

STORIES = {
    "a1": "The landslide near Orrin killed 42 people, Mayor Edda Quell said on Tuesday.",
    "a2": "Mayor Edda Quell said the landslide near Orrin killed 57 people.",
    "b1": "The Calloway dairy plant in Venhurst employs 1,200 workers, Tomas Brell said.",
    "b2": "Tomas Brell said the Calloway plant in Venhurst employs 1,600 workers.",
}


def test_one_changed_source_re_compares_its_story_only(tmp_path, monkeypatch):
    for sid, body in STORIES.items():
        write_source(tmp_path / "sources", f"{sid}.md", body)
    calls = []
    compare = Aligner.compare
    monkeypatch.setattr(Aligner, "compare", lambda self, unit, sources: calls.append(unit.sources)
                        or compare(self, unit, sources))
    project = pipeline.Project(tmp_path / "sources")
    first = pipeline.run(project).conflicts
    assert sorted(calls) == [["a1", "a2"], ["b1", "b2"]]

    calls.clear()
    write_source(tmp_path / "sources", "b2.md", STORIES["b2"].replace("1,600", "1,700"))
    second = pipeline.run(project).conflicts
    assert calls == [["b1", "b2"]]  # the Orrin story came from the cache
    assert {c.id for c in first if c.claims[0].source.startswith("a")} == \
        {c.id for c in second if c.claims[0].source.startswith("a")}
    assert any("1,700" in x.raw for c in second for x in c.claims)

    calls.clear()  # a hand-edited claim of a source takes part in its story's key
    (tmp_path / "claims").mkdir(exist_ok=True)
    (tmp_path / "claims" / "a1.yaml").write_text("claims: []\n", encoding="utf-8")
    pipeline.run(project)
    assert calls == [["a1", "a2"]]


def test_a_cached_story_gives_what_comparing_it_again_gives(tmp_path, monkeypatch):
    for sid, body in STORIES.items():
        write_source(tmp_path / "sources", f"{sid}.md", body)
    project = pipeline.Project(tmp_path / "sources")
    pipeline.run(project)
    (tmp_path / ".checker-cache" / "last-run.json").unlink()  # not the whole run's entry
    cached = pipeline.run(project).conflicts
    monkeypatch.setenv("CHECKER_NO_CACHE", "1")
    fresh = pipeline.run(project).conflicts
    assert [c.model_dump() for c in cached] == [c.model_dump() for c in fresh]


def test_a_conflict_with_many_sides_is_told_by_value(tmp_path):
    """An archive's conflict may quote hundreds of reports: the explanation counts each
    value's quotes, and the text report lists two quotes per value and says how many more."""
    from checker.report import text
    for n in range(14):
        toll = 57 if n == 3 else 42
        write_source(tmp_path / "sources", f"r{n:02d}.md",
                     f"The landslide near Orrin killed {toll} people, Mayor Edda Quell said.")
    result = pipeline.run(pipeline.Project(tmp_path / "sources"))
    [conflict] = result.conflicts
    assert len(conflict.claims) == 14
    assert "57 people: 1 quote (R03)" in conflict.explanation
    assert "42 people: 13 quotes (R00, R01, R02, …)" in conflict.explanation
    shown = text.render(pipeline.report(result))
    assert shown.count("  - ") == 3 and "… and 11 more quotes" in shown
