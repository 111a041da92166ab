"""Step 3b, assertions: what a sentence says a named party did, or did not do.

"The jury ruled that Kestrel didn't infringe any patents" and "Kestrel infringed the
patents, the jury found" tell one event two ways. An assertion is kept only in the tight
form where its parts can be read without a parse: a name, the auxiliaries and negation
between it and a verb ("did not", "has never been"), the verb, and the first noun after
it (its object or what it is charged with). Two assertions meet only when their names
share a word, their verbs tell one event (the same lemma, or verbs `alike:` in events.yaml)
and their nouns are the same (or one says "any"), so negation without such identity (a
bare "did not") says nothing here: that was tried, and on real reports it was all noise.

A thing's state is read the same way with no party: a noun, a passive verb and its
negation ("no bodies have been found", "the cause remains unconfirmed").
"""
from __future__ import annotations

import re

from ..models import Mention, PolarityValue, Sentence
from ..words import CALENDAR, Concepts, can_be_noun, common_word, nominal, noun_lemma, participle, verb_lemma

_TOKEN = re.compile(r"[A-Za-z]+(?:n['’]t|['’][a-z]+)?|[^\sA-Za-z]")
NEGATORS = {"not", "never", "n't"}
# the words that may stand between a name and its verb: auxiliaries and light adverbs
BETWEEN = {"did", "does", "do", "has", "have", "had", "was", "were", "is", "are", "been", "be",
           "being", "will", "would", "could", "can", "may", "might", "should", "shall", "must",
           "yet", "also", "already", "still", "ever", "since", "then", "now", "later", "reportedly",
           "allegedly", "officially", "formally", "actually", "in", "fact"} | NEGATORS
PENDING = {"yet", "still"}  # "has not yet been charged": not so far, may be later
OBJECT_REACH = 4  # words after the verb within which its noun is looked for
_SKIP_AFTER = {"the", "a", "an", "any", "all", "its", "their", "his", "her", "some", "several",
               "with", "of", "for", "on", "in", "to", "by", "into", "from", "about", "no"}


_NOT_NAMES = {"the", "a", "an", "this", "that", "these", "those", "now", "then", "today",
              "yesterday", "tomorrow", "it", "they", "we", "i", "you"} | CALENDAR


# a state told of a thing, not of a party: "parts of the hull have been found", "no bodies
# were recovered", "the cause remains unconfirmed", "no recovered parts"
PASSIVE = {"is", "are", "was", "were", "be", "been", "being", "remain", "remains", "remained"}
SUBJECT_REACH = 6  # words of the subject's phrase looked back over for its "no"
QUANTIFIERS = {"number", "numbers", "lot", "lots", "majority", "minority", "most", "some", "many",
               "half", "part", "rest", "all", "none", "each", "several", "couple", "handful",
               "dozen", "dozens", "hundreds", "thousands", "millions", "scores", "tens"}
_SUBJECT_STOP = {"of", "that", "which", "who", "and", "or", "but", "if", "than", "as", "it", "they"}


_CLAUSE_END = {".", ",", ";", ":", "!", "?", "in", "on", "at", "after", "before", "during",
               "when", "until", "near", "off", "overnight", "yesterday", "today", "as", "while",
               "because", "and", "but"}


_CLAUSE_OPENERS = {"when", "while", "because", "as", "and", "but", "until", "after", "before", "during"}


def _negative(word: str) -> bool:
    low = word.lower().replace("’", "'")
    return low in NEGATORS or low.endswith("n't")


class AssertionReader:
    def __init__(self, concepts: Concepts):
        self.concepts = concepts

    def mentions(self, sent: Sentence, last_person: str = "") -> list[Mention]:
        """`last_person`: the name of the person the text last named, whom a sentence
        opening "He" or "She" is about."""
        text = sent.text
        tokens = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
        found = []
        for i, (word, start, _) in enumerate(tokens):
            pronoun = i == 0 and word in ("He", "She") and last_person
            role = not pronoun and self._role(word, i, tokens)
            if not pronoun and not role and not self._name(word, i, tokens):
                continue
            k, between = i + 1, []
            if k + 1 < len(tokens) and tokens[k][0] == "," and tokens[k + 1][0].lower() in BETWEEN:
                k += 1  # "The driver, Ann Teale, has been charged": the name in apposition
            while k < len(tokens) and (tokens[k][0].lower() in BETWEEN or _negative(tokens[k][0])):
                between.append(tokens[k][0].lower())
                k += 1
            if k >= len(tokens) or k == i + 1 and not tokens[k][0].endswith("ed"):
                continue  # "Kestrel infringed": a verb right after the name must show its tense
            verb_word = tokens[k][0]
            verb = verb_lemma(verb_word.lower())
            if not verb or not verb_word.islower() or verb in self.concepts.ignore \
                    or self.concepts.concept(verb_word) is None:
                continue
            denied = verb in self.concepts.negating and self._denied(tokens, k)
            if denied:  # "failed to win the seat", "denied taking the money": the verb after
                k = denied
                verb = verb_lemma(tokens[k][0].lower())
            noun, end = self._object(tokens, k)
            negative = any(_negative(w) for w in between) != bool(denied)
            if not noun and self._intransitive(tokens, k):
                # "The bridge did not collapse.": the verb alone; denied, it is denied whatever
                # it was done to or on ("collapsed on Tuesday")
                noun, end = ("*" if negative else ""), tokens[k][2]
            elif not noun:
                continue
            subject = last_person if pronoun else noun_lemma(word.lower()) if role else self._whole_name(tokens, i)
            pending = negative and bool(PENDING & set(between))
            found.append(self._mention(sent, start, end, subject, verb, noun, negative, pending))
        # a state whose verb a party's assertion already holds ("The driver was not charged")
        return found + [m for m in self._states(sent, tokens)
                        if not any(o.start <= m.end - 1 < o.end for o in found)]

    def _states(self, sent: Sentence, tokens: list) -> list[Mention]:
        """A thing's state, told with no party: "(no) bodies have (not) been found", "the
        cause remains unconfirmed" (a prefix that negates), "no recovered parts". Its
        subject is the noun's lemma, its verb the event the participle tells; denied, it is
        denied whoever did it ("was not confirmed" meets "was confirmed by police")."""
        found = []
        for k, (word, _, end) in enumerate(tokens):
            if not word.isalpha() or not word.islower():
                continue
            verb, negative = participle(word), False
            if not verb and word.startswith("un"):
                verb, negative = participle(word[2:]), True
            if not verb or verb in self.concepts.ignore:
                continue
            if k >= 1 and tokens[k - 1][0].lower() == "no" and not negative:
                # "no recovered parts": the noun right after
                if k + 1 < len(tokens) and self._thing(tokens[k + 1][0]):
                    found.append(self._state(sent, tokens, k - 1, k + 1, tokens[k + 1][0], verb, True, False))
                continue
            j, chain = k - 1, []
            while j >= 0 and (tokens[j][0].lower() in BETWEEN or tokens[j][0].lower() in PASSIVE
                              or _negative(tokens[j][0])):
                chain.append(tokens[j][0].lower())
                j -= 1
            if not PASSIVE & set(chain) or j < 0 or not self._thing(tokens[j][0], j == 0):
                continue
            if k + 1 < len(tokens) and tokens[k + 1][0] == "to":
                continue  # "was found to have": a finding about it, not its state
            first = self._phrase_start(tokens, j)
            if first > 1 and tokens[first - 1][0].lower() == "of" and self._thing(tokens[first - 2][0], first == 2) \
                    and tokens[first - 2][0].lower() not in QUANTIFIERS:
                # "the cause of the fire remains unconfirmed": the noun before "of" is the head
                # ("dozens of bodies": not when it counts)
                j = first - 2
                first = self._phrase_start(tokens, j)
            no = any(t[0].lower() == "no" for t in tokens[first:j])
            negative = negative != (no != any(_negative(w) for w in chain))
            pending = negative and bool(PENDING & set(chain))
            found.append(self._state(sent, tokens, first, k, tokens[j][0], verb, negative, pending))
        return found

    def _phrase_start(self, tokens: list, j: int) -> int:
        first = j
        while first > 0 and j - first < SUBJECT_REACH and self._modifier(tokens[first - 1][0]):
            first -= 1
        return first

    def _thing(self, word: str, first: bool = False) -> bool:
        """A common noun: lower case, or capitalised as a sentence's first word."""
        low = word.lower()
        return word.isalpha() and (word.islower() or first and word[1:].islower()) and can_be_noun(low) \
            and low not in _NOT_NAMES and self.concepts.concept(low) is not None

    @staticmethod
    def _modifier(word: str) -> bool:
        """A word of a subject's phrase before its head: article, "no", adjective, noun,
        name or figure."""
        low = word.lower()
        return low not in _SUBJECT_STOP and low not in BETWEEN and \
            (low in _SKIP_AFTER or word[:1].isupper() or word[:1].isdigit() or word.isalpha() and nominal(low))

    def _state(self, sent: Sentence, tokens: list, first: int, last: int, noun: str, verb: str,
               negative: bool, pending: bool) -> Mention:
        return self._mention(sent, tokens[first][1], tokens[last][2], noun_lemma(noun.lower()), verb,
                             "*" if negative else "", negative, pending)

    def _mention(self, sent: Sentence, start: int, end: int, subject: str, verb: str, obj: str,
                 negative: bool, pending: bool) -> Mention:
        """The polarity mention of text[start:end]: who or what, the event its verb tells, the
        object ("*": any), and which way it went."""
        text = sent.text
        polarity = PolarityValue(polarity="negative" if negative else "positive", event=text[start:end])
        return Mention(source=sent.source, value=polarity, raw=text[start:end], quote=text,
                       start=sent.start + start, end=sent.start + end,
                       line=sent.line + text.count("\n", 0, start), sentence=sent.index, concepts=[],
                       counted=f"{subject}|{self.concepts.event_verb(verb)}|{obj}", revised=pending)

    @staticmethod
    def _intransitive(tokens: list, k: int) -> bool:
        """The verb ends its clause or a preposition follows ("survived.", "sank on Monday")."""
        nxt = tokens[k + 1][0].lower() if k + 1 < len(tokens) else "."
        return nxt in _CLAUSE_END

    def _denied(self, tokens: list, k: int) -> int:
        """Where the verb a negating verb denies is ("failed to win": win; "denied taking":
        taking), else 0."""
        at = k + 2 if k + 2 < len(tokens) and tokens[k + 1][0] == "to" else \
            k + 1 if k + 1 < len(tokens) and tokens[k + 1][0].endswith("ing") else 0
        if not at or at >= len(tokens) or not tokens[at][0].islower():
            return 0
        verb = verb_lemma(tokens[at][0].lower())
        return at if verb and verb not in self.concepts.ignore and verb not in self.concepts.negating else 0

    def _role(self, word: str, i: int, tokens: list) -> bool:
        """"The driver", "the first officer" before its verb: the party by its role, a
        common noun (its lemma stands for the name)."""
        if i < 1 or not word.isalpha() or not word.islower():
            return False
        article = i - 1 if tokens[i - 1][0] in ("The", "the") else i - 2
        if article < 0 or tokens[article][0] not in ("The", "the") or article and tokens[article - 1][0] == "of":
            return False  # "parts of the wreck were found": the parts were
        if article == i - 2 and not (tokens[i - 1][0].isalpha() and tokens[i - 1][0].islower()):
            return False  # "the first officer": a lower-case word between
        nxt = tokens[i + 1][0] if i + 1 < len(tokens) else ""
        return can_be_noun(word) and self.concepts.concept(word) is not None and \
            (nxt.lower() in BETWEEN or _negative(nxt) or nxt.endswith("ed"))

    @staticmethod
    def _whole_name(tokens: list, i: int) -> str:
        """The words of the name that ends at token i, lower case ("ann teale")."""
        first = i
        while first > 0 and tokens[first - 1][0][:1].isupper() and (first - 1 > 0 or not common_word(tokens[0][0])):
            first -= 1
        return " ".join(t[0].lower().removesuffix("'s").removesuffix("’s") for t in tokens[first:i + 1])

    @staticmethod
    def _name(word: str, i: int, tokens: list) -> bool:
        """A capitalised word that names someone: past the sentence's first word, or a word
        no dictionary has; the last word of a name ("Kestrel Labs" → "labs")."""
        if not word[:1].isupper() or word.isupper() and len(word) > 4 or word.lower() in _NOT_NAMES:
            return False
        if i + 1 < len(tokens) and tokens[i + 1][0][:1].isupper():
            return False  # not the name's last word
        return i > 0 and tokens[i - 1][0] not in ".!?\"“" or not common_word(word)

    def _object(self, tokens: list, k: int) -> tuple[str, int]:
        """The first common noun after the verb (past articles, prepositions and names),
        and where it ends; "*" for "any" or "no" noun ("not charged with any crime" denies
        every charge)."""
        universal = False
        for word, _, end in tokens[k + 1:k + 1 + OBJECT_REACH]:
            low = word.lower()
            if not word[0].isalpha() or low in _CLAUSE_OPENERS:
                return "", 0  # the clause ended before an object came
            if low in _SKIP_AFTER or word[0].isupper():
                universal = universal or low in ("any", "no")
                continue
            if (can_be_noun(low) or low.endswith("ing")) and self.concepts.concept(low) is not None:
                return ("*" if universal else noun_lemma(low)), end
        return "", 0
