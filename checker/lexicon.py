"""Domain vocabulary: the built-in data files in checker/data, then the user's packs
(lexicon/*.yaml beside the sources folder) merged after them.

Input: YAML files. Output: one validated `Lexicon`. Every file is checked with
pydantic (unknown keys are errors) and a bad entry is reported with file and line.
"""
from __future__ import annotations

import hashlib
from functools import cached_property
from pathlib import Path
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

from . import yamlio

DATA_DIR = Path(__file__).parent / "data"


class _Forbid(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Entity(_Forbid):
    name: str = Field(min_length=1)
    kind: str = ""
    aliases: list[str] = []


class AliasFile(_Forbid):
    entities: list[Entity] = []
    descriptors: dict[str, list[str]] = {}


class Frame(_Forbid):
    name: str = Field(min_length=1)
    # required: the event enters or leaves something named after it ("removed from X");
    # entity: that something must be a known or capitalised name ("joined Arsenal")
    object: Literal["required", "entity", "none"] = "none"
    positive: list[str] = []
    negative: list[str] = []


class EventFile(_Forbid):
    frames: list[Frame] = []
    alike: list[list[str]] = []  # verbs that tell one event ("found", "recovered")


class Unit(_Forbid):
    base: str
    factor: float = Field(gt=0)


class NumberFile(_Forbid):
    words: dict[str, float] = {}
    scales: dict[str, float] = {}
    fractions: dict[str, float] = {}
    bounds_before: dict[Literal["gt", "ge", "lt", "le", "approx"], list[str]] = {}
    bounds_after: dict[Literal["gt", "ge", "lt", "le", "approx"], list[str]] = {}
    units: dict[str, Unit] = {}
    currencies: dict[str, str] = {}


class EnglishFile(_Forbid):
    determiners: list[str] = []
    auxiliaries: list[str] = []
    clause_breaks: list[str] = []
    generic_heads: list[str] = []
    name_connectors: list[str] = []
    future_markers: list[str] = []
    pronouns: list[str] = []
    role_heads: list[str] = []
    titles: list[str] = []
    speech_verbs: list[str] = []
    unique_roles: list[str] = []
    negating_verbs: list[str] = []
    financial_year_start: int = Field(default=1, ge=1, le=12)


class Family(_Forbid):
    label: str = Field(min_length=1)
    words: list[str] = []
    phrases: list[str] = []  # two words that say it together ("pass away"; the first as a lemma)
    running: bool = False  # a tally later reports revise (deaths, cases)
    contrast: bool = False  # a point of a course (the open, the close): apart only from another
    span: bool = False  # the span a figure covers (a quarter, the year): a contrast, and a claim's qualifier


class PeopleNouns(_Forbid):
    generic: list[str] = []
    roles: list[str] = []
    subgroups: list[str] = []


class MeasureFile(_Forbid):
    families: dict[str, Family] = {}
    people: PeopleNouns = PeopleNouns()
    conditions: list[str] = []
    revision: list[str] = []
    ignore: list[str] = []
    # a word right before a value → the family it makes it, per kind of value ("date":
    # "since" → start; "count": "by" → margin)
    value_words: dict[str, dict[str, str]] = {}


class PackFile(AliasFile, EventFile, NumberFile, EnglishFile, MeasureFile):
    """A user pack may hold any of the sections of the built-in files."""


class Lexicon(_Forbid):
    entities: list[Entity] = []
    descriptors: dict[str, list[str]] = {}
    frames: list[Frame] = []
    alike: list[list[str]] = []
    numbers: NumberFile = NumberFile()
    english: EnglishFile = EnglishFile()
    measures: MeasureFile = MeasureFile()
    fingerprint: str = ""  # hash of every file read, so caches and baselines can tell

    @cached_property
    def frame_by_name(self) -> dict[str, Frame]:
        return {f.name: f for f in self.frames}

    def merge(self, pack: PackFile) -> None:
        self.entities.extend(pack.entities)
        for kind, phrases in pack.descriptors.items():
            self.descriptors.setdefault(kind, []).extend(phrases)
        self.frames.extend(pack.frames)
        self.alike.extend(pack.alike)
        for section in ("words", "scales", "fractions", "units", "currencies"):
            getattr(self.numbers, section).update(getattr(pack, section))
        for section in ("bounds_before", "bounds_after"):
            for bound, phrases in getattr(pack, section).items():
                getattr(self.numbers, section).setdefault(bound, []).extend(phrases)
        for section, field in EnglishFile.model_fields.items():
            if field.annotation is int:
                if section in pack.model_fields_set:
                    setattr(self.english, section, getattr(pack, section))
            else:
                getattr(self.english, section).extend(getattr(pack, section))
        for name, family in pack.families.items():
            if name in self.measures.families:
                known = self.measures.families[name]
                family = known.model_copy(update={"words": [*known.words, *family.words],
                                                  "phrases": [*known.phrases, *family.phrases]})
            self.measures.families[name] = family
        for group in ("generic", "roles", "subgroups"):
            getattr(self.measures.people, group).extend(getattr(pack.people, group))
        self.measures.revision.extend(pack.revision)
        self.measures.conditions.extend(pack.conditions)
        self.measures.ignore.extend(pack.ignore)
        for kind, words in pack.value_words.items():
            self.measures.value_words.setdefault(kind, {}).update(words)


def _read(path: Path, model: type, display: str):
    data = yamlio.load(path, display)
    return yamlio.validate(model, data if data is not None else {}, display)


def load_lexicon(pack_dir: Optional[Path] = None) -> Lexicon:
    """Built-ins first, then every *.yaml in `pack_dir` in name order."""
    digest = hashlib.sha256()
    files = [("aliases.yaml", AliasFile), ("events.yaml", EventFile),
             ("numbers.yaml", NumberFile), ("english.yaml", EnglishFile),
             ("measures.yaml", MeasureFile)]
    parts = {}
    for name, model in files:
        path = DATA_DIR / name
        digest.update(path.read_bytes())
        parts[name] = _read(path, model, f"checker/data/{name}")
    lex = Lexicon(entities=parts["aliases.yaml"].entities,
                  descriptors=parts["aliases.yaml"].descriptors,
                  frames=parts["events.yaml"].frames, alike=parts["events.yaml"].alike,
                  numbers=parts["numbers.yaml"], english=parts["english.yaml"],
                  measures=parts["measures.yaml"])
    if pack_dir is not None and pack_dir.is_dir():
        for path in sorted(pack_dir.glob("*.yaml")):
            digest.update(path.read_bytes())
            lex.merge(_read(path, PackFile, f"{pack_dir.name}/{path.name}"))
    lex.fingerprint = digest.hexdigest()[:16]
    return lex
