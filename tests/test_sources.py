"""Sentence splitting: the fast path for plain paragraphs agrees with pysbd."""
from pathlib import Path

import pysbd
from hypothesis import given, strategies as st

from checker.sources import _PLAIN_SPLIT, is_plain

SEGMENTER = pysbd.Segmenter(language="en", clean=False, char_span=True)
TESTS = Path(__file__).parent


def pysbd_split(paragraph):
    return [s.sent.strip() for s in SEGMENTER.segment(paragraph) if s.sent.strip()]


def fast_split(paragraph):
    return [s.strip() for s in _PLAIN_SPLIT.split(paragraph) if s.strip()]


def test_every_plain_paragraph_of_the_test_articles_splits_as_pysbd_does():
    files = [*TESTS.glob("eval/*/sources/*.md"), *TESTS.glob("stories/*/sources/*.md"),
             *(TESTS.parent / "sources").glob("*.txt")]
    paragraphs = [line for f in files for line in f.read_text(encoding="utf-8").splitlines()
                  if line.strip() and not line.startswith("---")]
    plain = [p for p in paragraphs if is_plain(p)]
    assert len(plain) > 100
    assert [p for p in plain if fast_split(p) != pysbd_split(p)] == []


WORDS = st.sampled_from(["the", "bridge", "Council", "reopened", "in", "2024", "£42m", "12.5%",
                         "said", "London", "was", "closed", "for", "repairs", "it", "Met's", "area",
                         "(new)", "St", "Mr", "no", "U.S", "e.g", "officers"])
SENTENCES = st.lists(st.tuples(st.lists(WORDS, min_size=1, max_size=12), st.sampled_from([".", "!", "?"])),
                     min_size=1, max_size=5)


@given(SENTENCES)
def test_fast_path_agrees_with_pysbd_on_generated_paragraphs(sentences):
    paragraph = " ".join(" ".join(words).capitalize() + end for words, end in sentences)
    if is_plain(paragraph):
        assert fast_split(paragraph) == pysbd_split(paragraph)


KEYS = st.sampled_from(["id", "title", "outlet", "author", "published", "url", "kind", "note"])
VALUES = st.one_of(
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")), max_size=30),
    st.sampled_from(["2024-03-14", "2024-03", "2017", "yes", "null", "1.5", "-3", "a: b", "x #y", "[1]",
                     '"quoted"', '"a \\" b"', "'single'", "Paul Jacques", "https://x.example/a?b=1"]))


@given(st.dictionaries(KEYS, VALUES, max_size=6))
def test_the_front_matter_fast_path_reads_what_yaml_reads(fields):
    from checker.yamlio import parse, parse_simple_mapping, plain
    text = "".join(f"{k}: {v}\n" for k, v in fields.items())
    fast = parse_simple_mapping(text)
    if fast is not None:
        assert fast == plain(parse(text, "x") or {})
