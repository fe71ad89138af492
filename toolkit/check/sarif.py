"""SARIF 2.1.0: the format code-scanning services (GitHub, GitLab, Azure DevOps) read to show
findings on a pull request's lines. One run of the tool `teikit`: every rule with its help
(the same text as docs/check.md), and every finding as a result whose location is the
element (or the characters of text) it names, as a region of the file and as a path in the
document (a logical location)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from toolkit import __version__
from toolkit.check.docs import section
from toolkit.check.registry import RULES, Rule
from toolkit.validation.report import Finding

if TYPE_CHECKING:
    from toolkit.check.run import Report

SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
_LEVEL = {"fatal": "error", "error": "error", "warning": "warning", "info": "note"}
#: Not a rule of the registry: a file that cannot be read as TEI at all.
_READABLE = {
    "id": "readable-tei",
    "name": "ReadableTei",
    "shortDescription": {"text": "the file cannot be read as TEI"},
    "fullDescription": {
        "text": "The file is missing, is not well-formed XML, is not TEI, or is refused as "
        "unsafe (a DTD, an XInclude outside its folder); no rule could run on it."
    },
    "defaultConfiguration": {"level": "error"},
}


def descriptor(rule: Rule) -> dict:
    return {
        "id": rule.id,
        "name": "".join(word.capitalize() for word in rule.id.split("-")),
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.explanation},
        "help": {
            "text": f"{rule.explanation}\n\nReported:\n{rule.bad}\n\nNot reported:\n{rule.good}",
            "markdown": section(rule),
        },
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": {"tags": [rule.family], "fixable": rule.fix is not None},
    }


def uri(path: str) -> dict:
    """A relative path stays relative to the checkout (%SRCROOT%); an absolute one is a
    file URI."""
    p = Path(path)
    if p.is_absolute():
        return {"uri": p.as_uri()}
    return {"uri": quote(p.as_posix()), "uriBaseId": "%SRCROOT%"}


def _location(finding: Finding, region: tuple, logical: dict | None) -> dict:
    line, col, end_line, end_col = region or (finding.line, finding.column, None, None)
    physical: dict = {"artifactLocation": uri(finding.path)}
    if line:
        span = {"startLine": line, "startColumn": col, "endLine": end_line, "endColumn": end_col}
        physical["region"] = {k: v for k, v in span.items() if v is not None}
    location: dict = {"physicalLocation": physical}
    if logical:
        location["logicalLocations"] = [logical]
    return location


def _result(finding: Finding, index: dict[str, int], location: dict, fixable: bool) -> dict:
    return {
        "ruleId": finding.rule,
        "ruleIndex": index[finding.rule],
        "level": _LEVEL[finding.severity],
        "message": {"text": finding.message},
        "locations": [location],
        "properties": {"fixable": fixable},
    }


def render(reports: list[Report], unreadable: list[Finding]) -> str:
    rules = [descriptor(r) for r in RULES.values()] + [_READABLE]
    index = {r["id"]: i for i, r in enumerate(rules)}
    located = [
        (
            r.finding,
            _location(
                r.finding,
                r.region,
                {"kind": r.kind, "name": r.name, "fullyQualifiedName": r.xpath},
            ),
            r.fixable,
        )
        for report in reports
        for r in report.results
    ]
    located += [(f, _location(f, (), None), False) for f in unreadable]
    located.sort(key=lambda item: item[0].sort_key())
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "teikit", "version": __version__, "rules": rules}},
                "columnKind": "unicodeCodePoints",
                "invocations": [{"executionSuccessful": True}],
                "results": [_result(f, index, loc, fixable) for f, loc, fixable in located],
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2)
