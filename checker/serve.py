"""`checker serve`: the HTML report as a local web app, with a form on each conflict
that records a verdict in the same verdicts file `checker resolve` writes.

Flask: a well-kept, small framework whose test client and development server are
all a single-user local tool needs. Binds 127.0.0.1 unless told otherwise; a
verdict must be posted as JSON, which a page on another site cannot send
without the browser asking first.
"""
from __future__ import annotations

from flask import Flask, jsonify, request
from pydantic import ValidationError

from . import pipeline, verdicts
from .errors import CheckerError
from .report import html


def create_app(project: pipeline.Project, by: str = "") -> Flask:
    app = Flask("checker")

    @app.get("/")
    def page():
        result = pipeline.run(project, full=True)  # the page draws every topic
        report = pipeline.report(result)
        return html.render(report, result.sources, pipeline.agreements(result), serve=True)

    @app.post("/api/verdict")
    def post_verdict():
        if not request.is_json:
            return jsonify(error="send the verdict as JSON"), 415
        data = request.get_json(silent=True) or {}
        try:
            result = pipeline.run(project)
            conflict = verdicts.find(result.conflicts, str(data.get("id", "")))
            entry = verdicts.resolve(project.verdicts_path, conflict, str(data.get("verdict", "")),
                                     str(data.get("note", "")), str(data.get("by") or by),
                                     data.get("correct") or None, data.get("value") or None)
        except CheckerError as exc:
            return jsonify(error=str(exc)), 400
        except ValidationError as exc:
            return jsonify(error=exc.errors()[0]["msg"]), 400
        return jsonify(id=conflict.id, verdict=entry.verdict)

    return app
