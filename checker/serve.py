"""`checker serve`: the HTML report as a local web app, with a form on each conflict
that records a verdict in the same verdicts file `checker resolve` writes.

Flask: a well-kept, small framework whose test client and development server are
all a single-user local tool needs. Binds 127.0.0.1 unless told otherwise. Every
request must name this server in its Host header (a page on another site that
reaches it through DNS rebinding names its own host); a verdict must be posted as
JSON from a page of this server (Origin or Referer), in a body of at most 64 KB.
"""
from __future__ import annotations

import errno
import ipaddress
import socket
from urllib.parse import urlsplit

from flask import Flask, jsonify, request
from werkzeug.serving import BaseWSGIServer, get_sockaddr, make_server, select_address_family
from pydantic import ValidationError

from . import pipeline, verdicts
from .errors import CheckerError
from .report import html

MAX_BODY = 64 * 1024
MAX_NOTE = html.MAX_NOTE  # characters
FIELDS = {"id", "verdict", "note", "correct", "value", "by", "replace"}
VERDICT_WORDS = {"confirmed": "confirmed", "false_positive": "false positive", "accepted": "accepted"}
LOOPBACK_NAMES = {"127.0.0.1", "localhost", "[::1]"}


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def host_names(host: str) -> set[str]:
    """The names a browser may put in the Host header to reach a server bound to `host`."""
    names = set(LOOPBACK_NAMES)
    names.add(f"[{host}]" if ":" in host else host.lower())
    if host in ("", "0.0.0.0", "::"):  # every address of this machine
        machine = socket.gethostname()
        names |= {machine.lower(), socket.getfqdn().lower()}
        try:
            for *_, addr in socket.getaddrinfo(machine, None):
                names.add(f"[{addr[0]}]" if ":" in addr[0] else addr[0])
        except OSError:
            pass
    return names


def listen(host: str, port: int, app: Flask) -> BaseWSGIServer:
    """A server for `app` on host:port (port 0: any free one), or a CheckerError in words.
    The socket is bound here: werkzeug would exit 1 on a port in use."""
    family = select_address_family(host, port)
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(get_sockaddr(host, port, family))
            sock.listen(128)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise CheckerError(f"port {port} is in use: pass --port to choose another") from None
            raise CheckerError(f"cannot listen on {host} port {port}: {exc.strerror or exc}") from None
        server = make_server(host, port, app, fd=sock.fileno())
    app.config["PORT"] = server.port
    return server


def _split_host(value: str) -> tuple[str, str]:
    """'localhost:8000' → ('localhost', '8000'); '[::1]:8000' → ('[::1]', '8000')."""
    if value.startswith("["):
        name, _, rest = value.partition("]")
        return name + "]", rest[1:] if rest.startswith(":") else ""
    name, _, port = value.partition(":")
    return name, port


def create_app(project: pipeline.Project, by: str = "", host: str = "127.0.0.1",
               port: int | None = None) -> Flask:
    """`port`: the port the server listens on (None: any; set `app.config["PORT"]` once bound)."""
    app = Flask("checker")
    app.config["MAX_CONTENT_LENGTH"] = MAX_BODY
    app.config["PORT"] = port
    names = host_names(host)

    @app.before_request
    def check_host_and_origin():
        name, given_port = _split_host(request.host.lower())
        want = app.config["PORT"]
        if name not in names or (want is not None and given_port != str(want)
                                 and not (given_port == "" and want == 80)):
            return jsonify(error=f"this server does not answer to the host name {request.host!r}: "
                                 "open it at the address `checker serve` printed"), 421
        if request.method == "POST":
            origin = request.headers.get("Origin") or request.headers.get("Referer")
            if origin is not None:
                parts = urlsplit(origin)
                if parts.scheme not in ("http", "https") or parts.netloc.lower() != request.host.lower():
                    return jsonify(error="verdicts are accepted only from this server's own page"), 403

    @app.errorhandler(413)
    def too_large(_exc):
        return jsonify(error=f"the request is larger than {MAX_BODY // 1024} KB; "
                             f"keep the note under {MAX_NOTE:,} characters"), 413

    @app.get("/")
    def page():
        result = pipeline.run(project, full=True)  # the page draws every topic
        report = pipeline.report(result)
        return html.render(report, result.sources, pipeline.agreements(result), serve=True)

    @app.post("/api/verdict")
    def post_verdict():
        if not request.is_json:
            return jsonify(error="send the verdict as JSON"), 415
        data = request.get_json(silent=True)
        problem = _problem(data)
        if problem:
            return jsonify(error=problem), 400
        try:
            result = pipeline.run(project)
            conflict = next((c for c in result.conflicts if c.id == data["id"]), None)
            if conflict is None:
                raise CheckerError(f"no current conflict has the id {data['id']!r}: the sources may "
                                   "have changed since this page was loaded; reload it")
            correct, value = data.get("correct") or None, (data.get("value") or "").strip() or None
            sides = {claim.source for claim in conflict.claims}
            if correct and correct not in sides:
                raise CheckerError(f"{correct!r} is not one of the sources of this conflict; "
                                   "choose one of the sides shown")
            if (correct or value) and data["verdict"] != "confirmed":
                raise CheckerError("The side that is right and the correct value go with the verdict "
                                   "‘confirmed’: choose ‘confirmed’, or leave them empty")
            entry = verdicts.resolve(project.verdicts_path, conflict, data["verdict"],
                                     (data.get("note") or "").strip(), data.get("by") or by,
                                     correct, value, force=data.get("replace") is True)
        except verdicts.Overwrite as exc:
            old, note = exc.old, f" ({exc.old.note})" if exc.old.note else ""
            return jsonify(replace=True, error=f"{old.by or 'Another editor'} already recorded "
                           f"‘{VERDICT_WORDS.get(old.verdict, old.verdict)}’ on this conflict{note}. "
                           "Replace it with yours? The old verdict stays in the file's history."), 409
        except CheckerError as exc:
            return jsonify(error=str(exc)), 400
        except ValidationError as exc:
            return jsonify(error=exc.errors()[0]["msg"]), 400
        now = [(entry.verdict, False) if c.id == conflict.id else (c.status, c.new) for c in result.conflicts]
        return jsonify(id=conflict.id, verdict=entry.verdict,
                       summary={"conflicts": len(now), "new": sum(new for _, new in now),
                                "unresolved": sum(status == "open" for status, _ in now)})

    return app


def _problem(data) -> str:
    """What is wrong with a posted verdict, in words ('' if nothing)."""
    if not isinstance(data, dict):
        return ("send the verdict as a JSON object with the fields id, verdict and note "
                "(and, for a confirmed conflict, correct and value)")
    unknown = sorted(set(data) - FIELDS)
    if unknown:
        return f"unknown field {unknown[0]!r}: the fields are {', '.join(sorted(FIELDS))}"
    for key, value in data.items():
        if key == "replace" and not isinstance(value, bool):
            return "the field 'replace' must be true or false"
        if key != "replace" and value is not None and not isinstance(value, str):
            return f"the field {key!r} must be text, not {type(value).__name__}"
    if not data.get("id"):
        return "say which conflict: the id is missing"
    if data.get("verdict") not in VERDICT_WORDS:
        return "Choose a verdict: " + ", ".join(f"‘{w}’" for w in VERDICT_WORDS.values())
    note = (data.get("note") or "").strip()
    if len(note) > MAX_NOTE:
        return f"The note is {len(note):,} characters long; keep it under {MAX_NOTE:,}"
    if data["verdict"] == "false_positive" and not note:
        return "Say in the note why this is a false positive: what you checked"
    return ""
