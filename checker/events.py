"""Events: find the event phrases of the lexicon's frames in a sentence.

A frame phrase is a verb lemma with an optional preposition ("take out of").
Every inflection of the verb matches, and in the active voice the object may
stand between verb and preposition ("placed the force under special measures").
Output: `EventMention`s with trigger span, frame, polarity, voice, the gap
(object) span and where the event's object ("the state") begins.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from lemminflect import getAllInflections

from .lexicon import Lexicon

_TOKEN = re.compile(r"[A-Za-z][A-Za-z’'-]*|\d[\d,.]*|[^\sA-Za-z\d]")
_PASSIVE_AUX = {"was", "were", "been", "being", "is", "are", "be", "get", "got", "gets"}
_MAX_GAP = 6
# Words after a verb that show it has no direct object: "the bridge reopened in May".
_NOT_OBJECT = {"in", "on", "at", "to", "for", "from", "by", "with", "after", "before", "since",
               "during", "until", "last", "this", "next", "yesterday", "today", "and", "but",
               "again", "early", "late", "earlier", "later", "as", "when", "because", "amid",
               "following", "over", "under", "into", "its", "entirely", "fully", "temporarily",
               "permanently", "officially"}


@dataclass
class EventMention:
    start: int  # the verb
    end: int  # end of the whole trigger (verb … preposition)
    frame: str
    polarity: str  # positive | negative
    phrase: str  # the lexicon phrase, e.g. "take out of"
    passive: bool
    gap: Optional[tuple[int, int]]  # text between verb and preposition (active object)
    object_start: int  # where the event's object begins (after the trigger)
    transitive: bool = False  # an object follows the verb directly ("opened the bridge")


@dataclass
class _Phrase:
    frame: str
    polarity: str
    lemma: str
    tail: tuple[str, ...]
    text: str
    needs_object: bool


def _forms(lemma: str) -> set[str]:
    forms = {lemma}
    for values in getAllInflections(lemma, upos="VERB").values():
        forms.update(values)
    return {f.lower() for f in forms}


class EventFinder:
    def __init__(self, lex: Lexicon):
        self.by_form: dict[str, list[_Phrase]] = {}
        for frame in lex.frames:
            for polarity, phrases in (("positive", frame.positive), ("negative", frame.negative)):
                for text in phrases:
                    words = text.lower().split()
                    phrase = _Phrase(frame.name, polarity, words[0], tuple(words[1:]), text,
                                     frame.object == "required")
                    for form in _forms(words[0]):
                        self.by_form.setdefault(form, []).append(phrase)
        for phrases in self.by_form.values():  # longest tail first: "take out of" before "take"
            phrases.sort(key=lambda p: (-len(p.tail), p.text))

    def find(self, text: str) -> list[EventMention]:
        tokens = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
        lower = [t[0].lower() for t in tokens]
        found: list[EventMention] = []
        for i, word in enumerate(lower):
            if i and tokens[i][0][0].isupper():
                continue  # part of a name: "Fire & Rescue Services"
            for phrase in self.by_form.get(word, ()):
                mention = self._match(text, tokens, lower, i, phrase)
                if mention:
                    found.append(mention)
                    break
        return found

    def _match(self, text, tokens, lower, i, phrase: _Phrase) -> Optional[EventMention]:
        passive = self._is_passive(lower, i)
        n = len(phrase.tail)
        if n == 0:
            end = tokens[i][2]
            nxt = lower[i + 1] if i + 1 < len(lower) else ""
            transitive = not passive and bool(nxt) and nxt[0].isalpha() and nxt not in _NOT_OBJECT
            return EventMention(tokens[i][1], end, phrase.frame, phrase.polarity, phrase.text,
                                passive, None, end, transitive)
        if tuple(lower[i + 1:i + 1 + n]) == phrase.tail:
            end = tokens[i + n][2]
            return EventMention(tokens[i][1], end, phrase.frame, phrase.polarity, phrase.text,
                                passive, None, end)
        if passive:
            return None
        for j in range(i + 2, min(i + 2 + _MAX_GAP, len(tokens) - n + 1)):
            if not tokens[j - 1][0][0].isalnum() and tokens[j - 1][0] not in "’'":
                return None  # punctuation: the object never reached the preposition
            if tuple(lower[j:j + n]) == phrase.tail:
                end = tokens[j + n - 1][2]
                return EventMention(tokens[i][1], end, phrase.frame, phrase.polarity, phrase.text,
                                    False, (tokens[i + 1][1], tokens[j - 1][2]), end)
        return None

    @staticmethod
    def _is_passive(lower: list[str], i: int) -> bool:
        """'was launched', 'has dramatically been taken out of', '…Plan, published in';
        not 'is removing' (progressive) nor 'has removed' (perfect)."""
        if lower[i].endswith("ing"):
            return False
        for k in range(i - 1, max(i - 4, -1), -1):
            if lower[k] in _PASSIVE_AUX:
                return True
            if not lower[k][0].isalpha():
                return lower[k] == "," and k == i - 1 and lower[i].endswith(("ed", "en", "shed"))
        return False
