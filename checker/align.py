"""Align: mentions from different sources → the ones about the same measure → conflicts.

Mentions meet by a scored similarity of their measures, never by equal strings alone:
the cosine of their concept weights (each concept weighted by nearness to the value and
by how rare it is across the run, so a name every sentence shares says little), gated by
what they count (a generic "people" may be "passengers", never "children"), their unit
class (money, length, speed… compare only with their like), their measure families, their
stated periods, and whether one is a condition or forecast rather than a result.

Blocking keeps the work near-linear: a mention is scored only against mentions of the same
unit class that share one of its strongest concepts, in sources of the same story. Between
two sources each mention keeps its best match; a pair is aligned when each is the other's
best (or one is, with a higher score). Aligned pairs whose values disagree are clashes;
clashes joined by shared mentions make one conflict, with every side's quote. When the
sides come from reports published on different days and the figure is a running tally
(deaths, cases) or the later one says it rose, it is an `update`, not an error.
"""
from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations

from .compare import evidence, interval, majority_note, said
from .models import CURRENCY_SYMBOLS, Claim, Conflict, DateValue, Mention, Source, TallyValue, content_id
from .words import Concepts, distinctive, name_words

ALIGN_AT = 0.15  # similarity from which two mutually best mentions measure the same thing
ONE_SIDED_AT = 0.3  # …and from which one's best match is taken even if not the other's
DATE_ALIGN_AT = 0.45  # dates are many in long reports, and meet on few words: ask more
RECENT_DAYS = 60  # a date this near its report's day is the news…
PAST_DAYS = 730  # …and one this long before it is history the report recalls
CLOCK_APPROX = 5  # minutes "around 8.50am" may be off
SOLE_CLOCK_MINUTES = 60  # how far apart two reports' only times of day may be and still meet
ONE_COUNTED = 0.8  # what is left of the similarity when only one figure names what it counts
MEDIUM_AT = 0.7  # confidence from which a conflict is shown as medium (high also needs a 10% gap)
SEVERAL = 0.8  # how well another value must align to count as the source's word too
UNIT_WEIGHT = 1.0  # the weight of a physical unit as a concept of its own
# units that say what is measured (a speed is a speed); a duration or a sum of money does not
PHYSICAL = {"metre", "kilogram", "metre/hour", "percentage point"}
FAMILY_BONUS = 0.25  # how much a measure word right by both values adds ("delay", "evacuated")
NEAR_BONUS = 0.3  # how much nearly equal values add to the similarity of their measures
BLOCK_CAP = 400  # mentions above which a block's concept is too common to pair on
BLOCK_KEYS = 8  # a mention's strongest concepts, each a block it is compared in
CORE = 0.4  # nearness from which a concept is part of a value's core (about three words)
OWNER_MISMATCH = 0.2  # what is left of it when the values are named for different owners
FAMILY_NEAR = 0.25  # nearness from which a measure family names what a value measures
NAME_WEIGHT = 0.6  # a name near a figure says whose it is, less what it measures
_BASES = {"second", "day", "month", "metre", "kilogram", "metre/hour", "percentage point"}


@dataclass
class _Item:
    mention: Mention
    cls: str
    vec: dict[str, float]
    norm: float
    keys: list[str] = field(default_factory=list)
    core: set[str] = field(default_factory=set)  # concepts right by the value, or what it counts
    families: set[str] = field(default_factory=set)  # the measure families near the value
    contrasts: set[str] = field(default_factory=set)  # the point of a course: open, close, peak
    condition: bool = False  # told as a condition, target or forecast ("needed 50%")
    owners: set[str] = field(default_factory=set)  # names right by the value
    names: set[str] = field(default_factory=set)  # every name no dictionary knows, in its window
    sole: bool = False  # the one time of day its report gives in this story
    age: str = ""  # a date's distance from its report's day: "recent", "past" or ""


def unit_class(m: Mention) -> str:
    v = m.value
    if v.type in ("date", "percent", "polarity", "tally", "entity"):
        return v.type
    if v.unit == "clock":
        return "clock"
    if " per " in m.counted:
        return m.counted  # a rate: "USD per share"
    if v.unit in CURRENCY_SYMBOLS:
        return "money:" + v.unit
    if v.unit in _BASES:
        return v.unit
    return "count"


class Aligner:
    def __init__(self, concepts: Concepts):
        self.concepts = concepts

    def conflicts(self, mentions: list[Mention], sources: list[Source],
                  salient: dict[str, set[str]], names: dict[str, set[str]] | None = None) -> list[Conflict]:
        """`salient`: per source, the names it mentions most; `names`: the distinctive
        words of all the names it mentions (both from extraction)."""
        by_id = {s.id: s for s in sources}
        return [c for unit in stories(mentions, salient, names)
                for c in self.compare(unit, [by_id[sid] for sid in unit.sources if sid in by_id])]

    def compare(self, unit: Story, sources: list[Source]) -> list[Conflict]:
        """The conflicts among one story's mentions: a story depends on nothing outside it
        (its concepts are weighed by their rarity within it), so stories may be compared
        apart, in any order, on any machine."""
        items = self._items([m for m in unit.mentions if m.value.type != "polarity"])
        _date_ages(items, {s.id: s for s in sources})
        _sole_clocks(items)
        pairs = self._candidates(items, unit.guests)
        scores: dict[tuple[int, int], float] = {}
        best: dict[tuple[int, str], tuple[float, int]] = {}
        for i, j in pairs:
            s = self.similarity(items[i], items[j])
            if s <= 0:
                continue
            scores[(i, j)] = s
            for a, b in ((i, j), (j, i)):
                key = (a, items[b].mention.source)
                if key not in best or (s, -b) > (best[key][0], -best[key][1]):
                    best[key] = (s, b)
        aligned = []
        for (i, j), s in sorted(scores.items()):
            ends = (best[(i, items[j].mention.source)][1] == j) + (best[(j, items[i].mention.source)][1] == i)
            # a date meets on few words: it needs more, unless both say what it is the
            # date of in the same way ("started on", "since": a start)
            told = items[i].families & items[j].families & self.concepts.date_families
            floor = DATE_ALIGN_AT if items[i].cls == "date" and not told else 0.0
            if s >= floor and ((ends == 2 and s >= ALIGN_AT) or (ends == 1 and s >= ONE_SIDED_AT)):
                aligned.append((i, j, s))
        by_id = {s.id: s for s in sources}
        by_sentence: dict[tuple[str, int], list[int]] = defaultdict(list)
        for k, item in enumerate(items):
            by_sentence[(item.mention.source, item.mention.sentence)].append(k)
        # a clash: an aligned pair whose values disagree, unless either side's source also
        # gives, aligned about as well to the other mention, a value that agrees with it
        # (a source may give several values: "rose from 78 to 80")
        agrees = [(i, j, s) for i, j, s in aligned if _agree(items[i].mention, items[j].mention)]
        agreeing: dict[int, dict[str, float]] = defaultdict(dict)  # mention → source → best agreeing
        backing: dict[int, set[int]] = defaultdict(set)  # mention → aligned mentions agreeing
        for i, j, s in agrees:
            for a, b in ((i, j), (j, i)):
                src = items[b].mention.source
                agreeing[a][src] = max(agreeing[a].get(src, 0.0), s)
                backing[a].add(b)
        clashes = [(i, j, s) for i, j, s in aligned
                   if agreeing[i].get(items[j].mention.source, 0.0) < SEVERAL * s
                   and agreeing[j].get(items[i].mention.source, 0.0) < SEVERAL * s
                   and not self._agree_in_sentence(items, i, j, by_sentence, scores)]
        found = []
        for members in _components(len(items), [(i, j) for i, j, _ in clashes]):
            mine = [(i, j, s) for i, j, s in clashes if i in members]
            # the other sources that give one of the clashing values, aligned to it
            sides = members | {k for m in members for k in backing[m]
                               if items[k].mention.source not in {items[x].mention.source for x in members}}
            found.append(self._conflict(items, sorted(sides), mine, by_id))
        polar = [m for m in unit.mentions if m.value.type == "polarity"]
        return found + _polarity_conflicts(polar, by_id, unit.guests)

    def measures_differ(self, a: Mention, b: Mention) -> bool:
        """Both values are named by a measure family right by them, and by no family in
        common: "revenue rose to £1.8bn" and "profit rose to £210m" measure two things."""
        fa, fb = (self._near_families(m) - self.concepts.contrasts for m in (a, b))
        return bool(fa and fb and not fa & fb)

    def _near_families(self, m: Mention) -> set[str]:
        return {c for c, w in m.concepts if w >= FAMILY_NEAR and c in self.concepts.labels}

    # -- measures ------------------------------------------------------------------
    def _items(self, mentions: list[Mention]) -> list[_Item]:
        df: dict[str, int] = defaultdict(int)
        for m in mentions:
            for c, _ in m.concepts:
                df[c] += 1
            df["unit:" + unit_class(m)] += 1
        n = len(mentions) or 1
        items = []
        for m in mentions:
            vec = {}
            concepts = list(m.concepts)
            cls = unit_class(m)
            if cls in PHYSICAL:
                concepts.append(("unit:" + cls, UNIT_WEIGHT))  # a speed, a length: the unit says what
            for c, w in concepts:
                weight = w * math.log(1 + n / df[c])
                vec[c] = weight * (NAME_WEIGHT if c.startswith("name:") else 1.0)
            norm = math.sqrt(sum(w * w for w in vec.values())) or 1.0
            item = _Item(m, cls, vec, norm)
            item.core = {c for c, w in m.concepts if w >= CORE and not c.startswith("name:")}
            near = self._near_families(m)
            item.families = near - self.concepts.contrasts
            item.contrasts = near & self.concepts.contrasts
            item.owners = {c for c, w in m.concepts if w >= CORE and c.startswith("name:")}
            item.condition = m.condition
            item.names = {c for c, _ in m.concepts if c.startswith("name:") and distinctive(c[5:])} | \
                {"name:" + w for w in name_words(m.quote)}
            strongest = sorted(vec, key=lambda c: (-vec[c], c))[:BLOCK_KEYS]
            item.keys = [f"{item.cls}|{c}" for c in strongest]
            if _numeric(m) and m.value.value:  # near-equal values meet whatever their words
                bucket = math.log10(abs(m.value.value)) * 40
                item.keys += [f"{item.cls}|~{math.floor(bucket)}", f"{item.cls}|~{math.floor(bucket + 0.5)}"]
            items.append(item)
        return items

    def _candidates(self, items: list[_Item], guests: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
        """Pairs of mentions from different sources that share a block: the pairs grow with
        the mentions of a block, never with the square of the story's. Two guests (sources
        of no known story) meet in their own unit, not in every story's."""
        blocks: dict[str, list[int]] = defaultdict(list)
        for k, item in enumerate(items):
            for key in item.keys:
                blocks[key].append(k)
        pairs = set()
        for key, members in sorted(blocks.items()):
            pairs.update(_across_sources(items, members))
        if guests:
            pairs = {(i, j) for i, j in pairs
                     if not (items[i].mention.source in guests and items[j].mention.source in guests)}
        return sorted(pairs)

    def similarity(self, a: _Item, b: _Item) -> float:
        if a.cls != b.cls:
            return 0.0
        ma, mb = a.mention, b.mention
        if ma.period and mb.period and ma.period != mb.period:
            return 0.0  # figures for different periods do not contradict each other
        shared = [c for c in a.vec if c in b.vec]
        near = _near_equal(ma, mb)
        ratio = _ratio(ma, mb)
        # the words right by a value say what it measures: one must be shared; or the unit
        # (two speeds), when the values are of one order
        one_moment = a.sole and b.sole and abs(ma.value.value - mb.value.value) <= SOLE_CLOCK_MINUTES
        if not (a.core & b.vec.keys() or b.core & a.vec.keys() or near or one_moment
                or ("unit:" + a.cls in a.vec and ratio <= 20)):
            return 0.0
        dot = sum(a.vec[c] * b.vec[c] for c in shared)
        score = dot / (a.norm * b.norm)
        if near and score > 0:  # "50.03%" and "50.07%": figures this close are one figure told twice
            score = score + NEAR_BONUS * (1 - score)
        names_a, names_b = a.names, b.names
        two_owners = bool((a.owners or b.owners) and names_a and names_b and not names_a & names_b)
        if a.families & b.families and score > 0 and not two_owners:
            score = score + FAMILY_BONUS * (1 - score)  # both named right by one measure word
        score *= self._counted_fit(ma.counted, mb.counted)
        if a.condition != b.condition:
            return 0.0  # a threshold or a forecast is not the result it is measured against
        if a.cls == "entity" and (ma.counted != mb.counted or not _listed(ma) & _listed(mb)):
            return 0.0  # lists told by other verbs, or with no name in common, are two lists
        if a.cls == "tally" and (ma.revised or mb.revised or a.contrasts != b.contrasts):
            # a score changes as a game goes on: one the game reached ("cut the lead to
            # 21-14") is a moment of it, and a lead is compared only with a lead
            return 0.0
        if a.contrasts and b.contrasts and not a.contrasts & b.contrasts:
            return 0.0  # the opening price is not the closing price
        if a.families and b.families and not a.families & b.families:
            return 0.0  # "80 children were hospitalised", "200 children were injured"
        if {a.age, b.age} == {"recent", "past"}:
            return 0.0  # the news of the day is not the event years before it recalls
        if self._opposed(a.core, b.core):
            return 0.0  # the day it was approved is not the day it was rejected
        if ratio > 20:
            # a twentyfold gap is more often two measures than one error; beyond a slip of
            # thousands for millions, nearly always ("$26" a share, "$26bn" the company)
            score *= 0.5 if ratio <= 2000 else 0.1
        if two_owners:
            score *= OWNER_MISMATCH  # a name right by one value, and no name in common: two owners
        if one_moment:  # each report gives one time of day, and they are near: unsure, not silent
            score = max(score, ALIGN_AT)
        return score

    def _opposed(self, a: set[str], b: set[str]) -> bool:
        opposite = self.concepts.opposite
        return any(opposite.get(c, set()) & b for c in a - b)

    def _counted_fit(self, a: str, b: str) -> float:
        """How well what two figures count fits: 'people' and 'passengers' may be the same
        people; 'people' and 'children' never are; 'cases' and 'deaths' are two measures."""
        if a == b or a in ("date", "percent"):
            return 1.0
        if not a or not b:
            return ONE_COUNTED  # one says what it counts, the other does not
        ka, kb = self.concepts.person_kind(a), self.concepts.person_kind(b)
        if ka and kb:
            if "subgroup" in (ka, kb):
                return 0.2
            return 1.0 if "generic" in (ka, kb) else 0.6
        ca, cb = self.concepts.concept(a), self.concepts.concept(b)
        if ca and ca == cb:
            return 1.0
        return 0.4 if (ka or kb) else 0.3

    # -- comparison ----------------------------------------------------------------
    def _agree_in_sentence(self, items: list[_Item], i: int, j: int,
                           by_sentence: dict, scores: dict) -> bool:
        """Two aligned mentions agree when their values do, or when another value in
        either sentence, as well aligned, agrees ("2,400 km (1,490 miles)")."""
        if _agree(items[i].mention, items[j].mention):
            return True
        for a, b in ((i, j), (j, i)):
            base = scores.get((min(a, b), max(a, b)), 0.0)
            for k in by_sentence[(items[b].mention.source, items[b].mention.sentence)]:
                if k != b and items[k].cls == items[a].cls:
                    s = scores.get((min(a, k), max(a, k)), 0.0)
                    if s >= 0.8 * base and _agree(items[a].mention, items[k].mention):
                        return True
        return False

    def _conflict(self, items: list[_Item], members: list[int], clashes: list,
                  by_id: dict[str, Source]) -> Conflict:
        i, j, score = max(clashes, key=lambda e: (e[2], -e[0], -e[1]))
        shared = self._shared(items[i], items[j])
        label = self._label(shared, items[i].mention)
        updates = [self._is_update(items[a], items[b], by_id) for a, b, _ in clashes]
        first = items[i].mention
        kind = "update" if all(updates) else "number" if first.value.type == "tally" else first.value.type
        if first.value.type == "number" and first.value.unit == "clock":
            kind = "date"  # a time of day is when something happened
        confidence = round(min(0.95, 0.35 + 0.75 * score), 2)
        severity = self._severity(kind, confidence, items[i].mention, items[j].mention)
        claims = []
        seen = set()
        for k in sorted(members, key=lambda k: (items[k].mention.source, items[k].mention.start)):
            m = items[k].mention
            if (m.source, m.start) in seen:
                continue
            seen.add((m.source, m.start))
            claims.append(_claim(m, label, confidence))
        values = sorted({c.value.model_dump_json() for c in claims})
        identity = {"measure": shared[:3], "kind": kind, "values": values}
        explanation = _explain(label, claims, by_id, kind)
        return Conflict(id=content_id("x", identity)[2:], topic=label, kind=kind, severity=severity,
                        confidence=confidence, explanation=explanation, claims=claims)

    def _shared(self, a: _Item, b: _Item) -> list[str]:
        common = [c for c in a.vec if c in b.vec]
        return sorted(common, key=lambda c: (-a.vec[c] * b.vec[c], c))

    def _label(self, shared: list[str], m: Mention) -> str:
        """A topic a person can read: the measure family's name ("deaths"), else the word
        as the sentence writes it ("valuation"), and whose it is when a name is shared."""
        if m.value.type == "entity":  # a list: the verb it hangs on, as written ("travelled")
            verb = m.counted.removeprefix("list of ")
            return f"names listed: {self._as_written(verb, m.quote) or verb}"
        words = []
        for c in shared:
            if c.startswith(("name:", "unit:")):
                continue
            word = self.concepts.labels.get(c) or self._as_written(c, m.quote) or c
            if word not in words:
                words.append(word)
            if len(words) == 2:
                break
        names = [self._as_written(c, m.quote, name=True) or c[5:].title()
                 for c in shared if c.startswith("name:")][:1]
        what = ", ".join(words) or "figure"
        if m.value.type == "date":
            what = f"date: {what}"
        elif getattr(m.value, "unit", "") == "clock":
            what = f"time: {', '.join(words)}" if words else "time of day"
        return f"{names[0]}: {what}" if names else what

    def _as_written(self, concept: str, quote: str, name: bool = False) -> str:
        for word in re.findall(r"[A-Za-z][A-Za-z'’-]*", quote):
            if name and "name:" + word.lower() == concept:
                return word
            if not name and self.concepts.concept(word) == concept:
                return word.lower()
        return ""

    def _is_update(self, a: _Item, b: _Item, by_id: dict[str, Source]) -> bool:
        if a.cls in ("date", "clock"):
            return False  # when something happened is not revised as a tally is
        if _later_than(a.mention, b.mention, by_id):
            later = a
        elif _later_than(b.mention, a.mention, by_id):
            later = b
        else:
            return False  # reports of the same day that disagree contradict each other
        running = any(c in self.concepts.running for c in self._shared(a, b)[:3])
        return running or later.mention.revised

    @staticmethod
    def _severity(kind: str, confidence: float, a: Mention, b: Mention) -> str:
        if kind == "update" or (kind == "entity" and (_listed(a) <= _listed(b) or _listed(b) <= _listed(a))):
            return "low"  # a list that leaves names out may be shorter, not wrong
        if confidence >= MEDIUM_AT and _gap(a, b) >= 0.1 and kind != "entity":
            return "high"  # (lists are read from their words alone: never more than medium)
        return "medium" if confidence >= MEDIUM_AT else "low"


def _numeric(m: Mention) -> bool:
    return m.value.type in ("number", "percent")


def _ratio(a: Mention, b: Mention) -> float:
    """How many times larger one value is than the other (1 for dates and zeros)."""
    if not (_numeric(a) and _numeric(b)):
        return 1.0
    x, y = abs(a.value.value), abs(b.value.value)
    return max(x, y) / min(x, y) if x and y else 1.0


def _near_equal(a: Mention, b: Mention) -> bool:
    """Close but not equal (within 2%), as a figure copied or revised slightly is."""
    if not (_numeric(a) and _numeric(b)) or getattr(a.value, "unit", "") == "clock":
        return False
    x, y = abs(a.value.value), abs(b.value.value)
    return x != y and max(x, y) > 0 and abs(x - y) / max(x, y) <= 0.02


def _gap(a: Mention, b: Mention) -> float:
    """How far apart two values are, relatively (dates and times: a full gap)."""
    if not _numeric(a) or getattr(a.value, "unit", "") == "clock":
        return 1.0
    x, y = abs(a.value.value), abs(b.value.value)
    return abs(x - y) / max(x, y) if max(x, y) else 0.0


def _listed(m: Mention) -> set[str]:
    return set(m.value.key.split("; "))


def _agree(a: Mention, b: Mention) -> bool:
    if a.value.type == "entity":
        return _listed(a) == _listed(b)
    if isinstance(a.value, (DateValue, TallyValue)):
        return a.value.agrees_with(b.value)
    if getattr(a.value, "unit", "") == "clock":  # "around 8.50am" may be 8.45 or 8.55; "10:15" is 10:15
        pad = {"approx": CLOCK_APPROX}
        return abs(a.value.value - b.value.value) <= pad.get(a.value.bound.value, 0.5) + pad.get(b.value.bound.value, 0.5)
    (lo1, hi1), (lo2, hi2) = interval(a), interval(b)
    return lo1 <= hi2 and lo2 <= hi1


def _claim(m: Mention, label: str, confidence: float) -> Claim:
    qualifiers = {"measure": ", ".join(c for c, _ in sorted(m.concepts, key=lambda cw: (-cw[1], cw[0]))[:4])}
    if m.period:
        qualifiers["period"] = m.period
    body = {"source": m.source, "subject": label, "predicate": "measure",
            "value": m.value.model_dump(mode="json"), "qualifiers": qualifiers, "start": m.start}
    return Claim(id=content_id("c", body), source=m.source, subject=label, predicate="measure",
                 value=m.value, raw=m.raw, qualifiers=qualifiers, quote=m.quote, start=m.start,
                 end=m.end, line=m.line, confidence=confidence)


def _explain(label: str, claims: list[Claim], by_id: dict[str, Source], kind: str) -> str:
    parts = []
    for c in claims:
        source = by_id.get(c.source)
        who = (source.meta.outlet or c.source) if source else c.source
        when = f" ({source.meta.published.human()})" if kind == "update" and source and source.meta.published else ""
        parts.append((f"{who}{when}", c.value.human()))
    parts = said(parts)
    lead = "A running figure revised between reports" if kind == "update" else label
    text = f"{lead}: " + "; ".join(parts) + "."
    if kind == "update":
        return text
    return text + (majority_note(claims, by_id) or evidence(claims, by_id))


@dataclass
class Story:
    """What one comparison needs: a story's sources and their mentions, and its guests,
    the sources nothing ties to a story (no names), which are compared within every story."""
    key: int
    sources: list[str]
    mentions: list[Mention]
    guests: frozenset[str] = frozenset()


def stories(mentions: list[Mention], salient: dict[str, set[str]],
            names: dict[str, set[str]] | None = None) -> list[Story]:
    """The mentions cut into stories (see `_stories`), in a stable order; stories of one
    source and no guests have nothing to compare and are left out."""
    names = {sid: set(words) for sid, words in (names or {}).items()}
    story = _stories(salient, names)
    by_source: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_source[m.source].append(m)
    members: dict[int, list[str]] = defaultdict(list)
    for sid in sorted(set(story) | set(by_source)):
        members[story.get(sid, -1)].append(sid)
    guests = members.pop(-1, [])
    units = []
    for key in sorted(members):
        sids = sorted(set(members[key]) | set(guests))
        if len(sids) > 1:
            units.append(Story(key, sids, [m for sid in sids for m in by_source.get(sid, ())],
                               frozenset(guests)))
    if len(guests) > 1:
        units.append(Story(-1, guests, [m for sid in guests for m in by_source.get(sid, ())]))
    return units


POLARITY_CONFIDENCE = 0.6  # one party, one verb, one object, told both ways: worth a look, not a shout


def _polarity_conflicts(mentions: list[Mention], by_id: dict[str, Source],
                        guests: frozenset[str] = frozenset()) -> list[Conflict]:
    """Sources that say a named party did a thing and sources that say it did not: the
    same name, verb lemma and object noun ("any" noun covers every one). A source that
    says both is left out of it; a later report that it happened after an earlier "not
    yet" is an update."""
    groups: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        groups[m.counted.split("|")[1]].append(m)
    found = []
    for verb, group in sorted(groups.items()):
        def fits(a: Mention, b: Mention) -> bool:
            """One party (a name word in common: "Ann Teale", "Teale"), one object."""
            (na, _, oa), (nb, _, ob) = a.counted.split("|"), b.counted.split("|")
            return bool(set(na.split()) & set(nb.split())) and (oa == ob or "*" in (oa, ob))
        torn = {m.source for m in group for o in group if o.source == m.source
                and o.value.polarity != m.value.polarity and fits(m, o)}
        told = [m for m in group if m.source not in torn]
        clashes = [(i, j) for i, a in enumerate(told) for j, b in enumerate(told)
                   if a.value.polarity == "positive" and b.value.polarity == "negative"
                   and a.source != b.source and fits(a, b)
                   and not (a.source in guests and b.source in guests)]
        for members in _components(len(told), clashes):
            mine = [(told[i], told[j]) for i, j in clashes if i in members]
            sides = sorted((told[k] for k in members), key=lambda m: (m.source, m.start))
            updates = [_later_than(a, b, by_id) and b.revised for a, b in mine]
            kind = "update" if all(updates) else "polarity"
            word = sides[0].counted.split("|")[0].split()[-1].title()
            label = f"{word}: {verb}"
            claims = [_claim(m, label, POLARITY_CONFIDENCE) for m in sides]
            identity = {"polarity": verb, "kind": kind,
                        "sides": sorted({c.value.model_dump_json() for c in claims})}
            found.append(Conflict(id=content_id("x", identity)[2:], topic=label, kind=kind,
                                  severity="low", confidence=POLARITY_CONFIDENCE,
                                  explanation=_explain(label, claims, by_id, kind), claims=claims))
    return found


def _date_ages(items: list[_Item], by_id: dict[str, Source]) -> None:
    """Mark each date near its report's publication day ("recent") or years before it
    ("past"): a report's news and the history it recalls are two events."""
    for item in items:
        m, source = item.mention, by_id.get(item.mention.source)
        published = source.meta.published if source else None
        if not isinstance(m.value, DateValue) or published is None:
            continue
        day = published.first_day()
        if (day - m.value.last_day()).days <= RECENT_DAYS and (m.value.first_day() - day).days <= RECENT_DAYS:
            item.age = "recent"
        elif (day - m.value.last_day()).days > PAST_DAYS:
            item.age = "past"


def _sole_clocks(items: list[_Item]) -> None:
    """Mark a time of day as its report's only one in the story (and give it a block of its
    own): reports that each give one time are likely telling the story's one moment."""
    times: dict[str, set[float]] = defaultdict(set)
    for item in items:
        if item.cls == "clock":
            times[item.mention.source].add(item.mention.value.value)
    for item in items:
        if item.cls == "clock" and len(times[item.mention.source]) == 1:
            item.sole = True
            item.keys.append("clock|sole")


def _later_than(a: Mention, b: Mention, by_id: dict[str, Source]) -> bool:
    """Whether a's source was published on a later day than b's."""
    pa, pb = (by_id[m.source].meta.published if m.source in by_id else None for m in (a, b))
    return bool(pa and pb and pa.first_day() > pb.first_day())


STORY_NAMES = 2  # rare name words two sources must share to be of one story…
STORY_OVERLAP = 0.1  # …and the share of their name words they have in common
RARE_NAME = 20  # a name word linking stories is held by at most this many sources (or 5%)


def _stories(salient: dict[str, set[str]], names: dict[str, set[str]]) -> dict[str, int]:
    """Each source's story: sources joined, directly or through others, by a salient name or
    two name words they share. Only rare names link: one that many sources share ("London")
    says no more than a common word. A source nothing is known of gets story -1: every story."""
    ids = sorted(set(salient) | set(names))
    index = {sid: k for k, sid in enumerate(ids)}
    holders: dict[str, list[int]] = defaultdict(list)
    for sid in ids:
        for mark in salient.get(sid, ()):
            holders[("s:" if " " in mark else "n:") + mark].append(index[sid])
        for name in names.get(sid, ()):
            holders["n:" + name].append(index[sid])
    rare = max(RARE_NAME, len(ids) // 20)
    # a full name both mention most ("maya ashfen") joins them; single words need company
    links = [(group[0], other) for key, group in holders.items() if key.startswith("s:") and " " in key
             and len(group) <= rare for other in group[1:]]
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for key, group in holders.items():
        if " " not in key and len(group) <= rare:
            for pair in combinations(sorted(set(group)), 2):
                shared[pair] += 1
    def overlap(a: int, b: int) -> float:
        na, nb = names.get(ids[a], set()), names.get(ids[b], set())
        return len(na & nb) / len(na | nb) if na or nb else 0.0
    # two rare name words and a tenth of their names in common; in a desk's small folder,
    # one name word and half of their names
    small = len(ids) <= RARE_NAME
    links += [pair for pair, n in shared.items()
              if (n >= STORY_NAMES and overlap(*pair) >= STORY_OVERLAP) or (small and overlap(*pair) >= 0.5)]
    story = {sid: -1 for sid in ids if not salient.get(sid) and not names.get(sid)}
    for k, members in enumerate(_components(len(ids), links)):
        for i in members:
            story.setdefault(ids[i], k)
    n = len(story)
    for sid in ids:  # a source that shares no rare name is a story of its own
        if sid not in story:
            story[sid] = n
            n += 1
    return story


def _across_sources(items: list[_Item], members: list[int]) -> list[tuple[int, int]]:
    """The pairs of a block's mentions that come from different sources. A block held by
    more than BLOCK_CAP mentions is a concept too common to tell measures apart ("people"
    in a long report of a disaster): it is skipped, and its mentions meet through their
    other concepts."""
    if len(members) > BLOCK_CAP:
        return []
    by_source: dict[str, list[int]] = defaultdict(list)
    for k in members:
        by_source[items[k].mention.source].append(k)
    groups = [by_source[s] for s in sorted(by_source)]
    return [(min(i, j), max(i, j)) for a, b in combinations(groups, 2) for i in a for j in b]


def _components(n: int, edges: list[tuple[int, int]]) -> list[set[int]]:
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in edges:
        a, b = find(i), find(j)
        if a != b:
            parent[max(a, b)] = min(a, b)
    groups: dict[int, set[int]] = defaultdict(set)
    for i, j in edges:
        groups[find(i)].update((i, j))
    return [groups[k] for k in sorted(groups)]
