"""Step 4, claims: a sentence's mentions → normalised claims by rules that tie each value
to its subject, predicate and period through the clause it sits in: when things happened
and which way (events), figures and shares, who holds a role, who said a quote.
"""
from __future__ import annotations

import re
from typing import Optional

from ..aliases import EntityMention, normalise_name
from ..attribution import Attributor, Person
from ..dates import DateMention
from ..events import EventFinder, EventMention
from ..lexicon import Lexicon
from ..models import Claim, EntityValue, NumberValue, PercentValue, PolarityValue, content_id
from ..quantities import Quantity, QuantityFinder
from ..words import is_verb_form, lemmas, nominal, noun_lemma, noun_only_here, verb_lemma
from .mentions import SentenceMentions

_REPORTING = {"say", "tell", "add", "state", "note", "write", "claim", "report", "announce",
              "confirm", "insist", "explain", "argue", "suggest", "reveal", "show", "find"}
_MODALS = {"to", "will", "would", "can", "could", "may", "might", "must", "should", "did",
           "does", "do", "shall"}
_METRIC_ANCHOR = re.compile(r"\b(?:per\s*cent|percentage|proportion|share|rate|fraction)\s+of\s+", re.I)
_WORDS = re.compile(r"[A-Za-z][A-Za-z’'&-]*|\d[\d,.]*\d|\d")



class ClaimReader:
    def __init__(self, lex: Lexicon, attributor: Attributor):
        self.lex = lex
        self.quantities = QuantityFinder(lex)
        self.events = EventFinder(lex)
        self.attributor = attributor
        self.unique_roles = {w.lower() for w in lex.english.unique_roles}
        eng = lex.english
        self.function_words = {w.lower() for w in eng.determiners + eng.auxiliaries + eng.pronouns}
        self.function_words |= {"of", "in", "on", "at", "to", "for", "from", "by", "with", "and",
                                "or", "than", "as", "were", "which", "who", "that", "its", "their"}
        self.generic_heads = {w.lower() for w in eng.generic_heads}
        self.pronouns = {w.lower() for w in eng.pronouns}
        self.bound_words = {w for ps in lex.numbers.bounds_before.values() for p in ps for w in p.split()}
        # "joined" and "signed for" are one act to compare figures on: the frame's name
        # (single-word phrases only: "took five minutes" is not "take out of")
        self.frame_of_verb = {p: f"{frame.name} ({pol})" for frame in lex.frames
                              for pol, phrases in (("+", frame.positive), ("-", frame.negative))
                              for p in phrases if " " not in p}
        # the span a figure covers ("quarterly", "full-year"): measures.yaml's span families
        spans = [(name, w) for name, fam in lex.measures.families.items() if fam.span
                 for w in fam.words + fam.phrases]
        self.span_of = {w.lower(): name for name, w in spans}
        self.span_words = re.compile(r"\b(" + "|".join(
            sorted((r"[\s-]".join(map(re.escape, w.lower().split())) for _, w in spans), key=len, reverse=True))
            + r")\b(?!\s+of\b)", re.I) if spans else None
        breaks = sorted((re.escape(b) for b in eng.clause_breaks), key=len, reverse=True)
        self.coordinated = re.compile(r"\s*(?:and|but|while|whereas|which)\b", re.I)
        self.comparison = re.compile(r"\s*(?:" + "|".join(breaks) + r"|up|down|from|against|versus)\b",
                                     re.I)

    def periods(self, ctx: SentenceMentions) -> dict[int, str]:
        """The period each of the sentence's quantities is stated for, by its start."""
        return {q.start: p.period for q in ctx.quantities
                if (p := self._period(ctx, q, ctx.quantities)) is not None and p.period}

    def read(self, ctx: SentenceMentions, previous_metric: Optional[str],
             periods: dict[int, str]) -> list[Claim]:
        """The sentence's claims; `previous_metric`: what the last percentage measured."""
        return self._event_claims(ctx) + self._quantity_claims(ctx, previous_metric, ctx.quantities, periods) + \
            self._people_claims(ctx)

    # -- events ----------------------------------------------------------------
    def _event_claims(self, ctx: SentenceMentions) -> list[Claim]:
        claims = []
        text = ctx.sent.text
        for ev in self.events.find(text):
            if any(s <= ev.start < e for s, e in ctx.masked):
                continue
            frame = self.lex.frame_by_name[ev.frame]
            patient, confidence = self._patient(ctx, ev)
            if patient is None and ev.transitive and re.match(r"\s+the\s+[a-z]", text[ev.end:]):
                # "Y opened the unit": the thing this source last said was opened
                patient, confidence = ctx.memory.get(ev.frame), 0.6
            if patient is None:
                continue
            ctx.memory[ev.frame] = patient
            state = None
            if frame.object == "entity":
                seg_end = ctx.segments[ctx.segment_of(ev.object_start)][1]
                named = [m for m in ctx.entities if ev.object_start <= m.start < seg_end
                         and m.start - ev.object_start < 30]
                if not named:
                    continue
                state = named[0].canonical
            elif frame.object == "required":
                state, state_conf = self._state(ctx, ev)
                if state is None:
                    continue
                confidence *= state_conf
            date = self._event_date(ctx, ev)
            polar = bool(frame.positive and frame.negative)
            qualifiers = {"state": state} if state else {}
            if polar:
                qualifiers["direction"] = ev.polarity
            if date and date.value:
                claims.append(self._claim(ctx, patient.canonical, f"date of {ev.frame}",
                                          date.value, date.raw, date.start, date.end,
                                          qualifiers, confidence))
            if polar:
                q = {"state": state} if state else {}
                if date and date.value:
                    q["date"] = date.value.iso()
                claims.append(self._claim(ctx, patient.canonical, f"direction of {ev.frame}",
                                          PolarityValue(polarity=ev.polarity, event=ev.phrase),
                                          text[ev.start:ev.end], ev.start, ev.end, q, confidence))
            agent = self._agent(ctx, ev, patient)
            if agent:
                q = {"direction": ev.polarity} if polar else {}
                if agent.role:
                    q["role"] = agent.role
                claims.append(self._claim(ctx, patient.canonical, f"agent of {ev.frame}",
                                          self._entity(agent.name), agent.name, agent.start,
                                          agent.end, q, confidence * 0.9))
        return claims

    def _agent(self, ctx: SentenceMentions, ev: EventMention, patient: EntityMention) -> Optional[Person]:
        """Who did it: 'opened by health minister Karin Smith'; 'Mayor Joanna Pike opened…'."""
        seg_start, seg_end = ctx.segments[ctx.segment_of(ev.start)]
        if ev.passive:
            by = re.match(r"\s+(?:\w+\s+){0,2}?by\s+", ctx.sent.text[ev.end:seg_end])
            if not by:
                return None
            after = ev.end + by.end()
            found = [p for p in ctx.people if after <= p.start < after + 40]
            return found[0] if found else None
        here = patient in ctx.entities  # the patient may come from an earlier sentence
        found = [p for p in ctx.people if seg_start <= p.start and p.end <= ev.start
                 and not (here and patient.start <= p.start < patient.end)]
        return found[-1] if found else None

    def _entity(self, name: str) -> EntityValue:
        return EntityValue(name=name, key=self.attributor.key(name))

    def _people_claims(self, ctx: SentenceMentions) -> list[Claim]:
        """Who holds a role ("chief executive Mark Ellison"), and who said a quote."""
        claims = []
        for person in ctx.people:
            words = person.role.split()
            if words and (len(words) >= 2 or words[0] in self.unique_roles):
                claims.append(self._claim(ctx, person.role, "holder", self._entity(person.name),
                                          person.name, person.start, person.end, {}, 0.8))
        for quote in self.attributor.quotes(ctx.sent.text, ctx.people):
            speaker = quote.speaker
            q = {"role": speaker.role} if speaker.role else {}
            claims.append(self._claim(ctx, quote.key, "speaker", self._entity(speaker.name),
                                      speaker.name, speaker.start, speaker.end, q, 0.8))
        return claims

    def _patient(self, ctx: SentenceMentions, ev: EventMention) -> tuple[Optional[EntityMention], float]:
        """Who or what the event happened to."""
        def conf(m: EntityMention) -> float:
            return {"descriptor": 0.75, "pronoun": 0.7}.get(m.via, 0.9)
        if ev.gap:  # active voice with the object between verb and preposition
            inside = [m for m in ctx.entities if ev.gap[0] <= m.start and m.end <= ev.gap[1]]
            return (inside[0], conf(inside[0])) if inside else (None, 0)
        # the subject: in this clause or the one before ("the Met …, having been removed")
        seg = ctx.segment_of(ev.start)
        first = ctx.segments[max(seg - 1, 0)][0]
        before = [m for m in ctx.entities if first <= m.start and m.end <= ev.start
                  and m.kind != "oversight regime"]
        frame = self.lex.frame_by_name[ev.frame]
        if ev.transitive and frame.object == "none":
            # "the council opened the bridge": the thing is the object, never the agent
            seg_end = ctx.segments[seg][1]
            after = [m for m in ctx.entities if ev.end <= m.start < min(seg_end, ev.end + 40)]
            return (after[0], conf(after[0])) if after else (None, 0)
        if before:
            return before[-1], conf(before[-1]) * (1.0 if ev.passive else 0.9)
        return None, 0

    def _state(self, ctx: SentenceMentions, ev: EventMention) -> tuple[Optional[str], float]:
        """What was entered or left: 'removed from special measures' → 'measures'."""
        text = ctx.sent.text
        phrase = self._noun_phrase(text, ev.object_start, ctx)
        confidence = 1.0
        if phrase and phrase.lower() in self.pronouns:
            # "…to the usual level of monitoring, having been removed from it"
            objs = list(re.finditer(r"\b(?:to|in|into|under|from|on)\s+", text[:ev.start]))
            phrase, confidence = None, 0.7
            for m in reversed(objs):
                phrase = self._noun_phrase(text[:ev.start], m.end(), ctx)
                if phrase and phrase.lower() not in self.pronouns:
                    break
        if not phrase:
            return None, 0
        return self._head(phrase, ctx, ev.object_start), confidence

    def _noun_phrase(self, text: str, start: int, ctx: SentenceMentions) -> Optional[str]:
        words = []
        for m in _WORDS.finditer(text, start):
            between = text[start if not words else words[-1][2]:m.start()]
            if any(c in between for c in ",;:()–—") or any(s <= m.start() < e for s, e in ctx.masked):
                break
            low = m.group().lower()
            if words and (low in {"and", "in", "on", "at", "after", "as", "when", "following",
                                  "which", "but", "for", "by", "with", "entirely", "because"}
                          or low in self.function_words - {"of"}):
                break
            words.append((m.group(), m.start(), m.end()))
            if len(words) >= 8:
                break
        while words and words[0][0].lower() in self.function_words:
            if len(words) == 1 and words[0][0].lower() in self.pronouns:
                return words[0][0]
            words.pop(0)
        return " ".join(w[0] for w in words) if words else None

    def _head(self, phrase: str, ctx: SentenceMentions, near: int) -> str:
        """The key of a state: its alias canonical form if known, else its head noun."""
        for m in ctx.entities:
            if m.kind and near <= m.start < near + len(phrase) + 20 and m.via == "alias" \
                    and normalise_name(m.text) in normalise_name(phrase):
                phrase = m.canonical
                break
        words = [w for w in re.split(r"\s+", phrase.replace("’s", "").replace("'s", ""))
                 if w and w[0].islower()]
        while words and words[-1] in self.generic_heads and len(words) > 1:
            words.pop()
        if "of" in words:
            i = words.index("of")
            if i + 1 < len(words) and (i == 0 or words[i - 1] in self.generic_heads):
                words = words[i + 1:]
        return noun_lemma(words[-1]) if words else normalise_name(phrase)

    def _event_date(self, ctx: SentenceMentions, ev: EventMention) -> Optional[DateMention]:
        """A date in the event's clause, or one the sentence opens with ('In June 2022, …')."""
        seg = ctx.segment_of(ev.start)
        same = [d for d in ctx.dates if ctx.segment_of(d.start) == seg]
        if same:
            return min(same, key=lambda d: abs(d.start - ev.start))
        for d in ctx.dates:
            lead = ctx.sent.text[:d.start].strip(" “\"'(")
            if d.start < ev.start and (not lead or lead.lower() in ("in", "on", "by", "since")):
                return d
        return None

    # -- quantities --------------------------------------------------------------
    def _quantity_claims(self, ctx: SentenceMentions, previous_metric: Optional[str],
                         found: list[Quantity], periods: dict[int, str]) -> list[Claim]:
        text = ctx.sent.text
        claims = []
        metrics = {id(q): self._metric(ctx, q) for q in found if q.kind == "percent"}
        sentence_metric = next((m for m in metrics.values() if m), None)
        spans = self._spans(ctx)
        for q in found:
            qualifiers = {"period": periods[q.start]} if q.start in periods else {}
            span = next((name for at, name in sorted(spans, key=lambda sp: abs(sp[0] - q.start))
                         if ctx.segment_of(at) == ctx.segment_of(q.start)), "")
            if span:
                qualifiers["span"] = span
            raw = text[q.start:q.end]
            if q.kind == "percent":
                metric, confidence = metrics[id(q)], 0.85
                if not metric:
                    metric, confidence = sentence_metric, 0.75
                if not metric and previous_metric and re.search(r"\b(?:it|this|that)\b", text[:q.start], re.I):
                    metric, confidence = previous_metric, 0.6
                if not metric:
                    continue
                claims.append(self._claim(ctx, metric, "percent",
                                          PercentValue(value=q.value, bound=q.bound, low=q.low), raw,
                                          q.start, q.end, qualifiers, confidence))
            else:
                unit = q.unit or self._metric_before(ctx, q)  # "Passenger numbers reached 11.4 million"
                if not unit:
                    continue
                if q.unit.isupper() and self._modifies_noun(text, q):
                    verb, qualifiers = "cost", {}  # "the £36m project": what it cost, no period
                else:
                    verb = self._verb_near(ctx, q)
                entity = self._owner(ctx, q)
                if entity:
                    qualifiers["entity"] = entity
                claims.append(self._claim(ctx, unit, verb or "count",
                                          NumberValue(value=q.value, bound=q.bound, unit=unit, low=q.low),
                                          text[q.start:q.unit_end], q.start, q.unit_end,
                                          qualifiers, 0.8 if verb else 0.5))
        return claims

    def _spans(self, ctx: SentenceMentions) -> list[tuple[int, str]]:
        """Where the sentence says what span a figure covers ("quarterly profit": quarter),
        and which; a fraction ("a quarter of the homes") is a figure, not a span."""
        if self.span_words is None:
            return []
        return [(m.start(), self.span_of.get(re.sub(r"[\s-]+", " ", m.group(1).lower()), ""))
                for m in self.span_words.finditer(ctx.sent.text)
                if not any(o.start <= m.start() < o.end for o in ctx.quantities)]

    def _modifies_noun(self, text: str, q: Quantity) -> bool:
        """An amount between an article and a noun: 'The £2.1bn scheme will…'."""
        before = re.search(r"(?:^|\b(?:the|a|an|its|their|this)\s+)$", text[:q.start], re.I)
        after = re.match(r"\s+([a-z]+)\b", text[q.end:])
        return bool(before and after and "NOUN" in lemmas(after.group(1))
                    and after.group(1) not in self.function_words)

    def _period(self, ctx: SentenceMentions, q: Quantity, found: list[Quantity]) -> Optional[DateMention]:
        """The period in the value's clause; else the nearest earlier one whose clause holds
        no other value of the same kind ('for 2024, … was 86.2 per cent'). A single day is
        when something happened, not the period a figure covers, so it is not one."""
        seg = ctx.segment_of(q.start)
        periods = [d for d in ctx.dates if d.value and (d.end_value or d.value.granularity != "day")
                   and not re.search(r"\b(?:by|until|till|before|after|since)\s+$",
                                     ctx.sent.text[:d.start], re.I)]  # "by 2032" is a deadline
        same = [d for d in periods if ctx.segment_of(d.start) == seg]
        if same:
            return min(same, key=lambda d: abs(d.start - q.start))
        if self.coordinated.match(ctx.sent.text[ctx.segments[seg][0]:q.start]):
            return None  # "joined in June 2022 and won 14 matches": that date is the joining's
        for d in reversed([d for d in periods if d.end <= q.start]):
            dseg = ctx.segment_of(d.start)
            if not any(o is not q and o.kind == q.kind and ctx.segment_of(o.start) == dseg
                       for o in found):
                return d
        return None

    def _metric(self, ctx: SentenceMentions, q: Quantity) -> Optional[str]:
        """What a percentage measures: '86.2 per cent of 999 calls answered within 10 seconds'."""
        text = ctx.sent.text
        m = re.match(r"\s+of\s+", text[q.end:])
        if m:
            # "Rainfall … was 146% of the long-term average": the subject, then the baseline
            subject = self._metric_before(ctx, q)
            of_phrase = self._metric_words(ctx, q.end + m.end())
            return " ".join(filter(None, [subject, of_phrase])) or None
        for m in _METRIC_ANCHOR.finditer(text):
            if m.end() <= q.start:
                return self._metric_words(ctx, m.end())
        return self._metric_before(ctx, q)

    def _metric_before(self, ctx: SentenceMentions, q: Quantity) -> Optional[str]:
        """The nouns before a percentage in its clause: 'The unemployment rate in Westmoor was'."""
        text = ctx.sent.text
        for s, e in ctx.masked:  # dates are periods, not part of what is measured
            text = text[:s] + " " * (e - s) + text[e:]
        seg_start = ctx.segments[ctx.segment_of(q.start)][0]
        before = text[seg_start:q.start]
        if self.comparison.match(before):
            return None  # "…, down from 44% in 2022": the measure the sentence already named
        # "Punctuality on the tram network was" measures punctuality; a phrase after a
        # preposition stays only when it names something: "unemployment in Westmoor"
        parts = re.split(r"\b(?:on|in|at|across|for|from|within|among)\b", before)
        before = parts[0] + "".join(f" {p}" for p in parts[1:] if re.search(r"\b[A-Z][a-z]", p))
        words = [w for w in _WORDS.findall(before)
                 if w.lower() not in self.function_words and not is_verb_form(w.lower())
                 and not w[0].isdigit() and nominal(w.lower())]
        words = [w for w in words if w.lower() not in self.bound_words]
        return self._normalise_metric(words[-4:]) if words else None

    def _metric_words(self, ctx: SentenceMentions, start: int) -> Optional[str]:
        text = ctx.sent.text
        seg_end = ctx.segments[ctx.segment_of(start)][1]
        stop = min([d.start for d in ctx.dates if d.start >= start] + [seg_end])
        words = _WORDS.findall(text[start:stop])
        while words and words[-1].lower() in self.function_words | {"for", "in", "during"}:
            words.pop()
        return self._normalise_metric(words) if words else None

    def _normalise_metric(self, words: list[str]) -> Optional[str]:
        out = []
        for w in words:
            low = w.lower().replace("’", "'")
            if low in self.function_words - {"of", "in", "on", "at", "to", "for", "from", "with", "by"}:
                continue
            if low.endswith("ing") and (verb_lemma(low) or low) != low:
                continue  # "patients attending A&E" measures the same as "A&E patients"
            number = self.quantities.word_value(low) if low.isalpha() else None
            if number is not None and low not in ("a", "an"):
                out.append(f"{number:g}")
            else:
                out.append(noun_lemma(low.replace(",", "")))
        return " ".join(out) or None

    def _verb_near(self, ctx: SentenceMentions, q: Quantity) -> Optional[str]:
        """The verb a figure belongs to. First the word governing it ('cost £24.5m', 'runs
        for 6.2 km', 'won 14 matches', 'rose to £1.84bn'); else the nearest inflected verb
        in its clause ('8,000 officers have been trained')."""
        text = ctx.sent.text
        seg_start, seg_end = ctx.segments[ctx.segment_of(q.start)]
        lead = re.search(r"([A-Za-z]+)\s+(?:(?:for|at|to|by|of|from|with|about|around|some)\s+)?$",
                         text[seg_start:q.start])
        if lead:
            low = lead.group(1).lower()
            lemma = verb_lemma(low)
            after_determiner = re.search(r"\b(?:the|a|an|its|their|his|her|our)\s+\S+\s*$",
                                         text[seg_start:lead.end(1)], re.I)
            if lemma and lemma not in _REPORTING and low not in self.function_words \
                    and not noun_only_here(low) and not after_determiner:
                return self.frame_of_verb.get(lemma, lemma)
            if low in ("was", "is", "were", "are", "be", "been"):
                # "The final cost of the extension was £310m": the subject's head noun
                for word in _WORDS.findall(text[seg_start:lead.start(1)]):
                    w = word.lower()
                    if w in ("of", "on", "in", "for"):
                        break
                    forms = lemmas(w)
                    if w not in self.function_words and "NOUN" in forms and "ADJ" not in forms:
                        return noun_lemma(w)
        tokens = [(m.group(), m.start()) for m in _WORDS.finditer(text)]
        best, best_dist = None, None
        for k, (word, pos) in enumerate(tokens):
            if not (seg_start <= pos < seg_end) or q.start <= pos < q.unit_end:
                continue
            low = word.lower()
            lemma = verb_lemma(low)
            if not lemma or lemma in _REPORTING or low in self.function_words:
                continue
            if lemma == low and not (k and tokens[k - 1][0].lower() in _MODALS):
                continue  # base forms only after "to", "will", …: "to address"
            if low.endswith("s") and not low.endswith("ss") and "NOUN" in lemmas(low):
                continue  # "40 treatment bays": a plural noun, not a verb
            dist = abs(pos - q.start)
            if best_dist is None or dist < best_dist:
                best, best_dist = lemma, dist
        return self.frame_of_verb.get(best, best) if best else None

    def _owner(self, ctx: SentenceMentions, q: Quantity) -> Optional[str]:
        seg = ctx.segment_of(q.start)
        owners = [m for m in ctx.entities if m.end <= q.start and ctx.segment_of(m.start) == seg
                  and m.kind]
        return owners[-1].canonical if owners else None

    # -- claims ------------------------------------------------------------------
    def _claim(self, ctx: SentenceMentions, subject: str, predicate: str, value, raw: str,
               start: int, end: int, qualifiers: dict, confidence: float) -> Claim:
        sent = ctx.sent
        body = {"source": sent.source, "subject": subject, "predicate": predicate,
                "value": value.model_dump(mode="json"), "qualifiers": qualifiers}
        line = sent.line + sent.text.count("\n", 0, start)
        return Claim(id=content_id("c", body), source=sent.source, subject=subject,
                     predicate=predicate, value=value, raw=raw, qualifiers=qualifiers,
                     quote=sent.text, start=sent.start + start, end=sent.start + end,
                     line=line, confidence=round(confidence, 2))
