"""Extraction: a `Source` → its claims and its measured mentions, in steps, a module each:

1. sentences.py  the body split into sentences with offsets into the file
2. mentions.py   per sentence, what it mentions: dates, quantities, entities, people, clauses
3. measures.py   each figure, percentage, date and time tied to what it measures (`Mention`)
4. claims.py     rules tying values to subject, predicate and period (`Claim`)

Word predicates (lemmas, parts of speech, concepts) are in checker/words.py.
"""
from .extractor import Extractor

__all__ = ["Extractor"]
