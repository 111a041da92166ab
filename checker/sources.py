"""Stage 1, sources: a folder of articles → validated `Source`s.

Each file is UTF-8 Markdown or text with optional YAML front matter (DESIGN.md).
Splitting a source into sentences is extraction's first step (checker/extract/sentences.py).
"""
from __future__ import annotations

import datetime as dt
import math
import os
import re
from pathlib import Path

from . import yamlio
from .errors import CheckerError
from .models import DateValue, Source, SourceMeta

SOURCE_SUFFIXES = (".md", ".txt", ".markdown")
_FENCE = re.compile(r"^---[ \t]*\r?$", re.M)
_PUBLISHED = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse_published(value, path: str, line: int | None) -> DateValue | None:
    """`published` may be a date, 'YYYY-MM' or a year."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return DateValue(year=value.year, month=value.month, day=value.day)
    match = _PUBLISHED.match(str(value).strip())
    if match:
        year, month, day = (int(g) if g else None for g in match.groups())
        try:
            if day:
                dt.date(year, month, day)
            return DateValue(year=year, month=month, day=day)
        except ValueError:
            pass
    raise CheckerError(f"published: {value!r} is not a date (use YYYY-MM-DD, YYYY-MM or YYYY)",
                       path, line)


MB = 1_000_000
MAX_SOURCE_MB = 10  # the default; CHECKER_MAX_SOURCE_MB sets another


def max_source_bytes() -> int:
    """The largest source checker reads: a 50 MB file took five minutes and 1.6 GB."""
    given = os.environ.get("CHECKER_MAX_SOURCE_MB", "").strip()
    if not given:
        return MAX_SOURCE_MB * MB
    try:
        limit = float(given)
    except ValueError:
        limit = 0.0
    if not (0 < limit < 1e6):
        raise CheckerError(f"CHECKER_MAX_SOURCE_MB={given!r} is not a size in MB; give a number "
                           f"above 0, such as 50 (the default is {MAX_SOURCE_MB})")
    return int(limit * MB)


def check_size(size: int, display: str, what: str = "this source") -> None:
    limit = max_source_bytes()
    if size > limit:
        raise CheckerError(
            f"{what} is {size / MB:.3g} MB, more than the {limit / MB:g} MB checker reads from one "
            f"source (a large one takes minutes and much memory); split it into several files, or "
            f"raise the limit with the environment variable CHECKER_MAX_SOURCE_MB, for example "
            f"CHECKER_MAX_SOURCE_MB={math.ceil(size / MB)}", display)


def read_source(path: Path, display: str) -> Source:
    check_size(path.stat().st_size, display)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise CheckerError(f"not UTF-8 text (byte {exc.start}); re-save the file as UTF-8",
                           display, line) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\0" in text:
        raise CheckerError("a NUL byte (\\0) in the text: this is not a text file, or it is damaged",
                           display, text.count("\n", 0, text.index("\0")) + 1)
    if not text.strip():
        raise CheckerError("empty source file", display, 1)
    warnings: list[str] = []
    body_start = 0
    if _FENCE.match(text):
        first_end = text.index("\n") + 1 if "\n" in text else len(text)
        closing = _FENCE.search(text, first_end)
        if not closing:
            raise CheckerError("front matter opened with '---' is never closed", display, 1)
        meta = _fast_meta(text[first_end:closing.start()]) or \
            _meta(text[first_end:closing.start()], display)
        body_start = closing.end() + (1 if text[closing.end():closing.end() + 1] == "\n" else 0)
    else:
        meta = SourceMeta()
        warnings.append(f"{display}: no front matter; relative dates cannot be resolved")
    if not text[body_start:].strip():
        raise CheckerError("source has front matter but no text", display,
                           text.count("\n", 0, body_start) + 1)
    if meta.published is None and not warnings:
        warnings.append(f"{display}: no 'published' date; relative dates cannot be resolved")
    source_id = meta.id or path.stem
    return Source(id=source_id, path=display, meta=meta, text=text, body_start=body_start,
                  warnings=warnings)


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")  # as SourceMeta.id


def id_problem(source_id: str) -> str | None:
    """What is wrong with an id, in words; None when nothing is."""
    if _ID.fullmatch(source_id):
        return None
    for i, ch in enumerate(source_id):
        if not (ch.isascii() and (ch.isalnum() or (i and ch in "._-"))):
            what = "a space" if ch == " " else repr(ch)
            return f"starts with {what}" if i == 0 else f"has {what}"
    return "is empty"


def _meta(front: str, display: str) -> SourceMeta:
    """Front matter through YAML, with errors naming their line."""
    data = yamlio.parse(front, display, line_offset=1)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise CheckerError("front matter must be a mapping of keys to values", display, 2)
    if "published" in data:
        published = parse_published(data["published"], display,
                                    yamlio.line_of(data, ("published",), 1))
        data["published"] = published.model_dump() if published else None
    return yamlio.validate(SourceMeta, data, display, line_offset=1)


def _fast_meta(front: str) -> SourceMeta | None:
    """The common case without YAML; None whenever anything would need an error message."""
    data = yamlio.parse_simple_mapping(front)
    if data is None:
        return None
    try:
        if "published" in data:
            published = parse_published(data["published"], "", None)
            data["published"] = published.model_dump() if published else None
        return SourceMeta.model_validate(data)
    except (CheckerError, ValueError):
        return None


def read_sources(folder: Path) -> list[Source]:
    if not folder.is_dir():
        raise CheckerError("sources folder not found (pass --sources DIR)", str(folder))
    files = sorted(p for p in folder.iterdir()
                   if p.is_file() and p.suffix.lower() in SOURCE_SUFFIXES)
    if not files:
        raise CheckerError("no sources (*.md, *.txt) in this folder", folder.name or str(folder))
    sources: dict[str, Source] = {}
    by_folded: dict[str, Source] = {}
    for path in files:
        if _CONTROL.search(path.name):  # the name would reach terminals and CI logs as it is
            raise CheckerError(f"file name {path.name!r} has a control character or line break; "
                               "rename the file", f"{folder.name}/{path.name!r}")
        display = f"{folder.name}/{path.name}"
        if path.is_symlink() and not path.resolve().is_relative_to(folder.resolve()):
            raise CheckerError("a link to a file outside the sources folder; copy the file in "
                               "instead", display)
        source = read_source(path, display)
        problem = None if source.meta.id else id_problem(source.id)
        if problem:
            raise CheckerError(
                f"file name {path.name!r} gives the id {source.id!r}, which {problem}: ids may use "
                "letters, digits, '.', '_' and '-', starting with a letter or digit; rename the "
                "file or set `id:` in the front matter", display)
        if source.id in sources:
            raise CheckerError(f"id {source.id!r} is already used by {sources[source.id].path}",
                               source.path)
        other = by_folded.get(source.id.lower())
        if other:  # claims/<id>.yaml of the two would be one file on macOS and Windows
            raise CheckerError(f"id {source.id!r} differs only in case from {other.id!r} in "
                               f"{other.path}: the two clash on a case-insensitive file system "
                               "(macOS, Windows); change one of them", source.path)
        sources[source.id] = by_folded[source.id.lower()] = source
    return [sources[k] for k in sorted(sources)]


# split_sentences lives with the extraction steps; kept importable from here
from .extract.sentences import _PLAIN_SPLIT, is_plain, split_sentences  # noqa: E402,F401  (re-exported)
