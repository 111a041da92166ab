"""Word predicates: lemmas, parts of speech, and the concept a word measures.

One place for what the extraction steps ask of a word. Lemmas come from lemminflect's
dictionary (in its wheel, no model); concepts from the measure families in the lexicon
(checker/data/measures.yaml and user packs) and from WordNet derivation families
(checker/data/derivations.tsv: "evacuate" and "evacuation" are one concept).
"""
from __future__ import annotations

import calendar
import re
from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Optional

from lemminflect import getAllLemmas, getInflection

from .lexicon import Lexicon

DERIVATIONS = Path(__file__).parent / "data" / "derivations.tsv"


@lru_cache(maxsize=100_000)
def lemmas(word: str) -> dict[str, tuple[str, ...]]:
    return getAllLemmas(word)


@lru_cache(maxsize=50_000)
def noun_lemma(word: str) -> str:
    found = lemmas(word)
    return found["NOUN"][0] if "NOUN" in found else word


@lru_cache(maxsize=50_000)
def verb_lemma(word: str) -> Optional[str]:
    found = lemmas(word)
    return found["VERB"][0] if "VERB" in found else None


@lru_cache(maxsize=50_000)
def nominal(word: str) -> bool:
    """Can be a noun or adjective, or is unknown (a name)."""
    found = lemmas(word)
    return "NOUN" in found or "ADJ" in found or not found


@lru_cache(maxsize=50_000)
def noun_only_here(word: str) -> bool:
    """A word before a figure that reads as a noun: 'the cost of £5m' has no verb 'cost' there,
    but 'of' is skipped, so this rules out plain nouns and adjectives ('total', 'final')."""
    found = lemmas(word)
    return "VERB" not in found or ("ADJ" in found and not word.endswith("ed"))


@lru_cache(maxsize=50_000)
def noun_reading(word: str) -> tuple[str, bool, bool, bool]:
    """(noun lemma, can be a noun, can be an adjective, reads as an inflected verb:
    'ranging', 'answered', 'came')."""
    found = lemmas(word)
    noun = found.get("NOUN", (None,))[0]
    verb = found.get("VERB", (None,))[0]
    inflected_verb = bool(verb) and verb != word and not noun
    inflected_verb = inflected_verb or (bool(verb) and word.endswith(("ed", "ing")) and verb != word)
    is_adj = "ADJ" in found or "-" in word
    return (noun or word), bool(noun) and not inflected_verb, is_adj, inflected_verb


def inflected_verb(word: str) -> bool:
    """A verb form ending -ed or -ing ('said', 'adding'): not a name's part."""
    verb = lemmas(word).get("VERB", (None,))[0]
    return bool(verb) and verb != word and word.endswith(("ed", "ing"))


@lru_cache(maxsize=20_000)
def common_word(word: str) -> bool:
    """An ordinary English word (capitalised at the start of a sentence, say)."""
    return bool(lemmas(word.lower()))


@lru_cache(maxsize=20_000)
def can_be_noun(word: str) -> bool:
    return "NOUN" in lemmas(word)


@lru_cache(maxsize=20_000)
def singular_noun(word: str) -> bool:
    found = lemmas(word)
    return "NOUN" in found and found["NOUN"][0] == word


def past_participle(phrase: str) -> str:
    """"close" → "closed", "take out of" → "taken out of"."""
    verb, _, rest = phrase.partition(" ")
    form = (getInflection(verb, tag="VBN") or (verb,))[0]
    return f"{form} {rest}".strip()


@lru_cache(maxsize=50_000)
def participle(word: str) -> Optional[str]:
    """The verb a past participle is of ("found" → find, "recovered" → recover), else None."""
    for lemma in lemmas(word).get("VERB", ()):
        if word in (getInflection(lemma, tag="VBN") or ()):
            return lemma
    return None


def is_verb_form(word: str) -> bool:
    """An inflected verb that is not also a noun: 'answered', 'came'."""
    lemma = verb_lemma(word)
    return bool(lemma) and lemma != word and "NOUN" not in lemmas(word)


@lru_cache(maxsize=50_000)
def distinctive(word: str) -> bool:
    """A word no dictionary knows: part of a name ('hollin' of 'Hollin Airport')."""
    return len(word) > 2 and word.isalpha() and not lemmas(word)


CALENDAR = {"sept"} | {name.lower() for name in (*calendar.month_name, *calendar.month_abbr,
                                        *calendar.day_name, *calendar.day_abbr) if name}
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+(?:['’]s)?\b")


def name_words(text: str) -> set[str]:
    """The words of names no dictionary knows ('Kelby', 'Harlow'): what a story is about.
    A first name is left out (a distinctive word followed by another): many stories share
    it."""
    found = set()
    matches = list(_CAPITALISED.finditer(text))
    for k, m in enumerate(matches):
        word = re.sub(r"['’]s$", "", m.group()).lower()
        if not distinctive(word) or word in CALENDAR or not text[:m.start()].strip(" “\"‘'(—–-"):
            continue  # a sentence's first word is capitalised whatever it is
        nxt = matches[k + 1] if k + 1 < len(matches) else None
        if nxt and text[m.end():nxt.start()] == " " and distinctive(re.sub(r"['’]s$", "", nxt.group()).lower()):
            continue
        found.add(word)
    return found


def _read_derivations(path: Path) -> dict[str, str]:
    table = {}
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                word, _, head = line.partition("\t")
                if head:
                    table[word] = head
    return table


@lru_cache(maxsize=1)
def derivations() -> dict[str, str]:
    return _read_derivations(DERIVATIONS)


class Concepts:
    """word → the concept it measures ("killed" → death, "evacuees" → evacuation), or None
    for words that never say what a figure measures ("said", "about", "Tuesday")."""

    def __init__(self, lex: Lexicon):
        m = lex.measures
        self.family_of = {w.lower(): name for name, fam in m.families.items() for w in fam.words}
        self.phrase_of = {tuple(p.lower().split()): name for name, fam in m.families.items()
                          for p in fam.phrases if len(p.split()) == 2}
        self.value_words = {kind: {w.lower(): fam for w, fam in words.items()}
                            for kind, words in m.value_words.items()}
        self.date_families = set(self.value_words.get("date", {}).values())  # a start, an end
        self.running = {name for name, fam in m.families.items() if fam.running}
        self.contrasts = {name for name, fam in m.families.items() if fam.contrast or fam.span}
        self.labels = {name: fam.label for name, fam in m.families.items()}
        self.ignore = {w.lower() for w in m.ignore}
        eng = lex.english
        self.ignore |= {w.lower() for w in eng.determiners + eng.auxiliaries + eng.pronouns}
        self.negating = {w.lower() for w in eng.negating_verbs}  # "failed to", "denied"
        # verbs that tell one event ("recovered", "found"): each → its group's first verb
        self.alike = {v.lower(): group[0].lower() for group in lex.alike for v in group}
        self.ignore |= {"of", "in", "on", "at", "to", "for", "from", "by", "with", "and", "or",
                        "as", "that", "which", "who", "its", "their", "it", "they", "he", "she",
                        "we", "i", "you", "not", "no", "into", "onto", "out", "up", "down", "off",
                        "after", "before", "because", "but", "if", "than", "then", "said", "says"}
        self.revision = {w.lower() for w in m.revision}
        self.conditions = {self._concept_plain(w.lower()) for w in m.conditions} | {w.lower() for w in m.conditions}
        p = m.people
        self.people_generic = {noun_lemma(w.lower()) for w in p.generic} | {w.lower() for w in p.generic}
        self.people_roles = {noun_lemma(w.lower()) for w in p.roles}
        self.people_subgroups = {noun_lemma(w.lower()) for w in p.subgroups}
        self.derived = derivations()
        self.concept = lru_cache(maxsize=100_000)(self._concept)
        # events told one way and the other ("approved", "rejected"): the date or count of
        # one is not the date or count of the other (one-word verbs of events.yaml's frames;
        # a verb a wider measure family holds, "hire" of "jobs", is left to its family)
        self.opposite: dict[str, set[str]] = defaultdict(set)
        for frame in lex.frames:
            ends = [{c for c in map(self.concept, (w for w in side if " " not in w))
                     if c and (c not in self.labels or c == frame.name)}
                    for side in (frame.positive, frame.negative)]
            for one, other in (ends, ends[::-1]):
                for c in one:
                    self.opposite[c] |= other - one

    def _concept(self, word: str) -> Optional[str]:
        low = word.lower().replace("’", "'")
        if low.endswith("'s"):
            low = low[:-2]
        if low in self.ignore or len(low) < 2:
            return None
        found = lemmas(low)
        # "posting", "killed", "rose": the verb; "deaths", "costs": the noun
        verb = found.get("VERB", (low,))[0]
        inflected = verb != low and found.get("NOUN", (low,))[0] == low or low.endswith(("ing", "ed"))
        order = ("VERB", "NOUN", "ADJ") if inflected else ("NOUN", "VERB", "ADJ")
        forms = [low] + [f for pos in order for f in found.get(pos, ())]
        for form in forms:
            if form in self.ignore and form != low:
                return None
            if form in self.family_of:
                return self.family_of[form]
        for form in forms:
            head = self.derived.get(form)
            if head:
                return self.family_of.get(head, head)
        return forms[1] if len(forms) > 1 else low

    def event_verb(self, lemma: str) -> str:
        """The verb that names the event a verb tells ("recover" → "find")."""
        return self.alike.get(lemma, lemma)

    def _concept_plain(self, word: str) -> str:
        found = lemmas(word)
        return next((f for pos in ("VERB", "NOUN") for f in found.get(pos, ())), word)

    def phrase(self, first: str, second: str) -> Optional[str]:
        """The family two words name together ("passed away": death), else None."""
        if not self.phrase_of:
            return None
        low = first.lower()
        return (self.phrase_of.get((low, second.lower()))
                or self.phrase_of.get((verb_lemma(low) or low, second.lower())))

    def is_condition(self, word: str) -> bool:
        low = word.lower()
        return low in self.conditions or (verb_lemma(low) or noun_lemma(low)) in self.conditions

    def is_revision(self, word: str) -> bool:
        low = word.lower()
        return low in self.revision or (verb_lemma(low) or "") in self.revision

    def person_kind(self, noun: str) -> Optional[str]:
        """'generic', 'role' or 'subgroup' for a noun that counts people, else None."""
        lemma = noun_lemma(noun)
        if noun in self.people_generic or lemma in self.people_generic:
            return "generic"
        if lemma in self.people_roles:
            return "role"
        if lemma in self.people_subgroups:
            return "subgroup"
        return None
