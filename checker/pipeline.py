"""The whole pipeline: sources folder → claims → topics → conflicts → `Report`.

Folder layout (DESIGN.md): claims/, reports/, lexicon/ and verdicts sit beside
the sources folder. Nothing here prints or exits; the CLI does that.
"""
from __future__ import annotations

import hashlib
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Callable, Iterable, Protocol

from . import claims as claim_store
from . import verdicts
from .aliases import AliasTable, learnt_entities
from .cache import ExtractionCache
from .align import Aligner, Story, stories
from .compare import find_conflicts
from .extract import Extractor
from .lexicon import Lexicon, load_lexicon
from .models import Claim, Conflict, Extraction, Report, Source, Summary
from .sources import read_sources
from .topics import Topic, direction_words, group
from .words import Concepts

SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}


@dataclass
class Project:
    sources_dir: Path
    claims_override: Path | None = None

    @property
    def root(self) -> Path:
        return self.sources_dir.parent  # as given: messages show the path the user typed

    @property
    def claims_dir(self) -> Path:
        return self.claims_override or self.root / "claims"

    @property
    def reports_dir(self) -> Path:
        return self.root / "reports"

    @property
    def lexicon_dir(self) -> Path:
        return self.root / "lexicon"

    @property
    def cache_dir(self) -> Path | None:
        return None if os.environ.get("CHECKER_NO_CACHE") else self.root / ".checker-cache"

    @property
    def verdicts_path(self) -> Path:
        return self.root / "verdicts.yaml"

    @property
    def baseline_path(self) -> Path:
        return self.root / "baseline.yaml"


@dataclass
class Run:
    sources: list[Source]
    claims: list[Claim]
    topics: list[Topic]
    conflicts: list[Conflict]
    warnings: list[str] = field(default_factory=list)
    orphaned: list[str] = field(default_factory=list)  # verdicts whose conflict is gone
    lexicon: str = ""  # fingerprint of the word lists used
    claim_count: int = 0
    topic_count: int = 0  # topics with claims from two or more sources


class Engine(Protocol):
    """Where the two heavy steps run; everything else (claims, merge, verdicts, order) is
    this module's, whatever the engine. Without one (`engine=None`) both run on this
    machine: extraction across its cores, comparison in this process. checker/dask_engine.py
    runs them on a Dask cluster."""

    def extract(self, todo: list[Source], folder: Path, lex: Lexicon,
                cache: ExtractionCache) -> Iterable[tuple[str, Extraction]]:
        """(source id, extraction) for each source the cache missed, in any order; the
        sources' files are in `folder`; entries are written to `cache` as they are made."""

    def compare(self, lex: Lexicon, units: list[tuple[Story, list[Source]]]) -> Iterable[list[Conflict]]:
        """`Aligner(Concepts(lex)).compare(story, sources)` for each, in the same order."""


PARALLEL_FROM = 40  # sources to extract before a process pool pays for its start-up
CHUNK = 100  # sources a pool worker extracts per task, at most

_WORKER: Extractor | None = None


def _start_worker(lex: Lexicon) -> None:
    global _WORKER
    _WORKER = Extractor(lex)


def _extract_in_worker(source: Source) -> Extraction:
    return _WORKER.extract(source)


def _prepare(sources: list[Source], lex: Lexicon, cache_dir: Path | None) -> tuple[Lexicon, ExtractionCache]:
    """The lexicon with the aliases the sources define, and the cache keyed on both."""
    learnt = learnt_entities([s.text for s in sources], AliasTable(lex))
    if learnt:
        lex = lex.model_copy(update={"entities": [*lex.entities, *learnt]})
    words = hashlib.sha256(f"{lex.fingerprint}|{[e.model_dump() for e in learnt]}".encode()).hexdigest()
    return lex, ExtractionCache(cache_dir, words)


LARGE_SOURCE = 1_000_000  # characters: a source this long reports its progress as it is read


class _Reporting:
    """An extractor's mention finder that tells `within(source, percent)` at each tenth of a
    large source read (by the sentences' offsets), and otherwise is the finder it wraps."""

    def __init__(self, finder, source: Source, within: Callable[[Source, int], None]):
        self.finder, self.source, self.within, self.next = finder, source, within, 10

    def sentence(self, sent, *args, **kwargs):
        body = self.source.body_start
        percent = 100 * (sent.end - body) // max(1, len(self.source.text) - body)
        while self.next <= min(percent, 100):
            self.within(self.source, self.next)
            self.next += 10
        return self.finder.sentence(sent, *args, **kwargs)

    def __getattr__(self, name: str):
        return getattr(self.finder, name)


def _extract(extractor: Extractor, source: Source,
             within: Callable[[Source, int], None] | None) -> Extraction:
    finder = getattr(extractor, "mentions", None)
    if within is None or finder is None or len(source.text) <= LARGE_SOURCE:
        return extractor.extract(source)
    extractor.mentions = reporting = _Reporting(finder, source, within)
    try:
        extraction = extractor.extract(source)
    finally:
        extractor.mentions = finder
    if reporting.next <= 100:  # the last sentence ended before the text did
        within(source, 100)
    return extraction


def extract_sources(sources: list[Source], lex: Lexicon, cache_dir: Path | None = None,
                    progress: Callable[[int], None] | None = None,
                    workers: int | None = None,
                    within: Callable[[Source, int], None] | None = None,
                    engine: Engine | None = None, folder: Path | None = None) -> dict[str, Extraction]:
    """Extraction for every source: from the cache where the source is unchanged, else
    across all cores, or by `engine` from the files in `folder` (results in source order,
    so output does not depend on scheduling). `within(source, percent)` hears each tenth
    of a source over LARGE_SOURCE read, where the sources are read in this process (fewer
    than PARALLEL_FROM to read)."""
    lex, cache = _prepare(sources, lex, cache_dir)
    found: dict[str, Extraction] = {}
    todo = []
    for source in sources:
        hit = cache.get(source)
        if hit is None:
            todo.append(source)
        else:
            found[source.id] = hit
    if progress and len(found):
        progress(len(found))
    workers = workers or min(os.cpu_count() or 1, 8)
    if engine is not None and todo:
        for source_id, extraction in engine.extract(todo, folder, lex, cache):
            found[source_id] = extraction
            if progress:
                progress(1)
    elif len(todo) >= PARALLEL_FROM and workers > 1:
        with ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(lex,)) as pool:
            # a chunk's results are held until it is whole: at most CHUNK sources, so a
            # worker never holds thousands of extractions (860 MB each at 100,000 sources)
            chunk = max(1, min(CHUNK, len(todo) // (workers * 8)))
            results = pool.map(_extract_in_worker, todo, chunksize=chunk)
            for source, extraction in zip(todo, results):
                found[source.id] = extraction
                cache.put(source, extraction)
                if progress:
                    progress(1)
    else:
        extractor = Extractor(lex)
        for source in todo:
            found[source.id] = extraction = _extract(extractor, source, within)
            cache.put(source, extraction)
            if progress:
                progress(1)
    return {s.id: found[s.id] for s in sources}


def run(project: Project, lex: Lexicon | None = None,
        progress: Callable[[int, int], None] | None = None, full: bool = False,
        within: Callable[[Source, int], None] | None = None, engine: Engine | None = None) -> Run:
    """The whole pipeline. `progress(done, total)` hears how extraction is going, and
    `within(source, percent)` how a large source's is (see `extract_sources`). `engine`
    runs extraction and comparison elsewhere (see `Engine`); the output is the same. When
    nothing that conflicts depend on has changed since the last run, its conflicts are
    reused, and the Run holds no claims or topics, only their counts; `full` asks for
    those (the HTML report draws them)."""
    lex = lex or load_lexicon(project.lexicon_dir)
    sources = sorted(read_sources(project.sources_dir), key=lambda s: s.id)
    done = 0

    def step(n: int) -> None:
        nonlocal done
        done += n
        progress(done, len(sources))

    _, cache = _prepare(sources, lex, project.cache_dir)
    run_key = cache.run_key(sources, [project.claims_dir / f"{s.id}.yaml" for s in sources])
    reused = None if full else cache.get_run(run_key)
    if reused:
        claims, topics = [], []
        conflicts, claim_count, topic_count = reused.conflicts, reused.claims, reused.topics
    else:
        extracted = extract_sources(sources, lex, project.cache_dir, step if progress else None,
                                    within=within, engine=engine, folder=project.sources_dir)
        claims = []
        corrected: dict[tuple[str, int], Claim] = {}
        for source in sources:
            human = [c for c, _ in claim_store.read_human_claims(project.claims_dir, source)]
            claims.extend(claim_store.merge(extracted[source.id].claims, human))
            corrected.update(((c.source, c.start), c) for c in human)
        topics = group(claims, sources, direction_words(lex.frames))
        salient = {sid: set(x.salient) for sid, x in extracted.items()}
        conflicts = find_conflicts(topics, sources, claims, salient)
        mentions = [_as_corrected(m, corrected) for source in sources for m in extracted[source.id].mentions]
        names = {sid: set(x.names) for sid, x in extracted.items()}
        aligner = Aligner(Concepts(lex))
        compare = (partial(engine.compare, lex) if engine
                   else lambda units: (aligner.compare(unit, of) for unit, of in units))
        aligned = _compare(compare, mentions, sources, salient, names, cache, project)
        conflicts = merge_conflicts(_vetoed(conflicts, mentions, aligner), aligned)
        claim_count = len(claims)
        topic_count = sum(1 for t in topics if len({c.source for c in t.claims}) > 1)
        cache.put_run(run_key, conflicts, claim_count, topic_count)
    verdict_file = verdicts.load_verdicts(project.verdicts_path)
    conflicts, orphaned = verdicts.apply(conflicts, verdict_file,
                                         verdicts.load_baseline(project.baseline_path))
    conflicts.sort(key=lambda c: (SEVERITY_ORDER[c.severity], c.topic, c.id))
    warnings = [w for s in sources for w in s.warnings]
    for conflict_id in orphaned:
        topic = verdict_file.verdicts[conflict_id].topic
        warnings.append(f"{project.verdicts_path.name}: the verdict on {conflict_id}"
                        f"{f' ({topic})' if topic else ''} names a conflict that no longer exists")
    return Run(sources, claims, topics, conflicts, warnings, orphaned, lex.fingerprint,
               claim_count, topic_count)


def _compare(compare: Callable[[list[tuple[Story, list[Source]]]], Iterable[list[Conflict]]],
             mentions: list, sources: list[Source], salient: dict[str, set[str]],
             names: dict[str, set[str]], cache: ExtractionCache, project: Project) -> list[Conflict]:
    """What `aligner.conflicts` gives, story by story, each story's conflicts taken from the
    cache when none of its sources (nor their hand-edited claims) changed: one changed
    article re-compares its own story, not the archive. `compare` compares the others
    (`Aligner.compare` of each, here or on an engine's workers), in their order."""
    by_id = {s.id: s for s in sources}
    keys = {s.id: cache.key(s) for s in sources}
    found: list[list[Conflict] | None] = []
    todo = []  # (place in found, story key, story, its sources)
    for unit in stories(mentions, salient, names):
        edits = b"".join(_claims_bytes(project, sid) for sid in unit.sources)
        key = cache.story_key([keys[sid] for sid in unit.sources if sid in keys], unit.guests, edits)
        found.append(cache.get_story(key))
        if found[-1] is None:
            todo.append((len(found) - 1, key, unit, [by_id[sid] for sid in unit.sources if sid in by_id]))
    compared = compare([(unit, of) for _, _, unit, of in todo])
    for (place, key, _, _), conflicts in zip(todo, compared, strict=True):
        cache.put_story(key, conflicts)
        found[place] = conflicts
    return [c for conflicts in found for c in conflicts]


def _claims_bytes(project: Project, source_id: str) -> bytes:
    path = project.claims_dir / f"{source_id}.yaml"
    try:
        return source_id.encode() + b"\0" + path.read_bytes()
    except OSError:
        return b""


def _as_corrected(mention, corrected: dict[tuple[str, int], Claim]):
    """A figure as a human corrected it in claims/: the claim edited at the same place
    gives its value (a human's word over the extractor's)."""
    claim = corrected.get((mention.source, mention.start))
    if claim is None or claim.value.type != mention.value.type:
        return mention
    return mention.model_copy(update={"value": claim.value})


def _vetoed(found: list[Conflict], mentions: list, aligner: Aligner) -> list[Conflict]:
    """Figures compared by their claims' keys, less those whose every disagreeing pair the
    measures tell apart (the claims' keys saw "rose" twice; the measures see revenue and
    profit)."""
    at = {(m.source, m.start): m for m in mentions}
    kept = []
    for conflict in found:
        sides = [at.get((c.source, c.start)) for c in conflict.claims]
        if conflict.kind == "number" and all(sides):
            pairs = [(a, b) for i, a in enumerate(sides) for b in sides[i + 1:]
                     if a.source != b.source and a.value != b.value]
            if pairs and all(aligner.measures_differ(a, b) for a, b in pairs):
                continue
        kept.append(conflict)
    return kept


def merge_conflicts(found: list[Conflict], aligned: list[Conflict]) -> list[Conflict]:
    """The conflicts of both comparisons, less repeats: a conflict whose sides (the same
    values from the same places) are all held by another is left out; the one from the
    claims is kept when both hold the same sides."""
    def sides(conflict: Conflict) -> frozenset:
        return frozenset((c.source, c.start) for c in conflict.claims)

    def holder(pool: list[frozenset]) -> Callable[[frozenset, bool], bool]:
        """Whether a conflict of `pool` holds all of the given sides (and more, if
        `strictly`): only those holding one side chosen are tested, never every pair."""
        by_side: dict[tuple, list[frozenset]] = {}
        for t in pool:
            for side in t:
                by_side.setdefault(side, []).append(t)
        return lambda s, strictly: any((s < t) if strictly else (s <= t) for t in by_side.get(min(s), ()))

    old = [(c, sides(c)) for c in found]
    new = [(c, sides(c)) for c in aligned]
    in_old, in_new = holder([t for _, t in old]), holder([t for _, t in new])
    kept = [c for c, s in old if not in_new(s, True)]
    seen = {c.id for c in kept}
    for conflict, s in new:
        if conflict.id in seen or in_old(s, False) or in_new(s, True):
            continue
        seen.add(conflict.id)
        kept.append(conflict)
    return kept


def report(result: Run, min_confidence: float = 0.0) -> Report:
    """The report, leaving out conflicts whose confidence is below `min_confidence`."""
    conflicts = [c for c in result.conflicts if c.confidence >= min_confidence]
    summary = Summary(sources=len(result.sources), claims=result.claim_count,
                      topics=result.topic_count, conflicts=len(conflicts),
                      new=sum(1 for c in conflicts if c.new),
                      unresolved=sum(1 for c in conflicts if c.status == "open"))
    return Report(sources=[s.summary() for s in result.sources], conflicts=conflicts,
                  summary=summary)


def write_claims(project: Project, lex: Lexicon | None = None) -> list[tuple[Source, int, int]]:
    """(Re)write claims/: returns (source, claims written, human claims kept) per source."""
    lex = lex or load_lexicon(project.lexicon_dir)
    sources = read_sources(project.sources_dir)
    extracted = extract_sources(sources, lex, project.cache_dir)
    human = {s.id: claim_store.read_human_claims(project.claims_dir, s) for s in sources}
    written = []
    for source in sources:  # everything read and checked before the first write
        claims = extracted[source.id].claims
        claim_store.write_claims(project.claims_dir, source, claims, human[source.id])
        kept = len(human[source.id])
        written.append((source, len(claim_store.merge(claims, [c for c, _ in human[source.id]])), kept))
    return written


def agreements(result: Run) -> dict[tuple[str, str], int]:
    """For each pair of sources, how many topics both speak to without disagreeing."""
    disagreeing = {(c.topic, a, b) for c in result.conflicts
                   for a in {x.source for x in c.claims} for b in {x.source for x in c.claims} if a < b}
    counts: dict[tuple[str, str], int] = {}
    for topic in result.topics:
        ids = sorted({c.source for c in topic.claims})
        for i, a in enumerate(ids):
            for b in ids[i + 1:]:
                if (topic.label, a, b) not in disagreeing:
                    counts[(a, b)] = counts.get((a, b), 0) + 1
    return counts
