"""checker/data/derivations.tsv: word derivation families built by scripts/build_derivations.py."""
from __future__ import annotations

from pathlib import Path

import pytest

TSV = Path(__file__).resolve().parent.parent / "checker" / "data" / "derivations.tsv"


def load(path: Path = TSV) -> tuple[list[str], dict[str, str]]:
    """(header lines, word -> representative); a representative stands for itself."""
    header, rep = [], {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            header.append(line)
            continue
        word, representative = line.split("\t")
        rep[word] = representative
    return header, rep


@pytest.fixture(scope="module")
def families():
    return load()[1]


def family(rep: dict[str, str], word: str) -> str:
    return rep.get(word, word)


@pytest.mark.parametrize("a, b", [
    ("injure", "injury"),
    ("evacuate", "evacuation"),
    ("evacuee", "evacuation"),
    ("die", "death"),
    ("lose", "loss"),
    ("pay", "payment"),
    ("hospitalize", "hospitalization"),
    ("grow", "growth"),
    ("destroy", "destruction"),
    ("sell", "sale"),
    ("displace", "displacement"),
])
def test_same_family(families, a, b):
    assert family(families, a) == family(families, b)


@pytest.mark.parametrize("a, b", [("die", "dice"), ("bank", "embankment"), ("kill", "kiln")])
def test_different_families(families, a, b):
    assert family(families, a) != family(families, b)


def test_file_format():
    text = TSV.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0].startswith("#") and "WordNet 3.0" in lines[0]
    rows = [line.split("\t") for line in lines if not line.startswith("#")]
    assert all(len(row) == 2 for row in rows)
    words = [w for w, _ in rows]
    assert words == sorted(words), "not sorted"
    assert len(words) == len(set(words)), "duplicate words"
    assert all(w != r for w, r in rows), "a word listed as its own representative"
    assert all(w.isalpha() and w.islower() and len(w) >= 3 for w in words)
    # a representative is not itself mapped on (one hop finds the family)
    rep = dict(rows)
    assert not any(r in rep for r in rep.values())
    assert len(text.encode("utf-8")) < 600_000
