"""The cache and the process pool change speed, never output."""
import sys
from pathlib import Path

from checker import pipeline
from checker.lexicon import load_lexicon
from checker.report import render
from checker.sources import read_sources

sys.path.insert(0, str(Path(__file__).parent / "benchmarks"))
from corpus import generate  # noqa: E402


def report_json(folder: Path) -> str:
    return render(pipeline.report(pipeline.run(pipeline.Project(folder))), "json")


def test_cold_warm_and_uncached_runs_give_the_same_bytes(tmp_path, monkeypatch):
    generate(tmp_path / "sources", 60)
    cold = report_json(tmp_path / "sources")
    assert any((tmp_path / ".checker-cache").rglob("*.json"))
    warm = report_json(tmp_path / "sources")
    monkeypatch.setenv("CHECKER_NO_CACHE", "1")
    assert cold == warm == report_json(tmp_path / "sources")


def test_a_changed_source_is_read_again_and_only_it(tmp_path):
    generate(tmp_path / "sources", 20)
    report_json(tmp_path / "sources")
    changed = tmp_path / "sources" / "a00003.md"
    changed.write_text(changed.read_text().replace("reopened in", "was reopened in"))
    sources = read_sources(tmp_path / "sources")
    lex = load_lexicon()
    from checker.cache import ExtractionCache
    calls = []
    real_get = ExtractionCache.get

    def counting_get(self, source):
        hit = real_get(self, source)
        calls.append((source.id, hit is not None))
        return hit
    ExtractionCache.get = counting_get
    try:
        pipeline.extract_sources(sources, lex, tmp_path / ".checker-cache")
    finally:
        ExtractionCache.get = real_get
    assert [sid for sid, hit in calls if not hit] == ["a00003"]


def test_parallel_and_serial_extraction_agree(tmp_path):
    generate(tmp_path / "sources", 45)
    sources = read_sources(tmp_path / "sources")
    lex = load_lexicon()
    serial = pipeline.extract_sources(sources, lex, None, workers=1)
    parallel = pipeline.extract_sources(sources, lex, None, workers=2)
    assert list(serial) == list(parallel) and serial == parallel


def test_a_damaged_cache_entry_is_ignored(tmp_path):
    generate(tmp_path / "sources", 5)
    first = report_json(tmp_path / "sources")
    for entry in (tmp_path / ".checker-cache").rglob("*.json"):
        entry.write_text("{not json")
    assert report_json(tmp_path / "sources") == first


def test_an_unchanged_run_is_reused_and_any_change_is_seen(tmp_path):
    generate(tmp_path / "sources", 30)
    first = pipeline.run(pipeline.Project(tmp_path / "sources"))
    again = pipeline.run(pipeline.Project(tmp_path / "sources"))
    assert first.claims and not again.claims  # reused: no claims were read again
    assert again.conflicts == first.conflicts and again.claim_count == first.claim_count
    full = pipeline.run(pipeline.Project(tmp_path / "sources"), full=True)
    assert full.claims and full.conflicts == first.conflicts
    claims = tmp_path / "claims"
    claims.mkdir()
    (claims / "a00000.yaml").write_text("source: a00000\nclaims: []\n")
    assert pipeline.run(pipeline.Project(tmp_path / "sources")).claims  # a claims file changed
