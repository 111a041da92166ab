"""`checker add`: HTML pages and PDFs made here, with boilerplate around the article."""
import datetime as dt
import io
import re

import pytest
from fpdf import FPDF
from hypothesis import given, strategies as st
from pypdf import PdfReader, PdfWriter
from ruamel.yaml import YAML

from checker.ingest import reflow
from conftest import run

ARTICLE = ("<p>Hammerton Bridge reopened to traffic on Tuesday after a two-year closure that left "
           "commuters facing long detours across the county.</p>"
           "<p>The crossing was closed in April 2022 when engineers found cracks in its cast-iron "
           "pedestals. Repairs cost £42 million, the council said.</p>")


def page(article=ARTICLE, site="Hammerton Courier", url="https://courier.example/bridge-reopens"):
    return f"""<!DOCTYPE html><html><head><title>Bridge reopens | {site}</title>
<meta property="og:title" content="Hammerton Bridge reopens after two-year closure">
<meta property="og:site_name" content="{site}"><meta name="author" content="Ann Writer">
<meta property="article:published_time" content="2024-03-14T08:00:00Z">
<link rel="canonical" href="{url}"></head><body>
<nav><a href="/">Home</a> | <a href="/news">News</a> | <a href="/sport">Sport</a></nav>
<div id="cookie-banner">We use cookies to improve your experience. Accept all cookies</div>
<aside class="advert">Advertisement: Buy one get one free at Hammerton Motors</aside>
<article><h1>Hammerton Bridge reopens after two-year closure</h1>{article}</article>
<footer>Copyright 2024 {site}. All rights reserved. Terms | Privacy</footer></body></html>"""


def pdf(paragraphs, title="Hammerton Bridge: inspection report", password=None):
    doc = FPDF()
    doc.add_page()
    doc.set_font("Helvetica", size=11)
    doc.set_title(title)
    doc.set_author("Hammerton Borough Council")
    doc.set_creation_date(dt.datetime(2024, 3, 15, tzinfo=dt.timezone.utc))
    for text in paragraphs:
        doc.multi_cell(0, 6, text)
        doc.ln(4)
    data = bytes(doc.output())
    if password:
        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
        writer.encrypt(password, algorithm="RC4-128")
        out = io.BytesIO()
        writer.write(out)
        data = out.getvalue()
    return data


def front(path):
    text = path.read_text(encoding="utf-8")
    return YAML(typ="safe").load(text.split("---\n")[1]), text.split("---\n", 2)[2]


def test_html_and_pdf_round_trip_and_their_conflict_is_found(project):
    (project / "in").mkdir()
    (project / "in" / "bridge.html").write_text(page(), encoding="utf-8")
    (project / "in" / "report.pdf").write_bytes(pdf([
        "The Hammerton Bridge inspection found cracks in three cast-iron pedestals, which is why "
        "Hammerton Bridge was closed in April 2021 for repairs.1",
        "The council's engineers recommended a full replacement of the pedestals."]))
    result = run("add", "--sources", str(project / "sources"), str(project / "in" / "bridge.html"),
                 str(project / "in" / "report.pdf"), "--kind", "report")
    assert result.exit_code == 0, result.stderr
    html_meta, html_body = front(project / "sources" / "hammerton-courier-2024-03-14.md")
    assert html_meta == {"id": "hammerton-courier-2024-03-14", "title": "Hammerton Bridge reopens after two-year closure",
                         "outlet": "Hammerton Courier", "author": "Ann Writer", "published": "2024-03-14",
                         "url": "https://courier.example/bridge-reopens", "kind": "report"}
    assert "closed in April 2022" in html_body
    for boilerplate in ("cookies", "Advertisement", "Copyright", "Sport"):
        assert boilerplate not in html_body
    pdf_file = next(p for p in (project / "sources").iterdir() if p.name.startswith("hammerton-bridge-inspection"))
    pdf_meta, pdf_body = front(pdf_file)
    assert pdf_meta["author"] == "Hammerton Borough Council" and pdf_meta["published"] == "2024-03-15"
    assert "closed in April 2021 for repairs.\n" in pdf_body  # the footnote marker is gone
    assert "\n\nThe council's engineers" in pdf_body  # paragraphs kept
    check = run("check", "--sources", str(project / "sources"))
    assert check.exit_code == 1
    assert "April 2021" in check.stdout and "April 2022" in check.stdout


def test_adding_the_same_article_twice_is_refused(project):
    (project / "a.html").write_text(page(), encoding="utf-8")
    assert run("add", "--sources", str(project / "sources"), str(project / "a.html")).exit_code == 0
    again = run("add", "--sources", str(project / "sources"), str(project / "a.html"))
    assert again.exit_code == 2
    assert "already in the sources as 'hammerton-courier-2024-03-14'" in again.stderr
    assert len(list((project / "sources").iterdir())) == 1


def test_a_syndicated_copy_is_recorded_and_counted_once(project):
    wire = ARTICLE.replace("the council said", "a council spokesperson said")
    (project / "a.html").write_text(page(), encoding="utf-8")
    (project / "b.html").write_text(page(wire, site="Valley Post", url="https://valley.example/b"), encoding="utf-8")
    result = run("add", "--sources", str(project / "sources"), str(project / "a.html"), str(project / "b.html"))
    assert result.exit_code == 0
    assert "near-identical to hammerton-courier-2024-03-14: recorded as a syndicated copy" in result.stdout
    meta, _ = front(project / "sources" / "valley-post-2024-03-14.md")
    assert meta["copy_of"] == "hammerton-courier-2024-03-14"
    (project / "sources" / "gazette.md").write_text(
        "---\noutlet: Gazette\npublished: 2024-03-14\nkind: news\n---\n"
        "Hammerton Bridge was closed in April 2021 after cracks were found.\n", encoding="utf-8")
    check = run("check", "--sources", str(project / "sources"))
    assert "Majority view: April 2021: 1 source; April 2022: 1 source (1 syndicated copy not counted)." in check.stdout


def test_overrides_and_unique_ids(project):
    (project / "a.txt").write_text("Text of a.txt: Hammerton Bridge was closed in April 2022 for repairs "
                                   "after engineers found cracks in the pedestals of the old crossing.\n")
    (project / "b.txt").write_text("Text of b.txt: the council's budget for road maintenance rose by 4% "
                                   "this year, with most of the money going to pothole repairs.\n")
    result = run("add", "--sources", str(project / "sources"), str(project / "a.txt"), str(project / "b.txt"),
                 "--outlet", "Desk Notes", "--published", "2024-05", "--kind", "other")
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in (project / "sources").iterdir()) == ["desk-notes-2024-05-2.md", "desk-notes-2024-05.md"]
    meta, body = front(project / "sources" / "desk-notes-2024-05.md")
    assert meta["published"] == "2024-05" and body.startswith("Text of a.txt")
    taken = run("add", "--sources", str(project / "sources"), str(project / "a.txt"), "--id", "desk-notes-2024-05")
    assert taken.exit_code == 2


@pytest.mark.parametrize("name, content, message", [
    ("empty.html", b"", "empty file"),
    ("blank.txt", b"  \n\n", "empty file"),
    ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    ("latin.txt", "Caf\u00e9 society and the bridge".encode("latin-1"), "unknown text encoding"),
    ("broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ntrailer garbage", "cannot read this PDF"),
    ("menu.html", b"<html><body><nav>Home | News</nav><footer>(c) 2024</footer></body></html>",
     "no article text found"),
    ("sheet.xlsx", b"PK\x03\x04 spreadsheet", "unsupported file type"),
])
def test_bad_input_exits_2_and_writes_nothing(project, name, content, message):
    (project / name).write_bytes(content)
    (project / "good.html").write_text(page(), encoding="utf-8")
    result = run("add", "--sources", str(project / "sources"), str(project / "good.html"), str(project / name))
    assert result.exit_code == 2
    assert message in result.stderr and name in result.stderr
    assert list((project / "sources").iterdir()) == []


def test_a_password_protected_pdf_is_refused(project):
    (project / "secret.pdf").write_bytes(pdf(["Hammerton Bridge was closed in April 2022 after cracks "
                                              "were found in the pedestals of the old crossing."], password="pw"))
    result = run("add", "--sources", str(project / "sources"), str(project / "secret.pdf"))
    assert result.exit_code == 2 and "password-protected" in result.stderr


def test_reflow_joins_lines_and_drops_footnote_markers():
    text = "The bridge was closed\nin April 2022 for repairs.3\nIt reopened in March.\n\nA new paragraph\nstarts here"
    assert reflow(text) == ("The bridge was closed in April 2022 for repairs.\n\nIt reopened in March.\n\n"
                            "A new paragraph starts here")


def test_a_pdf_keeps_every_figure_verbatim_and_its_heading_apart(project):
    body = ["The harbour bridge closed for repairs costing 4.2 million pounds, and traffic over the "
            "estuary fell by 38.7 per cent in the first month while the ferry fare rose to 3.25 a trip.",
            "The toll was cut by 0.5 a crossing, a fall of 12.5 per cent, and 1,234.56 tonnes of steel "
            "were replaced, the council says."]
    (project / "notice.pdf").write_bytes(pdf(["Public notice", body[0], body[1] + "2"], title="Harbour notice"))
    result = run("add", "--sources", str(project / "sources"), str(project / "notice.pdf"))
    assert result.exit_code == 0, result.stderr
    _, text = front(project / "sources" / "harbour-notice-2024-03-15.md")
    assert re.findall(r"\d[\d,.]*\d|\d", text) == ["4.2", "38.7", "3.25", "0.5", "12.5", "1,234.56"]
    assert text == "Public notice\n\n" + "\n\n".join(body) + "\n"


@pytest.mark.parametrize("line, expected", [
    ("costs rose2 The", "costs rose The"),  # glued to a word: a footnote marker
    ("the report says.1", "the report says."),
    ("as the Council said,”12 Then", "as the Council said,” Then"),
    ("the year¹ Then", "the year Then"),
    ("it cost 4.2 million", "it cost 4.2 million"),  # a figure is never touched
    ("closed in April 2021.1", "closed in April 2021.1"),
    ("a rise of 12.5 per cent", "a rise of 12.5 per cent"),
    ("under s.5 and No.3 and fig.2 The", "under s.5 and No.3 and fig.2 The"),  # short abbreviations
    ("CO2 on the M25 Then", "CO2 on the M25 Then"),
    ("an area of 40 km² The", "an area of 40 km² The"),
    ("under para.4\nof the Act", "under para.4 of the Act"),  # lowercase after: not a footnote
])
def test_footnote_markers_are_dropped_only_where_they_cannot_be_part_of_a_number(line, expected):
    assert reflow(line) == expected


def test_a_short_line_before_a_capital_is_a_heading():
    long = "The harbour bridge closed on Tuesday for repairs to its deck and the approach roads"
    assert reflow(f"Public notice\n{long}\nwill stay shut.") == f"Public notice\n\n{long} will stay shut."
    assert reflow(f"{long}\nwill stay shut.\nIn March\nit reopens.") == f"{long} will stay shut.\n\nIn March it reopens."


# A number not glued to a word: '-4.2', '1,234.56', '38.7%', '(12' ; not 's.5' or 'CO2'.
NUMBER = re.compile(r"(?<![^\s(“‘\"£$€])-?\d[\d,.]*\d|(?<![^\s(“‘\"£$€])-?\d")


@st.composite
def numbers(draw):
    whole = draw(st.integers(0, 10**8))
    text = f"{whole:,}" if draw(st.booleans()) else str(whole)
    if draw(st.booleans()):
        text += "." + draw(st.from_regex(r"\d{1,3}", fullmatch=True))
    return (draw(st.sampled_from(["", "-", "£", "(", "“"])) + text
            + draw(st.sampled_from(["", "%", ".", ",", ":", ")", "m", "bn", "s", " per cent", " million"])))


WORDS = st.sampled_from(["the", "Bridge", "rose", "to", "said,", "fell.", "cost", "CO2", "M25", "A4", "x2", "3rd",
                         "s.5", "No.3", "fig.2", "p.12", "vol.3", "km²", "(see", "in", "April", "Public notice"])
MARKED = st.tuples(st.sampled_from(["rose", "year", "said", "pedestals"]), st.sampled_from(["", ".", ",", ".”", ")"]),
                   st.sampled_from(["1", "2", "12", "¹", "²³"]), st.sampled_from([" ", "\n", "\n\n"]),
                   st.sampled_from(["The", "It", "“We"]))


@given(st.lists(st.tuples(st.one_of(numbers(), WORDS, MARKED), st.sampled_from([" ", " ", "\n", "\n\n"])),
                max_size=40))
def test_reflow_keeps_every_number_and_every_word_but_footnote_markers(pieces):
    text, expected = "", []
    for piece, gap in pieces:
        if isinstance(piece, tuple):  # a word, its footnote marker, then a capital
            word, stop, marker, space, capital = piece
            piece, words = f"{word}{stop}{marker}{space}{capital}", [word + stop, capital]
        else:
            words = piece.split()
        text += piece + gap
        expected += words
    out = reflow(text)
    assert NUMBER.findall(out) == NUMBER.findall(text)
    assert out.split() == expected
