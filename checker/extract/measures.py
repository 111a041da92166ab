"""Step 3, measures: each figure, percentage, date and time of day in a sentence → a
`Mention` tied to what it measures.

A measure is read from the words around the value, not from one governing noun: the
concepts of the content words in the value's sentence (after lemmas, the measure families
and the derivation families: "killed" and "death toll" are both `death`), each weighted by
how near it sits (in words, and in clauses: a comma or semicolon between halves it).
The noun a figure counts ("218 passengers") and its period ("in 2024") are kept apart:
they gate alignment. Measured on the tuning stories, a word window ranks the right
counterpart first more often than a dependency parse does (see the README), and it costs
no model.
"""
from __future__ import annotations

import re
from typing import Callable, Optional

from ..dates import DateMention
from ..aliases import normalise_name
from ..models import CURRENCY_SYMBOLS, DateValue, EntityValue, Mention, NumberValue, PercentValue, Sentence, TallyValue
from ..quantities import Quantity
from ..words import CALENDAR, Concepts, distinctive, is_verb_form, lemmas

WINDOW = 10  # words either side of the value that can say what it measures
OPENING_REACH = 16  # words after a sentence-opening date within which its clause's verb is looked for
CARRIED = 0.8  # the weight of a counted noun a bare figure takes from the figure before it
CONDITION_NEAR = 4  # words before the value within which "needed", "must", "target" make it a condition
CONDITION_AFTER = 3  # …and after it ("a 2% target"; not "shares at well over target price")
_TOKEN = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?|\d[\d,.]*|[,;:()\[\]—–]|\s-\s")
_DENOMINATOR = re.compile(r"(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve))"
                          r"\s+(?:out\s+)?of\s+(?:the\s+)?$", re.I)
_PER = re.compile(r"\s*(?:per|a|an|each)\s+(share|head|person|capita|year|month|week|day|hour|"
                  r"gallon|litre|liter|barrel|kilo|kilogram|pound|tonne|ton|unit|vote)\b", re.I)
# a time of day: "10:15 a.m.", "8.50am", "8:41 p.m.", "20:41"
_CLOCK = re.compile(r"(?<![\d:.])(?P<h>[012]?\d)(?:[:.](?P<m>[0-5]\d))?(?::[0-5]\d)?\s*"
                    r"(?P<ap>[ap]\.?\s?m\b\.?)?(?![\d:])", re.I)
_MODIFIER_BEFORE = re.compile(r"(?:^|\b(?:the|a|an|its|their|this|that)\s+)$", re.I)
_NOUN_AFTER = re.compile(r"\s+[a-z]+\b")
_NUMBER_OF = re.compile(r"\b(?:number|total|count|tally|toll)\s+of\s+([a-z]+)", re.I)
# a score or a vote: two counts joined by a dash, the first not below the second ("28-6")
_TALLY = re.compile(r"(?<![\w.,/:$£€¥-])(\d{1,3})\s?[-–]\s?(\d{1,3})(?![\w/:%-]|[.,]\d|\s*(?:per\s?cent|percent)\b)")
_REACHED = re.compile(r"\b(?:to|made it|make it)\s+$", re.I)
# a list of names: "Spain, Portugal and the Azores" (two at least, joined by "and" or "or")
# (bounded: a name of five words at most, a list of twelve, so a long run of names costs
# time in proportion to its length)
_NAME = r"(?:the\s+)?[A-Z][\w'’.-]*(?:\s+(?:of\s+)?[A-Z][\w'’.-]*){0,4}"
_LIST = re.compile(rf"\b{_NAME}(?:\s*,\s*{_NAME}){{0,10}}\s*,?\s+(?:and|or)\s+{_NAME}")
_LIST_SEPARATOR = re.compile(r"\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+")
_LIST_PREPOSITIONS = {"to", "in", "from", "at", "with", "by", "for", "on", "into", "including",
                      "between", "among", "across", "via", "through", "like", "such", "as", "both"}
LIST_REACH = 3  # prepositions between a list and its verb ("travelled on to", "visited such as")
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_BREAK = {",", ";", ":", "(", ")", "[", "]", "—", "–", " - "}


def _nearness(distance: int, breaks: int) -> float:
    return 1.0 / (1.0 + 0.25 * distance) * (0.5 ** breaks)


class MeasureReader:
    def __init__(self, concepts: Concepts, units: set[str],
                 lookup: Callable[[str], Optional[tuple[str, str]]] = lambda name: None):
        self.concepts = concepts
        self.units = units  # unit words and their bases: "mile", "metre", "USD"
        self.lookup = lookup  # a name → its canonical name and kind (the alias table)

    def mentions(self, sent: Sentence, quantities: list[Quantity], dates: list[DateMention],
                 periods: dict[int, str]) -> list[Mention]:
        """The mentions of one sentence. `periods`: a quantity's period, by its start."""
        text = sent.text
        tokens = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
        found = []
        spans = [(q.start, q.unit_end) for q in quantities] + [(d.start, d.end) for d in dates]
        for q in quantities:
            if _DENOMINATOR.search(text[:q.start]):
                continue  # "six of seven patents": seven is how many there were, not a finding
            if q.kind == "number" and not q.unit and q.bound == "eq" and _YEAR.fullmatch(text[q.start:q.end]):
                continue  # "up 18% on 2022": a year the resolver left, not a count
            if q.kind == "percent":
                value = PercentValue(value=q.value, bound=q.bound, low=q.low)
                counted = "percent"
            else:
                value = NumberValue(value=q.value, bound=q.bound, unit=q.unit, low=q.low)
                counted = q.unit
                rate = _PER.match(text[q.unit_end:])
                if rate:  # "$1.60 per share", "16 cents a share": a rate, not a total
                    counted = f"{q.unit or 'number'} per {rate.group(1).lower()}"
            found.append(self._mention(sent, tokens, spans, value, q.start, q.unit_end,
                                       counted, periods.get(q.start, "")))
        self._carry_counted(found, sent)
        stated = set(periods.values())
        for d in dates:
            if d.value is None or d.end_value is not None or d.period in stated:
                continue  # a period is a qualifier, not a fact to compare by itself
            found.append(self._mention(sent, tokens, spans, d.value, d.start, d.end, "date", ""))
        for m in _CLOCK.finditer(text):
            minutes = _minutes(m)
            if minutes is not None:
                bound = "approx" if re.search(r"\b(?:about|around|approximately|roughly|shortly)\s+(?:at\s+)?$",
                                              text[:m.start()], re.I) else "eq"
                value = NumberValue(value=minutes, bound=bound, unit="clock")
                found.append(self._mention(sent, tokens, spans, value, m.start(), m.end(), "clock", ""))
        for m in _LIST.finditer(text):
            listed = m.group()
            if listed.endswith(".") and not re.search(r"\.\w+\.$", listed):
                listed = listed[:-1]  # the sentence's full stop, not an abbreviation's ("U.S.")
            names = self._listed(listed)
            governor = self._governor(text[:m.start()])
            if len(names) < 2 or not governor:
                continue  # a list a verb governs ("travelled to A, B and C"), not a sentence's subject
            value = EntityValue(name=listed, key="; ".join(names))
            found.append(self._mention(sent, tokens, spans, value, m.start(), m.start() + len(listed),
                                       "list of " + governor, ""))
        for m in _TALLY.finditer(text):
            first, second = float(m.group(1)), float(m.group(2))
            if first < second or any(s < m.end() and m.start() < e for s, e in spans):
                continue  # "60-70": a range, read with the quantities
            mention = self._mention(sent, tokens, spans, TallyValue(values=[first, second]),
                                    m.start(), m.end(), "tally", "")
            if _REACHED.search(text[:m.start()]):  # "cut the lead to 28-23": one moment of a game
                mention = mention.model_copy(update={"revised": True})
            found.append(mention)
        return found

    def _listed(self, text: str) -> list[str]:
        """The names of a list, each by its canonical name where the aliases know it; none
        when an item is made of dictionary words only ("Electoral and Boundaries
        Commission" is one name, not two)."""
        keys = set()
        for name in _LIST_SEPARATOR.split(text):
            name = re.sub(r"^the\s+", "", name.strip())
            known = self.lookup(name)
            if not known and not any(distinctive(w.lower()) or w.isupper() for w in re.findall(r"[\w'’.-]+", name)):
                return []
            keys.add(normalise_name(known[0] if known else name))
        return sorted(k for k in keys if k)

    def _governor(self, before: str) -> str:
        """The concept of the verb a list hangs on, past its prepositions ("travelled to":
        travel), else ""."""
        words = re.findall(r"[\w'’-]+|[^\w\s]", before)[-1 - LIST_REACH:]
        for word in reversed(words):
            if word.lower() in _LIST_PREPOSITIONS:
                continue
            if word.isalpha() and word.islower() and is_verb_form(word):
                return self.concepts.concept(word) or ""
            return ""
        return ""

    def _carry_counted(self, found: list[Mention], sent: Sentence) -> None:
        """A bare figure after a counted one counts the same thing ("six new cases, bringing
        the total to 25"; "3 people killed and 7 injured"), and so does one after "the
        number of victims": it takes that noun's concept."""
        last = None
        for k, m in enumerate(found):
            if m.value.type != "number" or m.value.unit and m.value.unit in self.units:
                continue
            if m.counted and m.counted not in self.units:
                last = m.counted
                continue
            if m.counted:
                continue
            named = _NUMBER_OF.findall(sent.text[:m.start - sent.start])
            noun = named[-1].lower() if named else last
            concept = self.concepts.concept(noun) if noun else None
            weights = dict(m.concepts)
            if concept and weights.get(concept, 0.0) < CARRIED:
                weights[concept] = CARRIED
                found[k] = m.model_copy(update={"concepts": sorted(weights.items())})

    def _mention(self, sent: Sentence, tokens: list, spans: list[tuple[int, int]],
                 value, start: int, end: int, counted: str, period: str) -> Mention:
        concepts: dict[str, float] = {}
        inside = [i for i, (_, s, e) in enumerate(tokens) if s < end and start < e]
        spans = [sp for sp in spans if sp != (start, end)]
        first = inside[0] if inside else 0
        last = inside[-1] if inside else 0
        revised = condition = False
        # what kind of value, for the words that say what it is of: a date, or a count (a
        # number of things: no unit of measure, no currency, not a time of day)
        kind = "date" if isinstance(value, DateValue) else "count" if isinstance(value, NumberValue) \
            and value.unit not in self.units and value.unit != "clock" and " per " not in counted else ""
        for direction, indices in ((-1, range(first - 1, -1, -1)), (1, range(last + 1, len(tokens)))):
            distance = breaks = 0
            skip = -1
            for i in indices:
                word, s, e = tokens[i]
                if i == skip:
                    continue  # the second word of a phrase already read
                if word in _BREAK:
                    breaks += 1
                    continue
                if any(a <= s < b for a, b in spans):
                    distance += 1  # another value: it counts as a word but says nothing here
                    continue
                distance += 1
                if distance > WINDOW:
                    break
                if word[0].isdigit():
                    continue
                if direction < 0 and distance <= 4 and self.concepts.is_revision(word):
                    revised = True
                if distance <= (CONDITION_NEAR if direction < 0 else CONDITION_AFTER) \
                        and self.concepts.is_condition(word):
                    condition = True
                concept = self._concept_of(word, s)
                pair = (word, tokens[i + 1][0]) if direction > 0 and i + 1 < len(tokens) else \
                    (tokens[i - 1][0], word) if direction < 0 and i > 0 else None
                phrase = self.concepts.phrase(*pair) if pair else None
                if phrase:
                    concept, skip = phrase, i + direction
                told = self.concepts.value_words.get(kind, {}).get(word.lower()) \
                    if direction < 0 and distance == 1 and breaks == 0 else None
                if told:  # "since 31 July": began then; "won by 300 votes": a margin
                    concepts[told] = 1.0
                    continue
                if concept:
                    weight = _nearness(distance, breaks)
                    concepts[concept] = max(concepts.get(concept, 0.0), weight)
        if kind == "date" and first <= 1:
            verb = self._opening_verb(tokens, last)
            if verb:  # "On 14 March, the retired teacher died": the date of what the clause tells
                concepts[verb] = max(concepts.get(verb, 0.0), _nearness(1, 0))
        # the counted noun is the strongest sign of what is measured ("deaths", "shares");
        # a unit ("miles") only says the class, and a generic "people" says little more
        noun = counted if counted not in ("", "percent", "date", "clock", "tally") and counted not in self.units else ""
        if noun and not noun[0].isupper():
            concept = self.concepts.concept(noun)
            kind = self.concepts.person_kind(noun)
            if concept:
                weight = {"generic": 0.5, "role": 1.0}.get(kind or "", 1.5)
                concepts[concept] = max(concepts.get(concept, 0.0), weight)
        if isinstance(value, NumberValue) and value.unit in CURRENCY_SYMBOLS and _MODIFIER_BEFORE.search(sent.text[:start]) \
                and _NOUN_AFTER.match(sent.text[end:]):
            concepts["cost"] = max(concepts.get("cost", 0.0), 1.0)  # "the £36m project": what it cost
        line = sent.line + sent.text.count("\n", 0, start)
        return Mention(source=sent.source, value=value, raw=sent.text[start:end], quote=sent.text,
                       start=sent.start + start, end=sent.start + end, line=line,
                       sentence=sent.index,
                       concepts=sorted((c, round(w, 3)) for c, w in concepts.items()),
                       counted=_counted(counted, value), period=period, revised=revised,
                       condition=condition)

    def _opening_verb(self, tokens: list, last: int) -> Optional[str]:
        """The concept of the verb of the clause a sentence-opening date belongs to: the
        first verb past its subject that says something ("said" does not)."""
        for i in range(last + 1, min(last + 1 + OPENING_REACH, len(tokens))):
            word = tokens[i][0]
            if word in (";", ":", "(", ")"):
                return None
            if not word.isalpha() or not word.islower() or not is_verb_form(word):
                continue
            nxt = tokens[i + 1][0] if i + 1 < len(tokens) else ""
            concept = self.concepts.phrase(word, nxt) or self.concepts.concept(word)
            if concept:
                return concept
        return None

    def _concept_of(self, word: str, at: int) -> Optional[str]:
        if word.lower() in self.concepts.ignore or word.lower() in CALENDAR:
            return None
        if word[0].isupper() and (at > 0 or not lemmas(word.lower())) or (word.isupper() and len(word) > 1):
            return "name:" + word.lower()  # a name (capitalised past the sentence's start): an owner
        return self.concepts.concept(word)


def _minutes(m: re.Match) -> int | None:
    """Minutes after midnight, for a time written with a.m./p.m. or as hh:mm (24 hours)."""
    hour, minute, ap = int(m.group("h")), int(m.group("m") or 0), (m.group("ap") or "").lower()
    if ap:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ap.startswith("p") else 0)
    elif m.group("m") is None or ":" not in m.group() or hour > 23:
        return None  # "8.50" alone is a figure; "20:41" is a time
    return hour * 60 + minute


def _counted(counted: str, value) -> str:
    if isinstance(value, DateValue):
        return "date"
    if isinstance(value, PercentValue):
        return "percent"
    return counted or ""
