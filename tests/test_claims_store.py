"""claims/: written per source, and a human's edits survive re-extraction."""
from ruamel.yaml import YAML

from conftest import run, write_source


def claims_file(root, source="gazette"):
    return root / "claims" / f"{source}.yaml"


def test_extract_writes_one_readable_file_per_source(story):
    root = story("bridge")
    result = run("extract", "--sources", str(root / "sources"))
    assert result.exit_code == 0
    assert sorted(p.name for p in (root / "claims").iterdir()) == ["council.yaml", "courier.yaml", "gazette.yaml"]
    data = YAML(typ="safe").load(claims_file(root).read_text())
    assert data["source"] == "gazette"
    closed = [c for c in data["claims"] if c["value"]["type"] == "date" and c["raw"] == "April 2021"]
    assert closed and closed[0]["subject"] == "Hammerton Bridge"


def test_extract_twice_gives_the_same_bytes(story):
    root = story("bridge")
    run("extract", "--sources", str(root / "sources"))
    first = claims_file(root).read_bytes()
    run("extract", "--sources", str(root / "sources"))
    assert claims_file(root).read_bytes() == first


def test_a_hand_edited_claim_survives_and_is_used(story):
    """An editor corrects the Gazette's misread date: the claim is kept, the conflict goes."""
    root = story("bridge")
    run("extract", "--sources", str(root / "sources"))
    path = claims_file(root)
    text = path.read_text()
    line = next(l for l in text.splitlines() if "year: 2021" in l and "month: 4" in l)
    edited = text.replace(line, line.replace("year: 2021", "year: 2022") + "  # fixed by hand")
    path.write_text(edited)
    before = run("check", "--sources", str(root / "sources"))
    run("extract", "--sources", str(root / "sources"))
    assert "year: 2022, month: 4}  # fixed by hand" in path.read_text()
    after = run("check", "--sources", str(root / "sources"))
    assert before.exit_code == after.exit_code == 0


def test_a_manual_claim_is_kept_and_compared(project):
    """The extractor cannot read "the ribbon was cut"; an editor adds the claim by hand."""
    write_source(project / "sources", "a.md", "Northgate Station opened in June 2022.")
    write_source(project / "sources", "b.md", "The ribbon was cut at Northgate in the summer of 2021.")
    assert run("check", "--sources", str(project / "sources")).exit_code == 0
    run("extract", "--sources", str(project / "sources"))
    path = claims_file(project, "b")
    path.write_text(
        "source: b\n"
        "claims:\n"
        "  - id: my-claim\n"
        "    origin: manual\n"
        "    subject: Northgate Station\n"
        "    predicate: date of opening\n"
        "    value: {type: date, year: 2021}\n"
        "    raw: the summer of 2021  # my reading of the article\n"
        "    qualifiers: {direction: positive}\n")
    result = run("extract", "--sources", str(project / "sources"))
    assert "b: 1 claims (1 kept from hand edits)" in result.stdout
    assert "    raw: the summer of 2021  # my reading of the article\n" in path.read_text()
    check = run("check", "--sources", str(project / "sources"))
    assert check.exit_code == 1
    assert "B says 2021" in check.stdout


def test_a_malformed_claims_file_names_file_and_line(story):
    root = story("station")
    run("extract", "--sources", str(root / "sources"))
    with claims_file(root, "b").open("a") as handle:
        handle.write("  - id: broken\n    origin: manual\n    subject: x\n    predicate: y\n"
                     "    value: {type: date, year: twenty}\n    raw: z\n")
    result = run("check", "--sources", str(root / "sources"))
    assert result.exit_code == 2
    assert "claims/b.yaml:" in result.stderr and "value.date.year" in result.stderr
