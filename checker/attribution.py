"""Attribution: who said a quote, who did an act, who holds a role.

People come with job titles in news copy ("Chief executive Sarah Lin said",
"opened by health minister Karin Smith", "the trust's chief executive, Dr Alan
Price"). This module splits such phrases into a role and a name, finds the
speaker of a direct quote, and decides whether two names can be one person
("Sir Mark" and "Commissioner Sir Mark Rowley" can; "Mark Ellison" and "Mark
Allison" cannot). Role words, titles and speech verbs come from the lexicon.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional


from .models import EntityValue

from .aliases import EntityMention, normalise_name
from .lexicon import Lexicon
from .words import inflected_verb

_QUOTE = re.compile(r"[“\"](?P<q>[^”\"]+)(?:[”\"]|$)")
_MIN_QUOTE_WORDS = 6
_WORD = re.compile(r"[A-Za-z][A-Za-z’'&-]*")


@dataclass
class Person:
    name: str  # as written, without the role: "Dr Alan Price"
    role: str  # lower case, may be "": "chief executive"
    start: int
    end: int


@dataclass
class Quote:
    key: str  # normalised words of the quote, to match it across sources
    start: int
    end: int
    speaker: Person


class Attributor:
    def __init__(self, lex: Lexicon):
        eng = lex.english
        self.role_heads = {w.lower() for w in eng.role_heads}
        self.titles = {w.lower() for w in eng.titles}
        self.stop = {w.lower() for w in eng.determiners + eng.auxiliaries + eng.pronouns} | {
            "by", "to", "of", "from", "in", "on", "at", "for", "with", "and", "said", "says"}
        verbs = "|".join(sorted(map(re.escape, eng.speech_verbs), key=len, reverse=True))
        self.speech_before = re.compile(rf"\b(?:{verbs})\b(?:\s+\w+)?\s*[:,]?\s*$", re.I)
        self.speech_after = re.compile(rf"^\s*,?\s*(?:(?:{verbs})\b|\w[\w\s’'.-]{{0,60}}?\b(?:{verbs})\b)",
                                       re.I)

    # -- people ---------------------------------------------------------------
    def person(self, text: str, m: EntityMention) -> Optional[Person]:
        """The role and name in a name span and the words before it, or None if the
        mention is not a person's name (an organisation, a place)."""
        if m.kind or m.via not in ("name",):
            return None
        words = m.text.split()
        split = 0
        for i, w in enumerate(words[:-1]):  # "Chairman David Okafor": role inside the span
            if w.lower() in self.role_heads:
                split = i + 1
        if split and len(words) - split >= 3 and words[split].lower() == "of":
            if not all(w[:1].isupper() for w in words[split + 1:]):
                return None  # "Inspector of Constabulary and Fire & Rescue Services"
            split = len(words) - 2  # "Mayor of London Sadiq Khan": the name is the last two words
        role_words = [w.lower() for w in words[:split]]
        name_words = words[split:]
        if not name_words or not all(w[:1].isupper() for w in name_words) or \
                any(w.lower() in self.role_heads for w in name_words):
            return None  # "Inspector of … Rescue Services", "Deputy Commissioner" are no names
        start = m.start
        title = re.search(r"\b([A-Z][a-z]*)\.?\s+$", text[:start])
        if title and title.group(1).lower() in self.titles:  # "Dr Alan Price"
            start = title.start(1)
            name_words.insert(0, title.group(1))
        if len(name_words) == 1 and not role_words:
            if m.canonical == m.text or len(m.canonical.split()) < 2:
                return None  # a lone word: a first name, a word at the start of a quote
            name_words = m.canonical.split()  # a surname standing for the full name
        before = self._role_before(text, start)
        role = " ".join([*before, *role_words]).strip()
        if not [w for w in name_words if w.lower() not in self.titles]:
            return None
        return Person(" ".join(name_words), role, start, m.end)

    def _role_before(self, text: str, pos: int) -> list[str]:
        """'health minister' in 'opened by health minister Karin Smith';
        'chief executive' in 'the trust's chief executive, Dr Alan Price';
        'chair of governors' in 'Chair of governors Ruth Bell'."""
        head = text[:pos].rstrip()
        head = head[:-1].rstrip() if head.endswith(",") else head
        if not head or not head[-1].isalpha():
            return []
        run = re.search(r"(?:[A-Za-z][\w’'&-]*\s+)*[A-Za-z][\w’'&-]*$", head[-80:])
        role: list[str] = []
        for w in reversed(run.group().split() if run else []):
            low = w.lower()
            if not role and low not in self.role_heads:
                break
            if low == "of" and role:
                role.insert(0, low)
                continue
            if low in self.stop or low.endswith(("’s", "'s")) or len(role) >= 4 or inflected_verb(low):
                break  # "Kingsbridge Athletic sacked manager Tom Reyes": the role is "manager"
            role.insert(0, low)
        while role and role[0] == "of":
            role.pop(0)
        return role

    def key(self, name: str) -> str:
        """The name as compared: 'Sir Mark Rowley' → 'mark rowley'."""
        words = [t for t in normalise_name(name).split() if t not in self.titles]
        return " ".join(words) or normalise_name(name)

    # -- quotes ---------------------------------------------------------------
    def quotes(self, text: str, people: list[Person]) -> list[Quote]:
        found = []
        for m in _QUOTE.finditer(text):
            words = re.findall(r"[\w’'&-]+", m.group("q"))  # figures too: they tell quotes apart
            if len(words) < _MIN_QUOTE_WORDS:
                continue
            speaker = self._speaker(text, m.start(), m.end(), people)
            if speaker:
                key = " ".join(w.lower().replace("’", "'") for w in words[:30])
                found.append(Quote(key, m.start(), m.end(), speaker))
        return found

    def _speaker(self, text: str, start: int, end: int, people: list[Person]) -> Optional[Person]:
        before = text[:start]
        if self.speech_before.search(before):
            cands = [p for p in people if p.end <= start and not _QUOTE.search(text[p.end:start])]
            if cands:
                return cands[-1]
        after = text[end:]
        m = self.speech_after.match(after)
        if m:
            cands = [p for p in people if end <= p.start <= end + m.end() + 60]
            if cands:
                return cands[0]
        return None


def same_person(a: EntityValue, b: EntityValue) -> bool:
    """One name's words are all in the other's: 'Sir Mark' / 'Commissioner Sir Mark Rowley'."""
    wa, wb = a.words(), b.words()
    return bool(wa and wb) and (wa <= wb or wb <= wa)
