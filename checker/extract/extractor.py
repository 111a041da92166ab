"""The extraction of one source, step by step: sentences → mentions → measures → claims."""
from __future__ import annotations

from typing import Optional

from ..aliases import AliasTable, EntityFinder, normalise_name
from ..attribution import Attributor
from ..dates import DateResolver
from ..lexicon import Lexicon
from ..models import Claim, Extraction, Source
from ..words import Concepts, distinctive, name_words
from .assertions import AssertionReader
from .claims import ClaimReader
from .measures import MeasureReader
from .mentions import MentionFinder
from .sentences import split_sentences

SALIENT = 5  # names a source mentions most: what its story is about


class Extractor:
    def __init__(self, lex: Lexicon):
        self.lex = lex
        self.table = AliasTable(lex)
        attributor = Attributor(lex)
        self.mentions = MentionFinder(lex, attributor)
        units = {*lex.numbers.units, *(u.base for u in lex.numbers.units.values()),
                 *lex.numbers.currencies.values(), "metre/hour", "percentage point"}
        concepts = Concepts(lex)
        self.measures = MeasureReader(concepts, units, self.table.lookup)
        self.assertions = AssertionReader(concepts)
        self.claims = ClaimReader(lex, attributor)

    def extract(self, source: Source) -> Extraction:
        sentences = split_sentences(source)
        resolver = DateResolver(source.meta.published, self.lex.english.financial_year_start)
        finder = EntityFinder(self.lex, self.table)
        finder.prime([s.text for s in sentences])
        claims: dict[str, Claim] = {}
        mentions = []
        previous_metric: Optional[str] = None
        memory: dict = {}
        names: dict[str, int] = {}
        people_names: set[str] = set()
        last_person = ""
        for sent in sentences:
            ctx = self.mentions.sentence(sent, resolver, finder, memory)
            person_at = {p.end for p in ctx.people}
            for m in ctx.entities:
                if m.via in ("alias", "name") and (m.kind or len(m.canonical.split()) >= 2):
                    key = normalise_name(m.canonical)
                    names[key] = names.get(key, 0) + 1
                    if m.end in person_at:
                        people_names.add(key)
            periods = self.claims.periods(ctx)
            mentions.extend(self.measures.mentions(sent, ctx.quantities, ctx.dates, periods))
            mentions.extend(self.assertions.mentions(sent, last_person))
            if ctx.people:
                last_person = ctx.people[-1].name.lower()
            for claim in self.claims.read(ctx, previous_metric, periods):
                claims.setdefault(claim.id, claim)
                if claim.predicate == "percent":
                    previous_metric = claim.subject
        top = [k for k, _ in sorted(names.items(), key=lambda kv: (-kv[1], kv[0]))[:SALIENT]]
        # the names, and their words no dictionary knows ('hollin' of 'Hollin Airport'):
        # two sources sharing one of these are about the same story
        # of a person's name only the surname: first names are shared by many stories
        salient = sorted(set(top) | {w for n in top for w in (n.split()[-1:] if n in people_names else n.split())
                                     if distinctive(w)})
        # every distinctive word of every name it mentions: alignment's test of one story
        named = sorted({w for n in names for w in (n.split()[-1:] if n in people_names else n.split())
                        if distinctive(w)} | {w for sent in sentences for w in name_words(sent.text)})
        return Extraction(claims=sorted(claims.values(), key=lambda c: (c.start, c.end, c.predicate, c.id)),
                          mentions=mentions, salient=salient, names=named)
