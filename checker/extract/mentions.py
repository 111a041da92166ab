"""Step 2, mentions: one sentence → what it mentions, found by the readers of each kind:
dates (relative ones resolved), quantities, entities (aliases, names, descriptors), the
people among them, and the clauses that tie a value to its subject and period.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..aliases import EntityFinder, EntityMention
from ..attribution import Attributor, Person
from ..dates import DateMention, DateResolver
from ..lexicon import Lexicon
from ..models import Sentence
from ..quantities import Quantity, QuantityFinder


@dataclass
class SentenceMentions:
    """What one sentence yields before claims are made from it."""

    sent: Sentence
    dates: list[DateMention]
    entities: list[EntityMention]
    segments: list[tuple[int, int]]
    masked: list[tuple[int, int]]
    people: list[Person]
    quantities: list[Quantity]
    memory: dict  # per source: the last thing each kind of event happened to

    def segment_of(self, pos: int) -> int:
        for i, (s, e) in enumerate(self.segments):
            if s <= pos < e:
                return i
        return len(self.segments) - 1



class MentionFinder:
    """The readers of each kind, built once from the lexicon; per source, a date resolver
    and an entity finder primed with the source's sentences."""

    def __init__(self, lex: Lexicon, attributor: Attributor):
        self.quantities = QuantityFinder(lex)
        self.attributor = attributor
        breaks = sorted((re.escape(b) for b in lex.english.clause_breaks), key=len, reverse=True)
        # a comma splits clauses unless it sits inside a figure ("8,000")
        self.break_pattern = re.compile(r"(?<!\d),|,(?!\d)|[;:()\[\]“”\"]|\s[–—-]\s|\b(?:"
                                        + "|".join(breaks) + r")\b", re.I)

    def sentence(self, sent: Sentence, resolver: DateResolver, finder: EntityFinder,
                 memory: dict) -> SentenceMentions:
        dates = resolver.find(sent.text)
        masked = [(d.start, d.end) for d in dates]
        entities = finder.find(sent.text, masked)
        people = people_of(self.attributor, sent.text, entities)
        quantities = self.quantities.find(sent.text, masked)
        return SentenceMentions(sent, dates, entities, self._segments(sent.text, masked), masked,
                                people, quantities, memory)

    def _segments(self, text: str, masked: list[tuple[int, int]]) -> list[tuple[int, int]]:
        cuts = [0]
        for m in self.break_pattern.finditer(text):
            if not any(s <= m.start() < e for s, e in masked):
                cuts.append(m.start())
        cuts.append(len(text))
        return [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]


def people_of(attributor: Attributor, text: str, entities: list[EntityMention]) -> list[Person]:
    return [p for p in (attributor.person(text, m) for m in entities) if p]
