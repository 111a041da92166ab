"""Quantities: numbers, number words, ratios and percentages with their bounds and units.

"over 200 officers" → 200, bound gt, unit "officer"; "two-and-a-half years" →
2.5 year; "86.2 per cent" → percent 86.2; "three out of four" → percent 75.
Word lists (number words, bound phrases, units) come from the lexicon.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional


from .lexicon import Lexicon
from .words import noun_reading

# A figure: "8,000", "748 500" (a space between thousands), "3.25"; a unit may be glued
# to it ("50kms", "54,000km/h") and a word hyphened to it ("a 40-day strike").
_GLUED = r"(?:m|bn|k|km|kms|kg|mm|cm|ft|mph|kph|mi)\b|km/h"
_DIGITS = re.compile(r"(?<![\w.,/:-])(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d.,])"
                     r"|\d+(?:\.\d+)?)(?!(?!" + _GLUED + r")\w|[.,:/]\d|-\d|-[a-z]+-old)")
# A range: "60-70 km", "18 to 32 miles", "between 10 and 15 per cent" (low below high;
# "21-6" is a score, not a range)
_RANGE = re.compile(r"(?<![\w.,/:-])(?P<lo>\d+(?:\.\d+)?)\s*(?:-|–|to|and)\s*(?P<hi>\d+(?:\.\d+)?)"
                    r"(?!(?!" + _GLUED + r")\w|[.,:/-]\d)")
_SPEED = re.compile(r"^\s*(?:per|an|a|/)\s*(?:hour|hr|h)\b", re.I)
_PERCENT = re.compile(r"^\s*-?(?:%|per\s*cent\b|percent\b|pc\b)", re.I)
_POINTS = re.compile(r"^\s*percentage\s+points?\b", re.I)
_TIME_OF_DAY = re.compile(r"^\s*(?:[ap]\.?m\b\.?|o'clock)", re.I)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|[.,;:!?()\"“”‘’–—]")
# Words that make the number a label, not a quantity: "section 5", "flight 370".
_LABELS = {"section", "article", "chapter", "clause", "paragraph", "page", "rule", "number",
           "no", "no.", "route", "platform", "flight", "room", "level", "tier", "grade", "pc",
           "stage", "phase", "version", "channel", "bus", "line", "gate", "item", "step"}


@dataclass
class Quantity:
    start: int  # span within the sentence, bound words and unit included
    end: int
    value: float
    bound: str  # eq gt ge lt le approx
    kind: str  # number | percent
    unit: str  # base unit ("second", "GBP") or counted noun lemma ("officer"), may be ""
    unit_end: int  # where the unit word ends (the counted noun is part of the phrase)
    low: Optional[float] = None  # a range's low end ("60-70 km"): value is the high end


class QuantityFinder:
    def __init__(self, lex: Lexicon):
        n = lex.numbers
        self.words = {k.lower(): v for k, v in n.words.items() if k.lower() not in ("a", "an")}
        self.scales = {k.lower(): v for k, v in n.scales.items()}
        self.fractions = {k.lower(): v for k, v in n.fractions.items()}
        self.units = n.units
        self.currencies = n.currencies
        self.bounds_before = sorted(((p.lower(), b) for b, ps in n.bounds_before.items() for p in ps),
                                    key=lambda pb: -len(pb[0]))
        self.bound_of_before = dict(reversed(self.bounds_before))  # the first listed wins
        self.bounds_after = sorted(((p.lower(), b) for b, ps in n.bounds_after.items() for p in ps),
                                   key=lambda pb: -len(pb[0]))
        self.bound_of_after = dict(reversed(self.bounds_after))
        # one pattern each, longest phrase first: "more than" before "more"
        self.bound_after = re.compile(r"(?:\s+|-)(?P<phrase>" + "|".join(
            re.escape(p) for p, _ in self.bounds_after) + r")\b") if self.bounds_after else re.compile(r"(?!)")
        self._before_patterns: dict[str, re.Pattern] = {}
        self.stop = {w.lower() for w in lex.english.auxiliaries + lex.english.determiners}
        self.stop |= {"of", "in", "on", "at", "to", "for", "from", "by", "with", "within", "and",
                      "or", "but", "than", "as", "who", "which", "that", "were", "while", "across",
                      "per", "a", "an", "each", "every", "since", "over", "under", "into",
                      "last", "next", "previous", "following", "this",
                      "out", "up", "down", "off", "away", "back"}  # "24 out of 47 counties"
        word_alt = "|".join(sorted(map(re.escape, self.words), key=len, reverse=True))
        scale_alt = "|".join(sorted(map(re.escape, self.scales), key=len, reverse=True))
        frac_alt = "|".join(sorted(map(re.escape, self.fractions), key=len, reverse=True))
        w = rf"(?:{word_alt})"
        tail = rf"(?:[\s-]+(?:and[\s-]+)?(?:{word_alt}|{scale_alt}|an?[\s-]+(?:{frac_alt})))"
        self.word_number = re.compile(
            rf"\b(?P<num>(?:{w}{tail}*|an?\s+(?:{scale_alt}|dozen)(?:{tail})*))\b(?!-(?:year|old))",
            re.I)
        self.scale_after = re.compile(rf"^\s*-?(?P<scale>{scale_alt})\b", re.I)
        # "half of the lights", "two-thirds of members", "a quarter of all homes": a share
        self.fraction_of = re.compile(
            rf"\b(?:(?P<count>{word_alt}|an?)[\s-]+)?(?P<frac>{frac_alt})s?\s+of\b", re.I)
        self.ratio = re.compile(r"^\s+(?:out\s+of|in)\s+(?P<den>\d+|" + word_alt + r")\b", re.I)

    def _bound_before(self, currency: str) -> re.Pattern:
        """"over", "more than", "about" right before the figure (and its currency sign)."""
        pattern = self._before_patterns.get(currency)
        if pattern is None:
            alternatives = "|".join(re.escape(p) for p, _ in self.bounds_before) or "(?!)"
            pattern = self._before_patterns[currency] = re.compile(
                rf"(?<![\w-])(?P<phrase>{alternatives})\s+{re.escape(currency)}$")
        return pattern

    # -- numbers ---------------------------------------------------------------
    def word_value(self, phrase: str) -> Optional[float]:
        parts = [p for p in re.split(r"[\s-]+", phrase.lower()) if p]
        total, current, i = 0.0, 0.0, 0
        while i < len(parts):
            p = parts[i]
            if p == "and":
                i += 1
                continue
            if p in ("a", "an") and i + 1 < len(parts) and parts[i + 1] in self.fractions:
                current += self.fractions[parts[i + 1]]
                i += 2
                continue
            if p in ("a", "an"):
                current += 1
            elif p in self.words:
                current += self.words[p]
            elif p in self.scales:
                scale = self.scales[p]
                current = (current or 1) * scale
                if scale >= 1000:
                    total, current = total + current, 0.0
            else:
                return None
            i += 1
        return total + current

    def find(self, text: str, masked: list[tuple[int, int]]) -> list[Quantity]:
        """All quantities in `text`, skipping the spans in `masked` (dates)."""
        found: list[Quantity] = []
        spans: list[tuple[int, int, float, Optional[float]]] = []
        ranges = []
        for m in _RANGE.finditer(text):
            lo, hi = float(m.group("lo")), float(m.group("hi"))
            joiner = text[m.end("lo"):m.start("hi")].strip()
            if lo < hi and (joiner != "and" or re.search(r"\bbetween\s+\S?$", text[:m.start()], re.I)):
                ranges.append((m.start(), m.end(), hi, lo))
        spans.extend(ranges)
        for m in _DIGITS.finditer(text):
            if any(s <= m.start() < e for s, e, _, _ in ranges):
                continue
            raw = m.group("num")
            spans.append((m.start(), m.end(), float(re.sub(r"[,\s]", "", raw)), None))
        for m in self.word_number.finditer(text):
            value = self.word_value(m.group("num"))
            # a lone "one" is mostly a pronoun; "one in five" is a ratio
            if value is not None and (value != 1 or self.ratio.match(text[m.end():])):
                spans.append((m.start(), m.end(), value, None))
        shares = {}
        for m in self.fraction_of.finditer(text):
            count = (m.group("count") or "one").lower()
            n = 1 if count in ("a", "an") else self.words.get(count)
            share = n * self.fractions[m.group("frac").lower()] if n else None
            if share and share < 1:
                end = m.end("frac") + (1 if text[m.end("frac"):m.end("frac") + 1].lower() == "s" else 0)
                shares[m.start()] = (end, round(100 * share, 1))
                spans.append((m.start(), end, share, None))
        spans.sort(key=lambda s: (s[0], -s[1]))
        last_end = -1
        for start, end, value, low in spans:
            if start < last_end or any(start < e and s < end for s, e in masked):
                continue
            if start in shares and shares[start][0] == end:
                q = self._share(text, start, end, shares[start][1])
            else:
                q = self._complete(text, start, end, value, low)
            if q:
                found.append(q)
                last_end = q.end
        return found

    def _share(self, text: str, start: int, end: int, percent: float) -> Quantity:
        """A fraction of something as a percentage, with a bound before it ("about half")."""
        m = self._bound_before("").search(text[:start].lower())
        bound, q_start = (self.bound_of_before[m.group("phrase")], m.start()) if m else ("eq", start)
        return Quantity(start=q_start, end=end, value=percent, bound=bound, kind="percent", unit="",
                        unit_end=end)

    def _complete(self, text: str, start: int, end: int, value: float,
                  range_low: Optional[float] = None) -> Optional[Quantity]:
        before, after = text[:start], text[end:]
        prev_word = re.findall(r"[\w.]+$", before.rstrip())
        if prev_word and prev_word[0].lower() in _LABELS or _TIME_OF_DAY.match(after):
            return None
        unit, kind = "", "number"
        q_start, q_end = start, end
        currency = before.rstrip()[-1:] if before.rstrip()[-1:] in self.currencies else ""
        if currency and before.endswith(currency):
            unit, q_start = self.currencies[currency], start - 1
        written = value  # the figure as written, before scales and units: a range's low end follows it
        if after[:1].lower() == "k" and not after[1:2].isalpha():
            value, end, after = value * 1000, end + 1, after[1:]
        scale = self.scale_after.match(after)
        if scale:
            value *= self.scales[scale.group("scale").lower()]
            q_end = end + scale.end()
            after = text[q_end:]
        ratio = self.ratio.match(after)
        if ratio and not unit and range_low is None:
            den = ratio.group("den")
            den_value = float(den) if den.isdigit() else self.words.get(den.lower())
            if den_value and den_value > value > 0 and not _PERCENT.match(text[q_end + ratio.end():]):
                value, kind = round(100 * value / den_value, 1), "percent"
                q_end += ratio.end()
                after = text[q_end:]
        if kind == "number" and _POINTS.match(after):
            unit, q_end = "percentage point", q_end + _POINTS.match(after).end()
        elif kind == "number" and _PERCENT.match(after):
            kind, q_end = "percent", q_end + _PERCENT.match(after).end()
        bound = "eq"
        low = before.lower()
        m = self._bound_before(currency).search(low)
        if m:
            phrase = m.group("phrase")
            verb = re.search(r"([a-z]+)\s+$", low[:m.start()])
            if not (phrase.startswith("up ") and verb and noun_reading(verb.group(1))[3]):
                bound, q_start = self.bound_of_before[phrase], m.start()  # not "rose up to"
        m = self.bound_after.match(text[q_end:].lower())
        if m:
            bound, q_end = self.bound_of_after[m.group("phrase")], q_end + m.end()
        unit_end = q_end
        if kind == "number" and not unit:
            unit, unit_end = self._unit(text, q_end)
            if unit in self.units:
                base = self.units[unit]
                value, unit = value * base.factor, base.base
                speed = _SPEED.match(text[unit_end:])
                if speed and base.base == "metre":  # "40,000 miles per hour"
                    unit, unit_end = "metre/hour", unit_end + speed.end()
        if range_low is not None and written:
            range_low = range_low * value / written
        return Quantity(start=max(q_start, 0), end=q_end, value=value, bound=bound, kind=kind,
                        unit=unit, unit_end=unit_end, low=range_low)

    def _unit(self, text: str, pos: int) -> tuple[str, int]:
        """The counted noun after a number: the last noun of the run of nouns and adjectives
        that follows it ("five key basic areas, including" → area; "500 staff ranging" → staff);
        a word hyphened to the number is its unit ("a 40-day strike" → day)."""
        hyphened = re.match(r"-([A-Za-z]+)\b(?!-)", text[pos:])
        if hyphened:
            word = hyphened.group(1).lower()
            unit = word if word in self.units else word[:-1] if word.endswith("s") and word[:-1] in self.units \
                else noun_reading(word)[0]
            return unit, pos + hyphened.end()
        unit, unit_end = "", pos
        for count, m in enumerate(re.finditer(r"\S+", text[pos:])):
            lead = len(m.group()) - len(m.group().lstrip("“”\"'‘’("))
            if lead:
                break  # a quotation starts: "three “cause of concern” areas"
            word = m.group().strip("“”\"'‘’()").rstrip(".,;:!?")
            low = word.lower()
            if count >= 5 or not word or not word[0].isalpha() or word[0].isupper() \
                    or low in self.stop:
                break
            unit_word = low if low in self.units else low[:-1] if low[:-1] in self.units and low.endswith("s") else ""
            if unit_word and not unit:  # "6.2 km", "87 millimetres"
                return unit_word, pos + m.start() + len(word)
            lemma, is_noun, is_adj, is_verb_form = noun_reading(low)
            if is_verb_form or not (is_noun or is_adj):
                break
            if is_noun:
                unit, unit_end = lemma, pos + m.start() + len(word)
            if m.group() != m.group().rstrip(".,;:!?)"):
                break
        return unit, unit_end
