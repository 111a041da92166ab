"""Input edges: ids from file names, ids that differ only in case, links out of the
sources folder, NUL bytes, a verdicts.yaml that is a folder, unknown keys in claims."""
import os

import pytest

from conftest import run, write_source


@pytest.mark.parametrize("name, problem", [
    ("x y.md", "file name 'x y.md' gives the id 'x y', which has a space: ids may use letters, "
               "digits, '.', '_' and '-'"),
    ("<img src=x onerror=alert(1)>.md", "gives the id '<img src=x onerror=alert(1)>', which starts with '<'"),
    ("::error.md", "gives the id '::error', which starts with ':'"),
    ("café.md", "gives the id 'café', which has 'é'"),
    (".hidden.md", "which starts with '.'"),
])
def test_ids_from_file_names_are_checked(project, name, problem):
    write_source(project / "sources", "good.md", "Text.")
    write_source(project / "sources", name, "Text.", outlet="Outlet")
    result = run("check", "--sources", str(project / "sources"))
    assert result.exit_code == 2
    assert problem in result.stderr
    assert "rename the file or set `id:` in the front matter" in result.stderr


def test_a_bad_file_name_is_fine_with_an_id_in_front_matter(project):
    write_source(project / "sources", "x y.md", "Text.", id="x-y")
    assert run("check", "--sources", str(project / "sources")).exit_code == 0


def test_control_characters_in_file_names_are_refused_and_not_echoed(project):
    write_source(project / "sources", "a\n::error title=x::b.md", "Text.", id="ab")
    result = run("check", "--sources", str(project / "sources"))
    assert result.exit_code == 2
    assert "file name 'a\\n::error title=x::b.md' has a control character" in result.stderr
    assert "\n::" not in result.stderr


def test_ids_differing_only_in_case_are_refused(project):
    write_source(project / "sources", "a.md", "Text.")
    write_source(project / "sources", "A.md", "Text.")
    result = run("check", "--sources", str(project / "sources"))
    assert result.exit_code == 2
    assert ("sources/a.md: id 'a' differs only in case from 'A' in sources/A.md: the two clash "
            "on a case-insensitive file system") in result.stderr


def test_front_matter_ids_differing_only_in_case_are_refused(project):
    write_source(project / "sources", "one.md", "Text.", id="Gazette")
    write_source(project / "sources", "two.md", "Text.", id="gazette")
    result = run("check", "--sources", str(project / "sources"))
    assert result.exit_code == 2
    assert "sources/two.md: id 'gazette' differs only in case from 'Gazette' in sources/one.md" in result.stderr


def test_links_out_of_the_sources_folder_are_refused(project, tmp_path_factory):
    outside = write_source(tmp_path_factory.mktemp("elsewhere"), "secret.md", "Secret text.")
    write_source(project / "sources", "a.md", "Text.")
    os.symlink(outside, project / "sources" / "leak.md")
    result = run("check", "--sources", str(project / "sources"))
    assert result.exit_code == 2
    assert "sources/leak.md: a link to a file outside the sources folder" in result.stderr


def test_links_within_the_sources_folder_are_read(project):
    write_source(project / "sources", "a.md", "Text.")
    os.symlink("a.md", project / "sources" / "b.md")
    result = run("check", "--sources", str(project / "sources"))
    assert result.exit_code == 0, result.stderr


def test_nul_bytes_are_refused_with_file_and_line(project):
    (project / "sources" / "a.md").write_text("---\ntitle: x\n---\nFirst line.\nSecond\0 line.\n")
    result = run("check", "--sources", str(project / "sources"))
    assert result.exit_code == 2
    assert "sources/a.md:5: a NUL byte" in result.stderr


def test_verdicts_yaml_as_a_folder_is_an_input_error(project):
    write_source(project / "sources", "a.md", "The Dunmore footbridge was closed in May 2022.")
    write_source(project / "sources", "b.md", "The Dunmore footbridge was closed in May 2021.")
    (project / "verdicts.yaml").mkdir()
    check = run("check", "--sources", str(project / "sources"))
    assert check.exit_code == 2
    assert "verdicts.yaml: not a file" in check.stderr
    resolve = run("resolve", "0", "--sources", str(project / "sources"), "--verdict", "accepted",
                  "--note", "n")
    assert resolve.exit_code == 2
    assert "verdicts.yaml: not a file" in resolve.stderr and "internal error" not in resolve.stderr


def test_unknown_top_level_keys_in_a_claims_file_are_refused(project):
    write_source(project / "sources", "a.md", "Text.")
    (project / "claims").mkdir()
    (project / "claims" / "a.yaml").write_text("source: a\nclaims: []\nnotes: x\n")
    result = run("check", "--sources", str(project / "sources"))
    assert result.exit_code == 2
    assert "claims/a.yaml:3: notes: unknown key" in result.stderr


def test_a_claims_file_that_is_a_folder_is_an_input_error(project):
    write_source(project / "sources", "a.md", "Text.")
    (project / "claims" / "a.yaml").mkdir(parents=True)
    result = run("extract", "--sources", str(project / "sources"))
    assert result.exit_code == 2
    assert "claims/a.yaml: not a file" in result.stderr


def test_control_characters_in_yaml_name_file_and_line(project):
    (project / "sources" / "a.md").write_text("---\ntitle: a\x1b[2Jb\npublished: 2024-01-01\n---\nText.\n")
    result = run("check", "--sources", str(project / "sources"))
    assert result.exit_code == 2
    assert "sources/a.md:2: invalid YAML: control character U+001B is not allowed" in result.stderr
    write_source(project / "sources", "a.md", "Text.")
    (project / "verdicts.yaml").write_text("version: 1\nverdicts: {}\n# a \0 here\n")
    result = run("check", "--sources", str(project / "sources"))
    assert result.exit_code == 2
    assert "verdicts.yaml:3: invalid YAML: control character U+0000 is not allowed" in result.stderr
