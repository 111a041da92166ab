"""`checker add`: HTML, PDF, Markdown and text files → sources with front matter.

HTML: the article's main text and its metadata (title, site name, author, date,
canonical URL) by trafilatura, which leaves out navigation, adverts, cookie
banners and footers. PDF: text by pypdf, lines reflowed into paragraphs (a
heading a paragraph of its own) and footnote markers unglued from words, never
from figures; metadata from the PDF's info. Text and Markdown as they are.
Everything is read and checked before anything is written; a source is never
overwritten.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from rapidfuzz import fuzz
from ruamel.yaml.comments import CommentedMap

from . import yamlio
from .errors import CheckerError
from .models import Source, SourceMeta
from .sources import SOURCE_SUFFIXES, check_size, parse_published, read_source

MIN_TEXT = 80  # characters: less is a page with no article
COPY_SCORE = 90  # rapidfuzz ratio over the normalised texts: a syndicated copy


@dataclass
class Incoming:
    path: Path
    meta: dict
    body: str
    notes: list[str] = field(default_factory=list)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "source"


def _normalised(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


# -- readers ---------------------------------------------------------------------
def _read_html(data: bytes, display: str) -> tuple[dict, str]:
    import trafilatura

    doc = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False,
                                      include_tables=False)
    text = (doc.text or "").strip() if doc else ""
    if len(text) < MIN_TEXT:
        raise CheckerError("no article text found in this page", display)
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    if doc.title and paragraphs and paragraphs[0] == doc.title.strip():
        paragraphs = paragraphs[1:]  # the headline is the title, not the body
    meta = {"title": doc.title, "outlet": doc.sitename, "author": doc.author,
            "published": doc.date, "url": doc.url}
    return meta, "\n\n".join(paragraphs)


def _pdf_date(value) -> Optional[str]:
    m = re.match(r"(?:D:)?(\d{4})(\d{2})?(\d{2})?", str(value or ""))
    if not m:
        return None
    return "-".join(g for g in m.groups() if g)


def _read_pdf(data: bytes, display: str) -> tuple[dict, str]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise CheckerError("the PDF is password-protected; save an unprotected copy", display)
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata or {}
    except CheckerError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise CheckerError(f"cannot read this PDF ({type(exc).__name__}: {exc})", display) from None
    text = reflow("\n".join(pages))
    if len(text) < MIN_TEXT:
        raise CheckerError("no text found in this PDF (a scanned image needs OCR first)", display)
    meta = {"title": info.get("/Title"), "author": info.get("/Author"),
            "published": _pdf_date(info.get("/CreationDate"))}
    return meta, text


# A footnote marker is dropped only where it cannot be part of a number: one or two digits
# glued to the end of a lowercase word ("rose2", "year¹"), or to a word of four or more
# letters and the punctuation after it ("says.1", "Council,”2"), and followed by the end of
# the text or by a capital. A digit after a digit or a decimal point ("4.2", "2021.1"), after a
# capital ("CO2", "M25") or after a short abbreviation ("s.5", "No.3", "fig.2") is kept:
# a reader of figures never alters a figure, so when in doubt the text stays as it is.
_FOOTNOTE = re.compile(r"\b([a-z]{3,}|[A-Za-z][a-z]{3,}[.,;:!?”’\")\]]+)(?:\d{1,2}|[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,2})"
                       r"(?=\s*\Z|\s+[A-Z“‘\"(])")
_ENDS_PARAGRAPH = re.compile(r"[.!?:”\"’)]$")
_STARTS_SENTENCE = re.compile(r"[A-Z“‘\"(]")


def drop_footnote_markers(text: str) -> str:
    return _FOOTNOTE.sub(r"\1", text)


def reflow(text: str) -> str:
    """PDF lines → paragraphs: a line ending a sentence ends a paragraph, a blank line
    always does, a short line with no end punctuation before a capital is a heading and a
    paragraph of its own, and a footnote marker glued to a word ('says.1') is dropped."""
    lines = [line.strip() for line in drop_footnote_markers(text).splitlines()]
    widest = max((len(line) for line in lines), default=0)
    paragraphs, current = [], []
    for line, after in zip(lines, lines[1:] + [""]):
        if not line:
            if current:
                paragraphs.append(" ".join(current))
                current = []
            continue
        current.append(line)
        heading = (len(current) == 1 and len(line) < 0.6 * widest and _STARTS_SENTENCE.match(after))
        if heading or _ENDS_PARAGRAPH.search(line):
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return "\n\n".join(paragraphs)


def _read_text(data: bytes, display: str) -> tuple[dict, str]:
    encoding = "utf-16" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig"
    try:
        return {}, data.decode(encoding)
    except UnicodeDecodeError:
        raise CheckerError("unknown text encoding; re-save the file as UTF-8", display) from None


_URL = re.compile(r"(?i)[a-z][a-z0-9+.-]*://|www\.")


def refuse_url(given: str) -> None:
    """`checker add` reads files: a web address (not a file that happens to be there) is
    refused with what to do instead."""
    if _URL.match(given) and not Path(given).exists():
        raise CheckerError("checker add reads files, not web addresses; download the page first "
                           f"(for example: curl -L -o page.html '{given}'), then add the file: "
                           "checker add page.html", given)


def read_incoming(path: Path) -> Incoming:
    display = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CheckerError(f"cannot read: {exc.strerror}", display) from None
    if not data.strip():
        raise CheckerError("empty file", display)
    suffix = path.suffix.lower()
    if data[:5] == b"%PDF-" or suffix == ".pdf":
        meta, body = _read_pdf(data, display)
    elif b"\x00" in data[:4096] and data[:2] not in (b"\xff\xfe", b"\xfe\xff"):
        raise CheckerError("binary file: checker reads HTML, PDF, Markdown and text", display)
    elif suffix in (".html", ".htm", ".xhtml") or re.match(rb"\s*(<!doctype html|<html)", data[:200], re.I):
        meta, body = _read_html(data, display)
    elif suffix in SOURCE_SUFFIXES or suffix in ("", ".text"):
        meta, body = _read_text(data, display)
        if body.startswith("---"):  # already a source: keep its front matter
            source = read_source(path, display)
            meta = {k: v for k, v in source.meta.model_dump().items() if v not in (None, "")}
            if source.meta.published:
                meta["published"] = source.meta.published.iso()
            body = source.text[source.body_start:]
    else:
        raise CheckerError(f"unsupported file type {suffix!r}: checker reads HTML, PDF, Markdown and text",
                           display)
    if not body.strip():
        raise CheckerError("no text in this file", display)
    check_size(len(body.encode("utf-8")), display, "its text")
    return Incoming(path, {k: v for k, v in meta.items() if v}, body.strip() + "\n")


# -- adding ------------------------------------------------------------------------
def prepare(paths: list[Path], existing: list[Source], overrides: dict) -> list[tuple[str, str, Incoming]]:
    """(id, file text, incoming) for each path, checked against the sources already there
    and against each other. Raises CheckerError before anything is written."""
    taken = {s.id for s in existing}
    known = [(s.id, s.meta.outlet, s.meta.url, _normalised(s.text[s.body_start:])) for s in existing]
    out = []
    for path in paths:
        item = read_incoming(path)
        meta = {**item.meta, **{k: v for k, v in overrides.items() if v}}
        published = parse_published(meta.get("published"), str(path), None) if meta.get("published") else None
        meta["published"] = published.iso() if published else None
        meta.setdefault("kind", "news" if path.suffix.lower() in (".html", ".htm") else "other")
        body = _normalised(item.body)
        for other_id, other_outlet, other_url, other_body in known:
            if (meta.get("url") and meta.get("url") == other_url) or body == other_body:
                raise CheckerError(f"already in the sources as {other_id!r}", str(path))
            if fuzz.ratio(body, other_body, score_cutoff=COPY_SCORE):
                if (meta.get("outlet") or "").lower() == (other_outlet or "").lower():
                    raise CheckerError(f"a near-identical copy of {other_id!r} from the same outlet",
                                       str(path))
                meta.setdefault("copy_of", other_id)
                item.notes.append(f"near-identical to {other_id}: recorded as a syndicated copy")
        source_id = meta.pop("id", None) or _new_id(meta, path)
        if source_id in taken:
            if overrides.get("id"):
                raise CheckerError(f"id {source_id!r} is already used", str(path))
            base, n = source_id, 2
            while f"{base}-{n}" in taken:
                n += 1
            source_id = f"{base}-{n}"
        try:
            SourceMeta.model_validate({**meta, "id": source_id,
                                       "published": published.model_dump() if published else None})
        except ValueError as exc:
            raise CheckerError(f"front matter would be invalid: {exc.errors()[0]['msg']}", str(path)) from None
        taken.add(source_id)
        known.append((source_id, meta.get("outlet"), meta.get("url"), body))
        out.append((source_id, _render(source_id, meta, item.body), item))
    return out


def _new_id(meta: dict, path: Path) -> str:
    """A stable id from outlet and date: 'county-gazette-2024-03-13'."""
    who = meta.get("outlet") or meta.get("title") or path.stem
    return f"{_slug(who)}-{meta.get('published') or 'undated'}"


def _render(source_id: str, meta: dict, body: str) -> str:
    front = CommentedMap([("id", source_id)])
    for key in ("title", "outlet", "author", "published", "url", "kind", "copy_of"):
        if meta.get(key):
            front[key] = str(meta[key])
    return f"---\n{yamlio.dumps(front)}---\n{body}"


def write(sources_dir: Path, prepared: list[tuple[str, str, Incoming]]) -> list[Path]:
    targets = [sources_dir / f"{source_id}.md" for source_id, _, _ in prepared]
    for target in targets:  # all checked before the first write
        if target.exists():
            raise CheckerError("a source file with this name exists already; it is never overwritten",
                               str(target))
    for target, (_, text, _) in zip(targets, prepared):
        yamlio.write_atomic(target, text)
    return targets
