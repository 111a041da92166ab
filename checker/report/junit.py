"""JUnit XML: one test case per conflict; an open conflict is a failure, a reviewed one passes."""
from __future__ import annotations

import xml.etree.ElementTree as ET

from ..models import Report
from .text import verdict_line


def render(report: Report) -> str:
    outlets = {s["id"]: s["outlet"] or s["id"] for s in report.sources}
    open_ = [c for c in report.conflicts if c.status == "open"]
    suite = ET.Element("testsuite", name="checker", tests=str(len(report.conflicts)),
                       failures=str(len(open_)), errors="0", skipped="0")
    for c in report.conflicts:
        case = ET.SubElement(suite, "testcase", classname=f"checker.{c.kind}",
                             name=f"{c.topic} [{c.id}]")
        quotes = "\n".join(f"{claim.source} line {claim.line}: {claim.quote}" for claim in c.claims)
        if c.status == "open":
            failure = ET.SubElement(case, "failure", type=c.severity,
                                    message=("new: " if c.new else "") + c.explanation)
            failure.text = quotes
        else:
            ET.SubElement(case, "system-out").text = f"verdict: {verdict_line(c, outlets) or c.status}\n{quotes}"
    root = ET.Element("testsuites", tests=suite.get("tests"), failures=suite.get("failures"))
    root.append(suite)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
