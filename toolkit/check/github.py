"""GitHub Actions workflow commands: each finding becomes an annotation on the line of the
file it names (`::error file=...,line=...,col=...,title=...::message`), shown in the run's
summary and on the pull request's changed files."""

from __future__ import annotations

from typing import TYPE_CHECKING

from toolkit.validation.report import Finding

if TYPE_CHECKING:
    from toolkit.check.run import Report

_COMMAND = {"fatal": "error", "error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def command(finding: Finding, region: tuple = ()) -> str:
    line, col, end_line, end_col = (*region, None, None, None, None)[:4]
    line, col = line or finding.line, col or finding.column
    fields = [("file", finding.path), ("line", line), ("col", col)]
    if end_line == line and end_col is not None and col is not None and end_col > col + 1:
        fields += [("endLine", end_line), ("endColumn", end_col - 1)]  # GitHub's is inclusive
    fields.append(("title", f"teikit {finding.rule}"))
    props = ",".join(f"{k}={_property(str(v))}" for k, v in fields if v is not None)
    return f"::{_COMMAND[finding.severity]} {props}::{_data(finding.message)}"


def render(reports: list[Report], unreadable: list[Finding], summary: str) -> str:
    located = [(r.finding, r.region) for report in reports for r in report.results]
    located += [(f, ()) for f in unreadable]
    located.sort(key=lambda pair: pair[0].sort_key())
    return "\n".join([*(command(f, region) for f, region in located), summary])
