"""`checker serve` refuses what a local tool must not take: other host names (DNS
rebinding), posts from other sites, huge bodies, malformed bodies; and it starts only
where it was asked to, on a free port, on this machine unless told otherwise."""
import json
import socket

import pytest
from werkzeug.serving import BaseWSGIServer

from checker import pipeline
from checker.serve import create_app
from conftest import run

BASE = "http://127.0.0.1:8000"


@pytest.fixture
def bridge(story):
    return story("bridge")


@pytest.fixture
def client(bridge):
    return create_app(pipeline.Project(bridge / "sources"), by="Ed", host="127.0.0.1", port=8000).test_client()


def conflict_id(client) -> str:
    page = client.get("/", base_url=BASE).get_data(as_text=True)
    return page.split('form class="verdict" data-id="', 1)[1].split('"', 1)[0]


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost:8000", "[::1]:8000"])
def test_serve_answers_its_own_host_names(client, host):
    assert client.get("/", base_url=f"http://{host}").status_code == 200


@pytest.mark.parametrize("host", ["evil.example:8000", "evil.example", "127.0.0.1:9999", "127.0.0.1"])
def test_serve_refuses_other_host_names_dns_rebinding(client, bridge, host):
    assert client.get("/", base_url=f"http://{host}").status_code == 421
    post = client.post("/api/verdict", base_url=f"http://{host}",
                       json={"id": "x", "verdict": "accepted", "note": "n"})
    assert post.status_code == 421 and "host name" in post.get_json()["error"]
    assert not (bridge / "verdicts.yaml").exists()


@pytest.mark.parametrize("header", [{"Origin": "http://evil.example"}, {"Origin": "null"},
                                    {"Origin": "http://127.0.0.1:9999"},
                                    {"Referer": "http://evil.example/page"}])
def test_serve_refuses_cross_origin_posts(client, bridge, header):
    cid = conflict_id(client)
    post = client.post("/api/verdict", base_url=BASE, headers=header,
                       json={"id": cid, "verdict": "accepted", "note": "n"})
    assert post.status_code == 403 and "own page" in post.get_json()["error"]
    assert not (bridge / "verdicts.yaml").exists()


def test_serve_takes_posts_from_its_own_page(client, bridge):
    cid = conflict_id(client)
    post = client.post("/api/verdict", base_url=BASE, headers={"Origin": BASE, "Referer": BASE + "/"},
                       json={"id": cid, "verdict": "accepted", "note": "known"})
    assert post.status_code == 200 and post.get_json()["verdict"] == "accepted"
    assert cid in (bridge / "verdicts.yaml").read_text()


def test_serve_caps_the_body_and_the_note(client, bridge):
    cid = conflict_id(client)
    big = client.post("/api/verdict", base_url=BASE,
                      json={"id": cid, "verdict": "accepted", "note": "x" * 100_000})
    assert big.status_code == 413 and "64 KB" in big.get_json()["error"]
    long = client.post("/api/verdict", base_url=BASE,
                       json={"id": cid, "verdict": "accepted", "note": "x" * 6000})
    assert long.status_code == 400
    assert long.get_json()["error"] == "The note is 6,000 characters long; keep it under 5,000"
    assert not (bridge / "verdicts.yaml").exists()


@pytest.mark.parametrize("body, words", [
    ("[1, 2]", "JSON object"),
    ("{not json", "JSON object"),
    ('"text"', "JSON object"),
    ('{"id": "ID", "verdict": "accepted", "note": ["a", "b"]}', "'note' must be text, not list"),
    ('{"id": "ID", "verdict": 3, "note": "n"}', "'verdict' must be text"),
    ('{"id": "", "verdict": "accepted", "note": "n"}', "the id is missing"),
    ('{"verdict": "accepted", "note": "n"}', "the id is missing"),
    ('{"id": "ID", "verdict": "maybe", "note": "n"}', "Choose a verdict"),
    ('{"id": "ID", "verdict": "accepted", "note": "n", "extra": 1}', "unknown field 'extra'"),
    ('{"id": "0", "verdict": "accepted", "note": "n"}', "no current conflict"),
])
def test_serve_answers_malformed_bodies_in_words(client, bridge, body, words):
    post = client.post("/api/verdict", base_url=BASE, data=body.replace("ID", conflict_id(client)),
                       content_type="application/json")
    assert post.status_code == 400, post.data
    error = post.get_json()["error"]
    assert words in error and "matches" not in error
    assert not (bridge / "verdicts.yaml").exists()


@pytest.fixture
def no_serving(monkeypatch):
    """serve_forever returns at once, after asking the real app a few questions."""
    seen = {}

    def fake(self, *args, **kwargs):
        client = self.app.test_client()
        seen["port"] = self.port
        seen["own"] = client.get("/", base_url=f"http://127.0.0.1:{self.port}").status_code
        seen["other"] = client.get("/", base_url=f"http://evil.example:{self.port}").status_code
        raise KeyboardInterrupt
    monkeypatch.setattr(BaseWSGIServer, "serve_forever", fake)
    return seen


def test_serve_starts_for_its_own_host_and_port(bridge, no_serving):
    result = run("serve", "--sources", str(bridge / "sources"), "--port", "0")
    assert result.exit_code == 0, result.output
    assert f"http://127.0.0.1:{no_serving['port']}/" in result.output
    assert no_serving["own"] == 200 and no_serving["other"] == 421


def test_serve_on_a_port_in_use_exits_2_naming_it(bridge, no_serving):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run("serve", "--sources", str(bridge / "sources"), "--port", str(port))
    assert result.exit_code == 2
    assert f"port {port} is in use: pass --port to choose another" in result.output


def test_serve_beyond_loopback_needs_allow_remote(bridge, no_serving):
    refused = run("serve", "--sources", str(bridge / "sources"), "--host", "0.0.0.0", "--port", "0")
    assert refused.exit_code == 2 and "--allow-remote" in refused.output and "port" not in no_serving
    allowed = run("serve", "--sources", str(bridge / "sources"), "--host", "0.0.0.0", "--port", "0",
                  "--allow-remote")
    assert allowed.exit_code == 0, allowed.output
    assert "WARNING" in allowed.stderr and "anyone" in allowed.stderr
    assert no_serving["own"] == 200 and no_serving["other"] == 421


def test_serve_on_loopback_does_not_warn(bridge, no_serving):
    result = run("serve", "--sources", str(bridge / "sources"), "--host", "localhost", "--port", "0")
    assert result.exit_code == 0 and "WARNING" not in result.output
