"""The static report.html: it says how to record a verdict, it fits a phone (text
stays legible, the matrix and the timelines scroll instead of shrinking), and its size
grows with the number of sources, not with its square."""
import re
import time
from pathlib import Path

from checker import pipeline
from checker.report import html
from conftest import run, write_source

SYLLABLES = ["ash", "bran", "cal", "dun", "elm", "fen", "gar", "hol", "kes", "lin"]


def page_for(folder: Path) -> str:
    result = pipeline.run(pipeline.Project(folder), full=True)
    return html.render(pipeline.report(result), result.sources, pipeline.agreements(result))


def test_serve_static_report_says_how_to_record_a_verdict(story):
    root = story("bridge")
    assert run("report", "--sources", str(root / "sources")).exit_code == 0
    page = (root / "reports" / "report.html").read_text()
    conflict_id = re.search(r'<article class="conflict [a-z]+" id="c-([0-9a-f]+)"', page).group(1)
    article = page.split(f'id="c-{conflict_id}"', 1)[1].split("</article>", 1)[0]
    assert f"checker resolve {conflict_id} --verdict confirmed --note" in article
    header = page.split("</header>", 1)[0]
    assert "checker serve" in header and "checker resolve" in header


def timeline_page(folder: Path, months: list[str]) -> str:
    for i, month in enumerate(months):
        write_source(folder, f"s{i}.md", f"Hammerton Bridge was closed in {month} for repairs.",
                     outlet=f"Evening Courier Edition {i}")
    return page_for(folder)


def test_serve_timeline_labels_do_not_overlap_and_do_not_shrink(project):
    page = timeline_page(project / "sources", ["April 2021", "April 2022", "April 2022", "April 2022",
                                               "May 2022", "March 2022"])
    svg = page.split('<svg class="timeline"', 1)[1].split("</svg>", 1)[0]
    head = svg.split(">", 1)[0]
    assert 'width="100%"' not in head and re.search(r'width="\d+"', head)
    assert page.count('<div class="scroll"><svg class="timeline"') >= 1
    labels = [(float(x), float(y), text) for x, y, text in
              re.findall(r'<text x="([\d.]+)" y="([\d.]+)" text-anchor="middle">([^<]+)</text>', svg)
              if "Courier" in text]
    assert len(labels) == 6
    for i, (x1, y1, t1) in enumerate(labels):  # 12 px text: about 7 px a character
        for x2, y2, t2 in labels[i + 1:]:
            if y1 == y2:
                assert abs(x1 - x2) >= 7 * (len(t1) + len(t2)) / 2, (t1, t2)


def test_serve_timeline_gives_many_sources_on_one_day_one_label(project):
    page = timeline_page(project / "sources", ["April 2021"] + ["April 2022"] * 5)
    svg = page.split('<svg class="timeline"', 1)[1].split("</svg>", 1)[0]
    assert ">5 sources</text>" in svg and svg.count("</text>") == 4  # two labels, two dates
    assert all(f"Courier Edition {i}" in svg for i in range(6))  # every name, in the labels' titles


def test_serve_matrix_scrolls_and_filters_wrap(project):
    folder = project / "sources"
    write_source(folder, "a.md", "Hammerton Bridge was closed in April 2022.",
                 outlet="A Very Long Outlet Name That Would Not Fit A Phone Screen At All")
    write_source(folder, "b.md", "Hammerton Bridge was closed in April 2021.")
    page = page_for(folder)
    assert '<div class="scroll"><svg class="matrix"' in page
    head = page.split('<svg class="matrix"', 1)[1].split(">", 1)[0]
    assert 'width="100%"' not in head
    assert ".filters select{" in page and "max-width:100%" in page.split(".filters select{", 1)[1].split("}", 1)[0]
    assert re.search(r"svg text\{font:1[1-9]px", page)


def many_sources(folder: Path, count: int) -> None:
    """Stories of ten short articles each; one article in each story slips a year."""
    for i in range(count):
        story = i // 10
        place = (SYLLABLES[story % 10] + SYLLABLES[story // 10 % 10]).capitalize() + "ton"
        year = 2020 - (i % 10 == 3)
        write_source(folder, f"s{i:04d}.md",
                     f"The {place} Bridge was closed in April {year} for repairs.\n\n"
                     f"Residents of {place} said they had waited a long time for the news.",
                     outlet=f"Outlet {i}", published=f"2024-03-{1 + i % 28:02d}")


def test_serve_report_size_grows_linearly_with_sources(tmp_path):
    started = time.monotonic()
    sizes = {}
    for count in (100, 300):
        many_sources(tmp_path / str(count) / "sources", count)
        page = page_for(tmp_path / str(count) / "sources")
        assert page.count('<article class="conflict') >= count // 10 - 2
        sizes[count] = len(page.encode())
    assert sizes[300] / sizes[100] < 3.6, sizes  # linear: about 3; a square: about 9
    assert sizes[300] < 300 * 4000, sizes  # so that 1,000 sources stay well under 5 MB
    assert time.monotonic() - started < 30
