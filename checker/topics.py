"""Stage 3, topics: claims from every source → groups of claims about the same thing.

A topic is a canonical subject + predicate + the qualifiers that must match
(period, state, date of an event). Claims are blocked on predicate and
qualifiers first, so unrelated claims are never compared; inside a block,
subjects spelt a little differently are merged with rapidfuzz (`cdist`).
Claims whose period is not stated are keyed "as of" their source's
publication month, and what they take part in is marked as less certain.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein
from rapidfuzz.process import cdist

from .aliases import normalise_name
from .models import Claim, Source
from .words import lemmas, noun_lemma, past_participle

SUBJECT_MERGE_SCORE = 90  # token_sort_ratio at or above which two subjects are one


@dataclass
class Topic:
    key: str
    block: tuple  # what must match exactly: kind, predicate, qualifiers
    label: str
    kind: str  # the conflict kind a disagreement here would be: date | number | percent | polarity
    claims: list[Claim] = field(default_factory=list)
    undated: bool = False  # the period was not stated and was taken from publication

    @property
    def sources(self) -> list[str]:
        return sorted({c.source for c in self.claims})


def _as_of(source: Source | None) -> str:
    published = source.meta.published if source else None
    if published is None:
        return "~unknown"
    return "~" + (f"{published.year:04d}-{published.month:02d}" if published.month else str(published.year))


def _block(claim: Claim, sources: dict[str, Source]) -> tuple | None:
    """The part of the topic key that must match exactly, or None: not comparable."""
    q = claim.qualifiers
    kind = claim.value.type
    if kind == "date":
        return ("date", claim.predicate, q.get("state", ""), q.get("direction", ""))
    if kind == "polarity":
        if "date" not in q:
            return None  # a state changes over time: without a date there is nothing to compare
        return ("polarity", claim.predicate, q.get("state", ""), q["date"][:7])
    if kind == "percent":
        return ("percent", "percent", *_span(q), q.get("period") or _as_of(sources.get(claim.source)))
    if kind == "number":
        if claim.predicate == "count":
            return None  # a figure with no verb says too little about what it counts
        return ("number", claim.predicate, claim.subject, q.get("entity", ""), *_span(q),
                q.get("period") or _as_of(sources.get(claim.source)))
    if kind == "entity":
        if claim.predicate == "holder":  # people change jobs: compare within a year
            return ("entity", "holder", _as_of(sources.get(claim.source))[:5])
        return ("attribution", claim.predicate, q.get("direction", ""))
    return None


def _span(q: dict) -> tuple:
    """The span a figure covers, as part of its key only when stated, so the keys (and the
    conflict ids verdicts are filed under) of figures that state none stay as they were."""
    return (q["span"],) if q.get("span") else ()


def subject_key(claim: Claim) -> str:
    """What a claim is about, as compared: a number's owner, else the normalised subject."""
    if claim.value.type == "number":
        return claim.qualifiers.get("entity", "")
    return normalise_name(claim.subject)


_GLUE = {"in", "of", "on", "at", "for", "to", "the", "a", "an", "and", "by", "with", "from"}


def _content_words(text: str) -> list[str]:
    """Words that carry meaning: no glue words, no possessive endings."""
    return [re.sub(r"['’]s$", "", w) for w in text.split() if w not in _GLUE]


def _typo_apart(a: str, b: str, typos: bool = True) -> bool:
    """Every word one has and the other lacks pairs with a word a typo away (with `typos`;
    else not at all): "Ashbrook Hospital" and "Ashleybrook Hospital" are two places."""
    wa, wb = _content_words(a), _content_words(b)
    extra_a = [w for w in wa if w not in wb]
    extra_b = [w for w in wb if w not in wa]
    if len(extra_a) != len(extra_b):
        return False
    for word in extra_a:
        # a typo is forgiven in a dictionary word, never in a name: Penbranros ≠ Kesbranros
        limit = 0 if not typos or not lemmas(word) else 2 if len(word) >= 10 else 1
        match = next((w for w in extra_b if Levenshtein.distance(word, w) <= limit), None)
        if match is None:
            return False
        extra_b.remove(match)
    return True


def _merge_quotes(quotes: list[str]) -> dict[str, str]:
    """The same quote: equal words, or one cut short and contained in the other. A quote
    contained in another shares all its five-word runs with it, its rarest run included,
    so each quote is checked only against the quotes that hold its rarest run: never all
    against all, however many quotes share common phrases."""
    parent = {q: q for q in quotes}

    def find(q: str) -> str:
        while parent[q] != q:
            q = parent[q]
        return q

    def runs(q: str) -> list[str]:
        words = q.split()
        return [" ".join(words[i:i + 5]) for i in range(max(len(words) - 4, 1))]

    holders: dict[str, list[str]] = {}
    for q in quotes:
        for run in set(runs(q)):
            holders.setdefault(run, []).append(q)
    for q in quotes:
        rarest = min(runs(q), key=lambda run: (len(holders[run]), run))
        for other in holders[rarest]:
            if other != q and len(other) >= len(q) and f" {q} " in f" {other} " and find(q) != find(other):
                a, b = sorted((find(q), find(other)))
                parent[b] = a
    return {q: find(q) for q in quotes}


def _merge_subjects(subjects: list[str], scorer=fuzz.token_sort_ratio, typos: bool = True) -> dict[str, str]:
    """Map each subject to a representative: near-identical spellings become one."""
    if len(subjects) < 2:
        return {s: s for s in subjects}
    scores = cdist(subjects, subjects, scorer=scorer, dtype=np.uint8,
                   score_cutoff=SUBJECT_MERGE_SCORE)
    parent = list(range(len(subjects)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        a, b = find(i), find(j)
        parent[max(a, b)] = min(a, b)

    for i, j in zip(*np.nonzero(scores)):
        if i < j and _typo_apart(subjects[i], subjects[j], typos):
            union(int(i), int(j))
    # a one-word title before a name: "striker marco bellini" is "marco bellini"
    index = {s: i for i, s in enumerate(subjects)}
    for i, s in enumerate(subjects):
        words = s.split()
        if len(words) >= 3 and " ".join(words[1:]) in index:
            union(i, index[" ".join(words[1:])])
    return {s: subjects[find(i)] for i, s in enumerate(subjects)}


def direction_words(frames) -> dict[tuple[str, str], str]:
    """(frame, direction) → the word a topic label gives it: the frame's first verb, as a
    past participle ("opening", negative → "closed")."""
    return {(frame.name, direction): past_participle(phrases[0]) for frame in frames
            for direction, phrases in (("positive", frame.positive), ("negative", frame.negative)) if phrases}


def group(claims: list[Claim], sources: list[Source],
          directions: dict[tuple[str, str], str] | None = None) -> list[Topic]:
    """`directions`: the words labels give events' directions (`direction_words`)."""
    by_id = {s.id: s for s in sources}
    blocks: dict[tuple, list[Claim]] = {}
    for claim in claims:
        block = _block(claim, by_id)
        if block is not None:
            blocks.setdefault(block, []).append(claim)
    topics: dict[str, Topic] = {}
    for block in sorted(blocks):
        members = blocks[block]
        subjects = sorted({subject_key(c) for c in members})
        if block[:2] == ("attribution", "speaker"):
            representative = _merge_quotes(subjects)
        else:
            # names of things are not forgiven a typo: Sutton and Hutton are two towns
            representative = _merge_subjects(subjects, typos=block[0] in ("percent", "number"))
        for claim in members:
            subject = representative[subject_key(claim)]
            key = "|".join([*map(str, block), subject])
            topic = topics.get(key)
            if topic is None:
                topic = topics[key] = Topic(key=key, block=block, label=_label(block, claim, directions or {}),
                                            kind=block[0],
                                            undated=str(block[-1]).startswith("~"))
            topic.claims.append(claim)
    for topic in topics.values():
        topic.claims.sort(key=lambda c: (c.source, c.start, c.id))
    return [topics[k] for k in sorted(topics)]


def _as_written(key: str, quote: str) -> str:
    """A metric as the sentence writes it ("999 calls answered within 10 seconds") for its
    matching key, whose words are lemmas ("999 call answered within 10 second")."""
    wanted = key.split()
    tokens = [(m.group(), m.start(), m.end()) for m in re.finditer(r"[A-Za-z0-9][A-Za-z0-9&'’.,-]*[A-Za-z0-9]|\w", quote)]
    def same(token: str, word: str) -> bool:
        low = token.lower().replace(",", "")
        return low == word or noun_lemma(low) == word
    for i in range(len(tokens)):
        k, j = 0, i
        while j < len(tokens) and k < len(wanted):
            if same(tokens[j][0], wanted[k]):
                k += 1
            elif k == 0 or tokens[j][0].lower() not in _GLUE | {"are", "is", "was", "were"}:
                break  # only glue words may stand between the key's words
            j += 1
        if k == len(wanted):
            return quote[tokens[i][1]:tokens[j - 1][2]]
    return key


def _label(block: tuple, claim: Claim, directions: dict[tuple[str, str], str]) -> str:
    """A topic name a person can read."""
    q = claim.qualifiers
    kind = block[0]
    if kind == "date":
        what = claim.predicate
        if q.get("state"):
            what += f" ({'into' if q.get('direction') == 'positive' else 'out of'} {q['state']})"
        elif q.get("direction"):  # "date of opening (close)": which way, in the frame's word
            what += f" ({directions.get((claim.predicate[8:], q['direction']), q['direction'] + ' direction')})"
        return f"{claim.subject}: {what}"
    if kind == "polarity":
        return f"{claim.subject}: {claim.predicate} ({q.get('state', '')}, {q['date'][:7]})"
    if kind == "entity":
        return f"{claim.subject} ({block[-1][1:]})"
    if kind == "attribution":
        if claim.predicate == "speaker":
            words = claim.subject.split()
            return f"speaker of the quote “{' '.join(words[:8])}{'…' if len(words) > 8 else ''}”"
        return f"{claim.subject}: {claim.predicate}"
    period = block[-1]
    when = f"as of {period[1:]}, period not stated" if period.startswith("~") else period
    if q.get("span"):
        when += f", {q['span']}"
    if kind == "percent":
        return f"share: {_as_written(claim.subject, claim.quote)} ({when})"
    owner = f"{q['entity']}: " if q.get("entity") else ""
    what = f"amount in {claim.subject}" if claim.subject.isupper() else f"number of {claim.subject}"
    return f"{owner}{what}, {claim.predicate} ({when})"
