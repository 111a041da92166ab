"""Entities: find names in a sentence and give each its canonical form.

Three sources of names, in order of trust: the alias data files ("the Met" →
Metropolitan Police Service); aliases a text defines itself ("the Football
Association (FA)"); capitalised name spans ("New Met for London plan").
Generic descriptors ("the force") stand for the entity of that kind the source
named last. Near spellings of a known alias are matched with rapidfuzz.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from rapidfuzz import fuzz, process

from .lexicon import Entity, Lexicon
from .words import can_be_noun, common_word, singular_noun

_NAME_WORD = r"(?:[A-Z][\w&’'.-]*[\w]|[A-Z])"
_ABBR_DEF = re.compile(r"(?P<full>[A-Z][\w’'&-]*(?:[\s,]+(?:(?:of|for|and|the|&|on|in)\s+)*[A-Z][\w’'&-]*)+)\s*\((?P<abbr>[A-Z][A-Za-z&]{1,9})\)")
_POSSESSIVE = re.compile(r"[’']s$")
# "X, known as Y", "X – sometimes referred to as “Y”", "X, called the sugar tax"; and,
# without punctuation, only a name: "the process called Engage" (not "he called the police")
_NAMED = r"(?:[“\"‘](?P<quoted>[^”\"’]{2,60})[”\"’]|(?P<plain>[A-Z][\w’'&-]*(?:\s+[A-Z][\w’'&-]*){0,4})"
_KNOWN_AS = re.compile(
    r"(?:[,(–—]|\s-)\s*(?:(?:also|better|commonly|sometimes|often|widely|informally)\s+)?"
    r"(?:known\s+as|referred\s+to\s+as|called|dubbed|nicknamed)\s+(?P<the>the\s+)?"
    + _NAMED + r"|(?(the)(?P<lower>[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2})))"
    r"|\s(?:known\s+as|called|dubbed)\s+(?:the\s+)?" + _NAMED.replace("quoted", "quoted2").replace("plain", "plain2") + ")")
_MAY_DEFINE = re.compile(r"known as|referred to as|called|dubbed|nicknamed")
_PRONOUNS = {"he", "she", "it", "they", "we", "i", "you", "this", "that"}
# "It" as the subject of a clause: "It was closed in 2021" (not "It is clear that…")
_SUBJECT_IT = re.compile(r"(?:^|(?<=[,;]\s))[Ii]t(?=\s+(?:was|has|had|will|reopened|opened|closed|"
                         r"joined|left)\b)(?!\s+(?:was|is)\s+(?:not\s+)?(?:clear|likely|unclear|"
                         r"expected|thought|said|understood|believed|reported|hoped|feared)\b)")


@dataclass
class EntityMention:
    start: int
    end: int
    text: str
    canonical: str
    kind: str
    via: str  # alias | name | descriptor | pronoun


@lru_cache(maxsize=200_000)
def normalise_name(name: str) -> str:
    """Key for comparing names: lower case, no leading article, no possessive, single spaces."""
    name = _POSSESSIVE.sub("", name.strip(" \t\"'“”‘’"))
    name = re.sub(r"^(?:the|a|an)\s+", "", name, flags=re.I)
    return " ".join(name.replace("’", "'").split()).lower()


class AliasTable:
    def __init__(self, lex: Lexicon):
        self.exact: dict[str, tuple[str, str]] = {}  # alias as written → (canonical, kind)
        self.folded: dict[str, tuple[str, str]] = {}  # normalised alias → (canonical, kind)
        for entity in lex.entities:
            for alias in [entity.name, *entity.aliases]:
                alias = alias.replace("’", "'")
                self.exact.setdefault(alias, (entity.name, entity.kind))
                if not any(c.isupper() for c in alias):
                    self.exact.setdefault(alias.capitalize(), (entity.name, entity.kind))
                # a lower-case key only for names long enough not to be a common word
                if len(alias.split()) >= 2 or alias.isupper():
                    self.folded.setdefault(normalise_name(alias), (entity.name, entity.kind))
        self.descriptors: dict[str, str] = {}
        self.kind_by_head: dict[str, str] = {}  # "bridge" → bridge: "Hammerton Bridge" is one
        for kind, phrases in lex.descriptors.items():
            for phrase in phrases:
                self.descriptors[phrase.lower()] = kind
                self.kind_by_head.setdefault(phrase.lower().split()[-1], kind)
        aliases = sorted(self.exact, key=len, reverse=True)
        alternatives = "|".join(re.escape(a).replace("'", "['’]") for a in aliases)
        self.pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])") if aliases else None
        descs = sorted(self.descriptors, key=len, reverse=True)
        self.desc_pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, descs)) + r")\b", re.I) \
            if descs else None
        self._fuzzy_keys = [k for k in self.folded if len(k.split()) >= 3]

    def lookup(self, name: str) -> Optional[tuple[str, str]]:
        """Canonical name and kind for a name, exactly or by a close spelling."""
        name = name.replace("’", "'")
        if name in self.exact:
            return self.exact[name]
        key = normalise_name(name)
        if key in self.folded:
            return self.folded[key]
        if len(key.split()) >= 3 and self._fuzzy_keys:
            # order-sensitive and strict: a typo, not a different office ("Chief Inspector")
            best = process.extractOne(key, self._fuzzy_keys, scorer=fuzz.ratio, score_cutoff=95)
            if best:
                return self.folded[best[0]]
        return None


def learn_aliases(text: str) -> dict[str, str]:
    """Aliases a text defines: 'the Football Association (FA)' gives FA → Football Association."""
    learnt: dict[str, str] = {}
    if "(" not in text and not _MAY_DEFINE.search(text):
        return learnt  # most texts define nothing: skip the slower patterns
    for m in _ABBR_DEF.finditer(text):
        full, abbr = m.group("full"), m.group("abbr")
        words = [w for w in re.split(r"[\s,]+", full) if w[:1].isupper()]
        # keep the last words whose initials spell the abbreviation ("…, the Met Police (MP)")
        for k in range(len(words), 0, -1):
            tail = words[-k:]
            initials = "".join(w[0] for w in tail)
            if initials.upper() == abbr.upper() or abbr.upper().startswith(initials.upper()) \
                    and len(initials) >= 2:
                start = full.rfind(tail[0]) if k < len(words) else 0
                learnt[abbr] = full[start:].strip(" ,")
                break
        else:
            learnt[abbr] = full.strip(" ,")
    for m in _KNOWN_AS.finditer(text):
        alias = next((g for g in (m.group("quoted"), m.group("plain"), m.group("quoted2"),
                                  m.group("plain2")) if g), None)
        if m.group("lower"):
            alias = f"the {m.group('lower')}"
        full = _phrase_before(text[:m.start()])
        if alias and full and normalise_name(full) not in _PRONOUNS \
                and normalise_name(alias) != normalise_name(full):
            alias = alias.strip()
            learnt.setdefault(alias, full)
    return learnt


def _phrase_before(text: str) -> str:
    """The noun phrase that ends `text`: a capitalised name, or the words after its last
    article ('the review programme', 'the continuing enhanced monitoring process')."""
    name = re.search(r"(?:[A-Z][\w’'&-]*(?:\s+(?:of|for|and|&|the)?\s*[A-Z][\w’'&-]*)*)\s*$", text)
    if name and name.group().strip():
        return name.group().strip()
    phrase = re.search(r"\b(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir)\s+((?:[a-z][\w’'-]*\s+){0,4}[a-z][\w’'-]*)\s*$",
                       text)
    return phrase.group(1) if phrase else ""


class EntityFinder:
    """Finds entity mentions sentence by sentence within one source."""

    def __init__(self, lex: Lexicon, table: AliasTable):
        self.lex, self.table = lex, table
        self.connectors = {w.lower() for w in lex.english.name_connectors}
        self.leading_stop = {w.lower() for w in lex.english.determiners + lex.english.auxiliaries
                             + lex.english.pronouns}
        self.leading_stop |= {w.lower() for ps in lex.numbers.bounds_before.values() for p in ps
                              for w in p.split()}
        self.leading_stop |= {"in", "on", "at", "for", "from", "by", "with", "after", "before",
                              "since", "during", "while", "but", "and", "or", "if", "as", "so",
                              "however", "although", "when", "where", "writing", "mr", "mrs",
                              "ms", "dr", "i", "we", "you", "they", "he", "she", "there", "here"}
        cw = "|".join(map(re.escape, sorted(self.connectors, key=len, reverse=True)))
        self.span_pattern = re.compile(
            rf"{_NAME_WORD}(?:(?:\s+(?:{cw}))*\s+{_NAME_WORD})*(?:[’']s)?")
        self.learnt: dict[str, str] = {}
        self.recent_by_kind: dict[str, str] = {}
        self.last_thing: Optional[tuple[str, str]] = None  # what "It was closed…" refers to
        self.full_names: list[str] = []  # multi-word names in reading order
        self.count_by_kind: dict[str, dict[str, int]] = {}

    def find(self, text: str, masked: list[tuple[int, int]]) -> list[EntityMention]:
        mentions: list[EntityMention] = []
        spans = list(self._name_spans(text, masked))
        if self.table.pattern:
            for m in self.table.pattern.finditer(text):
                if any(m.start() < e and s < m.end() for s, e in masked):
                    continue
                inside = [s for s in spans if s[0] <= m.start() and m.end() <= s[1]]
                if inside and normalise_name(text[inside[0][0]:inside[0][1]]) != normalise_name(m.group()):
                    continue  # part of a longer name: "New Met for London"
                canonical, kind = self.table.exact[m.group().replace("’", "'")]
                mentions.append(EntityMention(m.start(), m.end(), m.group(), canonical, kind, "alias"))
        for start, end in spans:
            if any(start < m.end and m.start < end for m in mentions):
                continue
            name = text[start:end]
            known = self.table.lookup(name) or self._learnt(name)
            canonical, kind = known if known else (self._earlier_full_name(name), self._kind_of(name))
            mentions.append(EntityMention(start, end, name, canonical, kind, "alias" if known else "name"))
        if self.table.desc_pattern:
            for m in self.table.desc_pattern.finditer(text):
                if any(m.start() < x.end and x.start < m.end() for x in mentions):
                    continue
                kind = self.table.descriptors[m.group().lower()]
                target = self.recent_by_kind.get(kind) or self._most_frequent(kind)
                if target:
                    mentions.append(EntityMention(m.start(), m.end(), m.group(), target, kind,
                                                  "descriptor"))
        last_thing = self.last_thing
        for m in _SUBJECT_IT.finditer(text):
            if last_thing and not any(m.start() < x.end and x.start < m.end() for x in mentions):
                mentions.append(EntityMention(m.start(), m.end(), m.group(), last_thing[0],
                                              last_thing[1], "pronoun"))
        mentions.sort(key=lambda x: x.start)
        for m in mentions:
            if m.kind and m.via not in ("descriptor", "pronoun"):
                self.recent_by_kind[m.kind] = m.canonical
            if m.kind:
                self.last_thing = (m.canonical, m.kind)
        return mentions

    def _earlier_full_name(self, name: str) -> str:
        """News names a person in full, then by surname: 'Bellini' is the 'Marco Bellini'
        this source named before."""
        display = _display(name)
        if len(display.split()) == 1:
            for full in reversed(self.full_names):
                if full.split()[-1] == display:
                    return full
        elif display not in self.full_names:
            self.full_names.append(display)
        return display

    def _kind_of(self, name: str) -> str:
        """'Hammerton Bridge' is a bridge; 'Calder Museum of Natural History' a museum."""
        words = normalise_name(name).split(" of ")[0].split()
        return self.table.kind_by_head.get(words[-1], "") if words else ""

    def prime(self, texts: list[str]) -> None:
        """Count entities over the whole source, so a descriptor used before any
        name ('the force said…') still finds the entity the source is about."""
        for text in texts:
            self.learnt.update(learn_aliases(text))
        for text in texts:
            for m in self.find(text, []):
                if m.kind and m.via == "alias":
                    counts = self.count_by_kind.setdefault(m.kind, {})
                    counts[m.canonical] = counts.get(m.canonical, 0) + 1
        self.recent_by_kind.clear()
        self.last_thing = None
        self.full_names.clear()

    def _most_frequent(self, kind: str) -> Optional[str]:
        counts = self.count_by_kind.get(kind)
        if not counts:
            return None
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]

    def _learnt(self, name: str) -> Optional[tuple[str, str]]:
        full = self.learnt.get(name)
        if full is None:
            return None
        return self.table.lookup(full) or (_display(full), "")

    def _name_spans(self, text: str, masked: list[tuple[int, int]]):
        for m in self.span_pattern.finditer(text):
            start, end = m.start(), m.end()
            words = list(re.finditer(r"\S+", m.group()))
            # drop leading function words and a sentence-initial common word ("The", "Over")
            while words and (words[0].group().lower().strip("’'") in self.leading_stop
                             or words[0].group().lower() in self.connectors) \
                    and not (len(words) > 1 and _POSSESSIVE.search(words[1].group())):  # His Majesty's
                words.pop(0)
            if not words:
                continue
            start = m.start() + words[0].start()
            name = text[start:end]
            if _POSSESSIVE.search(name):
                end -= 2
                name = text[start:end]
            at_sentence_start = not text[:start].strip(" \"“‘'(")
            if len(name.split()) == 1 and (at_sentence_start and common_word(name)):
                continue
            # "the A New Met for London plan": take a following singular common noun
            tail = _NAME_TAIL.match(text[end:])
            if tail and all(can_be_noun(w) and w not in self.leading_stop for w in tail.group(1).split()) and \
                    singular_noun(tail.group(1).split()[-1]):
                end += tail.end()
            if any(start < e and s < end for s, e in masked):
                if any(s <= start < e for s, e in masked):
                    continue  # a weekday or month inside a date: "on Sunday"
                end = min(s for s, e in masked if s >= start and s < end)
                if not text[start:end].strip():
                    continue
                end = start + len(text[start:end].rstrip())
            yield start, end


# common nouns closing a name when a verb or punctuation follows: "the X plan was
# launched", "the Kelby flood barrier was completed"
_NAME_TAIL = re.compile(r"((?:\s+[a-z]+){1,3}?)\b(?=\s*(?:[,.;:)]|$|\s+(?:was|is|were|are|has|had|have|"
                        r"will|would|which|that|and|to|in|for|of|on|by|at|as|under|published|"
                        r"launched|opened|closed|reopened)\b))")


def _display(name: str) -> str:
    name = _POSSESSIVE.sub("", name.strip())
    return re.sub(r"^(?:the|a|an)\s+", "", name, flags=re.I)


def learnt_entities(texts: list[str], table: AliasTable) -> list[Entity]:
    """Aliases the sources define, as entities every source can use: 'the levy – sometimes
    called the sugar tax' lets a source that only says 'the sugar tax' be compared."""
    pairs: dict[str, str] = {}
    for text in texts:
        for alias, full in learn_aliases(text).items():
            pairs.setdefault(alias, full)
    entities = []
    for alias, full in sorted(pairs.items()):
        if not full[:1].isupper():
            full = f"the {full}"
        known = table.lookup(alias) or table.lookup(full)
        if known:
            entities.append(Entity(name=known[0], kind=known[1], aliases=[alias, full]))
            continue
        # the proper name is the better canonical form: "Project Orion", not "the review programme"
        name, other = (alias, full) if alias[:1].isupper() and not full[:1].isupper() else (full, alias)
        entities.append(Entity(name=_display(name), kind="", aliases=[name, other]))
    return entities
