"""Hostile text in sources stays inert in the reports: no HTML in report.md, no formulas
in conflicts.csv, no terminal escape sequences in `checker check`."""
import csv
import io

from checker.models import Claim, Conflict, EntityValue, NumberValue, Report, Summary
from checker.report import csvfmt, markdown, text
from conftest import run, write_source

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"


def hostile_report(quote: str = "", outlet: str = "", topic: str = "", explanation: str = "",
                   raw: str = "x", name: str = "x", source: str = "a") -> Report:
    claims = [Claim(id=f"c{i}", source=sid, subject="s", predicate="p", raw=raw,
                    value=EntityValue(name=name), quote=quote or "Plain.", start=0, end=1, line=3)
              for i, sid in enumerate([source, "b"])]
    claims.append(Claim(id="c9", source="b", subject="s", predicate="p", raw="-5",
                        value=NumberValue(value=-5), quote="Minus five.", start=0, end=1, line=4))
    conflict = Conflict(id="0123456789ab", topic=topic or "t", kind="entity", severity="high",
                        confidence=0.9, explanation=explanation or "e", claims=claims)
    sources = [{"id": source, "title": SCRIPT, "outlet": outlet, "published": "2024-01-01", "path": "s/a.md"},
               {"id": "b", "title": "B", "outlet": "B", "published": None, "path": "s/b.md"}]
    return Report(sources=sources, conflicts=[conflict],
                  summary=Summary(sources=2, claims=3, topics=1, conflicts=1, new=1, unresolved=1))


def test_markdown_escapes_html_from_every_source_text():
    md = markdown.render(hostile_report(quote=f"It opened {SCRIPT} in May.", outlet=IMG,
                                        topic=f"{IMG} topic", explanation=f"{SCRIPT} says",
                                        name=IMG, source="a<b>"))
    assert "<" not in md and ">" not in md.replace("\n  > ", "\n")  # only blockquote markers
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in md
    assert "&lt;img src=x onerror=alert(1)&gt;" in md
    assert "It opened &lt;script&gt;" in md  # still readable


def test_report_md_from_a_hostile_article(project):
    write_source(project / "sources", "a.md", f"The Dunmore footbridge was closed in May 2022 "
                 f"<b onmouseover=alert(1)>after</b> floods damaged it.", title=SCRIPT, outlet=IMG)
    write_source(project / "sources", "b.md", "The Dunmore footbridge was closed in May 2021 "
                 "after floods damaged it.")
    result = run("report", "--sources", str(project / "sources"))
    assert result.exit_code == 0, result.stderr
    md = (project / "reports" / "report.md").read_text()
    assert "footbridge" in md and "May 2021" in md
    for raw in ("<script", "<img", "<b ", "</b>"):
        assert raw not in md
    assert "&lt;b onmouseover=alert(1)&gt;after&lt;/b&gt;" in md


def rows(report: Report) -> list[dict]:
    return list(csv.DictReader(io.StringIO(csvfmt.render(report))))


def test_csv_neutralises_formulas_in_text_cells():
    for start in ("=", "+", "-", "@", "\t", "\r"):
        formula = f'{start}HYPERLINK("http://x.example","y")'
        first = rows(hostile_report(quote=formula, topic=formula, explanation=formula,
                                    raw=formula, name=formula, source=f"{start}a"))[0]
        expected = "'" + formula.replace("\r", "\n")  # a bare CR would split the row
        for column in ("quote", "topic", "explanation", "raw", "value"):
            assert first[column] == expected, column
        assert first["source"] == expected[:2] + "a"


def test_csv_keeps_numbers_numbers_and_plain_text_plain():
    table = rows(hostile_report(quote="It opened in May."))
    assert table[0]["quote"] == "It opened in May."
    assert table[2]["line"] == "4" and table[2]["confidence"] == "0.9"
    assert table[2]["raw"] == "'-5"  # text that a spreadsheet would read as a formula


def test_text_output_strips_control_characters():
    out = text.render(hostile_report(quote="Red \x1b[31mALERT\x1b]0;pwned\x07 and \x9b2J\x00 done.\nNext",
                                     outlet="Out\x1b[2Jlet", topic="to\rpic", explanation="ex\x08plain"))
    assert not any(ch in out for ch in "\x1b\x07\x00\x08\x9b\r")
    assert "Red [31mALERT]0;pwned and 2J done. Next" in out
    assert "Out[2Jlet" in out and "to pic" in out and "explain" in out
    assert out.count("\n") == 7  # only the lines the format makes


def test_check_prints_no_escape_sequences(project):
    write_source(project / "sources", "a.md", "The Dunmore footbridge was closed in May 2022 "
                 "\x1b]0;owned\x07after floods \x1b[2Jdamaged it.")
    write_source(project / "sources", "b.md", "The Dunmore footbridge was closed in May 2021 "
                 "after floods damaged it.")
    result = run("check", "--sources", str(project / "sources"))
    assert result.exit_code == 1, result.stderr
    assert "May 2022" in result.stdout and "\x1b" not in result.stdout and "\x07" not in result.stdout
