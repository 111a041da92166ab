"""The verdict form of `checker serve`: no verdict chosen for the editor, a note for a
false positive, errors in the words of the form, and the counts that change with a verdict."""
import pytest

from checker import pipeline
from checker.serve import create_app
from conftest import write_source

BASE = "http://127.0.0.1:8000"


@pytest.fixture
def client(story):
    root = story("bridge")
    app = create_app(pipeline.Project(root / "sources"), by="Ed", host="127.0.0.1", port=8000)
    client = app.test_client()
    client.root = root
    return client


def first_form(page: str) -> str:
    return page.split('<form class="verdict"', 1)[1].split("</form>", 1)[0]


def conflict_id(client) -> str:
    page = client.get("/", base_url=BASE).get_data(as_text=True)
    return first_form(page).split('data-id="', 1)[1].split('"', 1)[0]


def post(client, **body):
    return client.post("/api/verdict", base_url=BASE, json={"id": conflict_id(client), **body})


def test_serve_form_has_no_preset_verdict(client):
    form = first_form(client.get("/", base_url=BASE).get_data(as_text=True))
    verdict = form.split('<select name="verdict"', 1)[1].split("</select>", 1)[0]
    assert " required" in verdict.split(">", 1)[0]
    assert "selected" not in verdict.replace('<option value="" selected disabled>', "")
    assert verdict.split("<option", 2)[1].startswith(' value="" selected disabled>')
    assert 'name="value"' in form  # the correct value, next to the side that is right


def test_serve_false_positive_needs_a_note(client):
    answer = post(client, verdict="false_positive", note="  ")
    assert answer.status_code == 400 and "Say in the note why" in answer.get_json()["error"]
    assert not (client.root / "verdicts.yaml").exists()
    assert post(client, verdict="false_positive", note="the gazette's date is the renovation").status_code == 200


@pytest.mark.parametrize("body", [{"verdict": "accepted", "correct": "courier", "note": "n"},
                                  {"verdict": "false_positive", "value": "April 2022", "note": "n"}])
def test_serve_form_errors_speak_the_form_not_flags(client, body):
    answer = post(client, **body)
    error = answer.get_json()["error"]
    assert answer.status_code == 400 and "--" not in error
    assert error.startswith("The side that is right and the correct value go with the verdict ‘confirmed’")


def test_serve_a_side_not_in_the_conflict_is_named_in_words(client):
    error = post(client, verdict="confirmed", correct="nobody", note="n").get_json()["error"]
    assert "--" not in error and "'nobody' is not one of the sources of this conflict" in error


def test_serve_answer_carries_the_new_counts(client):
    page = client.get("/", base_url=BASE).get_data(as_text=True)
    assert '<b id="n-new">1</b> new' in page and '<b id="n-unresolved">1</b> unresolved' in page
    answer = post(client, verdict="confirmed", correct="courier", value="April 2022", note="records")
    assert answer.status_code == 200
    assert answer.get_json() == {"id": conflict_id(client), "verdict": "confirmed",
                                 "summary": {"conflicts": 1, "new": 0, "unresolved": 0}}
    page = client.get("/", base_url=BASE).get_data(as_text=True)
    assert '<b id="n-new">0</b> new' in page and '<b id="n-unresolved">0</b> unresolved' in page
    assert "#n-new" in page and ".badge.new" in page  # the page's script updates both


def test_serve_counts_leave_other_conflicts_as_they_are(project):
    write_source(project / "sources", "a.md", "Hammerton Bridge was closed in April 2022. "
                 "The Kesley Library opened in May 2019.", outlet="Courier")
    write_source(project / "sources", "b.md", "Hammerton Bridge was closed in April 2021. "
                 "The Kesley Library opened in May 2018.", outlet="Gazette")
    client = create_app(pipeline.Project(project / "sources"), by="Ed", host="127.0.0.1", port=8000).test_client()
    page = client.get("/", base_url=BASE).get_data(as_text=True)
    ids = [part.split('"', 1)[0] for part in page.split('<form class="verdict" data-id="')[1:]]
    assert len(ids) == 2
    answer = client.post("/api/verdict", base_url=BASE, json={"id": ids[0], "verdict": "accepted", "note": "n"})
    assert answer.get_json()["summary"] == {"conflicts": 2, "new": 1, "unresolved": 1}


def test_serve_asks_before_replacing_another_editors_verdict(client):
    assert post(client, verdict="accepted", note="known", by="Alice").status_code == 200
    again = post(client, verdict="confirmed", note="records")
    body = again.get_json()
    assert again.status_code == 409 and body["replace"] is True and "--" not in body["error"]
    assert body["error"].startswith("Alice already recorded ‘accepted’ on this conflict")
    assert post(client, verdict="confirmed", note="records", replace="yes").status_code == 400
    replaced = post(client, verdict="confirmed", note="records", replace=True)
    assert replaced.status_code == 200 and replaced.get_json()["verdict"] == "confirmed"
    text = (client.root / "verdicts.yaml").read_text()
    assert "by: Ed" in text and "Alice" in text  # Alice's verdict stays in the history
