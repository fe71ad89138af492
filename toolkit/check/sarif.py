"""SARIF 2.1.0: the format code-scanning services (GitHub, GitLab, Azure DevOps) read to show
findings on a pull request's lines. One run of the tool `teikit`: every rule with its help
(the same text as docs/check.md), and every finding as a result whose location is the
element (or the characters of text) it names, as a region of the file and as a path in the
document (a logical location).

A finding `--fix` can fix carries the fix (`fixes`: the replacements of the file's text that
the diff of `--fix` makes), which editors such as VS Code's SARIF viewer offer to apply. A
finding the document silenced with `<?teikit ignore?>` is a result too, with a suppression
of kind "inSource" located at the instruction: code scanning shows it as dismissed rather
than forgetting it."""

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
    from toolkit.check.run import Report, Result

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


def _region(region: tuple) -> dict:
    line, col, end_line, end_col = region
    span = {"startLine": line, "startColumn": col, "endLine": end_line, "endColumn": end_col}
    return {k: v for k, v in span.items() if v is not None}


def _location(finding: Finding, region: tuple, logical: dict | None) -> dict:
    region = region or (finding.line, finding.column, None, None)
    physical: dict = {"artifactLocation": uri(finding.path)}
    if region[0]:
        physical["region"] = _region(region)
    location: dict = {"physicalLocation": physical}
    if logical:
        location["logicalLocations"] = [logical]
    return location


def _result(finding: Finding, index: dict[str, int], location: dict, r: Result | None) -> dict:
    result = {
        "ruleId": finding.rule,
        "ruleIndex": index[finding.rule],
        "level": _LEVEL[finding.severity],
        "message": {"text": finding.message},
        "locations": [location],
    }
    if r is not None and r.replacements:
        result["fixes"] = [_fix(finding, r)]
    if r is not None and r.suppressed_by is not None:
        at = {"physicalLocation": {"artifactLocation": uri(finding.path)}}
        if r.suppressed_by[0]:
            at["physicalLocation"]["region"] = _region(r.suppressed_by)
        result["suppressions"] = [{"kind": "inSource", "status": "accepted", "location": at}]
    result["properties"] = {"fixable": bool(r and r.fixable)}
    return result


def _fix(finding: Finding, r: Result) -> dict:
    """The fix of a finding as SARIF replacements: the span of the file's text each one
    deletes (empty where it only inserts) and the text it puts there."""
    rule = RULES.get(finding.rule)
    return {
        "description": {"text": rule.fix if rule and rule.fix else "teikit check --fix"},
        "artifactChanges": [
            {
                "artifactLocation": uri(finding.path),
                "replacements": [
                    {"deletedRegion": _region(span), "insertedContent": {"text": text}}
                    for span, text in r.replacements
                ],
            }
        ],
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
            r,
        )
        for report in reports
        for r in [*report.results, *report.silenced]
    ]
    located += [(f, _location(f, (), None), None) for f in unreadable]
    located.sort(key=lambda item: item[0].sort_key())
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "teikit", "version": __version__, "rules": rules}},
                "columnKind": "unicodeCodePoints",
                "invocations": [{"executionSuccessful": True}],
                "results": [_result(f, index, loc, r) for f, loc, r in located],
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2)
