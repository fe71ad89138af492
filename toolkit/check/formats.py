"""The report of `teikit check` in each output format: text (one finding a line, then the
counts), json (the same data), sarif (SARIF 2.1.0, for code scanning in pull requests) and
github (workflow commands, which annotate a pull request's files)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict

from toolkit.check import github, sarif
from toolkit.check.run import Report
from toolkit.errors import shown
from toolkit.validation.report import Finding

_PLURAL = {
    "person": "persons", "place": "places", "org": "organisations", "event": "events",
    "object": "objects", "work": "works",
}  # fmt: skip


def ordered(reports: list[Report], unreadable: list[Finding]) -> list[Finding]:
    return sorted([f for r in reports for f in r.findings] + unreadable, key=Finding.sort_key)


def totals(reports: list[Report], unreadable: list[Finding]) -> dict[str, int]:
    counted = Counter(f.severity for f in ordered(reports, unreadable))
    return {
        "files": len(reports) + len(unreadable),
        **{s: counted.get(s, 0) for s in ("fatal", "error", "warning", "info")},
        "suppressed": sum(n for r in reports for n in r.suppressed.values()),
    }


def summary(reports: list[Report], unreadable: list[Finding]) -> str:
    t = totals(reports, unreadable)
    line = (
        f"{t['files']} file(s) checked: {t['fatal'] + t['error']} error(s), "
        f"{t['warning']} warning(s), {t['info']} info"
    )
    return line + (f"; {t['suppressed']} suppressed" if t["suppressed"] else "")


def text(reports: list[Report], unreadable: list[Finding]) -> str:
    lines = [f.text() for f in ordered(reports, unreadable)]
    for report in reports:
        lines.extend(_summary_lines(report))
    lines.append(summary(reports, unreadable))
    return "\n".join(lines)


def as_json(reports: list[Report], unreadable: list[Finding]) -> str:
    fixable = {r.finding: r.fixable for report in reports for r in report.results}
    return json.dumps(
        {
            "findings": [
                {**asdict(f), "fixable": fixable.get(f, False)}
                for f in ordered(reports, unreadable)
            ],
            "files": [{"path": r.path, **r.stats, "suppressed": r.suppressed} for r in reports],
            "summary": totals(reports, unreadable),
        },
        ensure_ascii=False,
        indent=2,
    )


def _summary_lines(report: Report) -> list[str]:
    """The counts of one file, each line beginning with its name, escaped as in a finding's
    line (a newline or a bidirectional control in a name cannot forge or disguise a line)."""
    stats, path = report.stats, shown(report.path)
    registers = stats.get("registers", {})
    listed = ", ".join(f"{_PLURAL[k]} {n}" for k, n in registers.items() if n)
    mentions = stats.get("mentions", {})
    said = ", ".join(f"{_PLURAL[k]} {n}" for k, n in mentions.items() if n)
    cites, dates = stats.get("citations", {}), stats.get("dates", {})
    rules = ", ".join(f"{rule} {n}" for rule, n in stats.get("findings", {}).items())
    editorial = stats.get("editorial_notes", 0)
    notes = f"{stats.get('notes', 0)}" + (f", editorial notes: {editorial}" if editorial else "")
    lines = [
        f"{path}: registers: {listed or 'none'}",
        f"{path}: resolved mentions in the text: {said or 'none'}; "
        f"citations: {cites.get('resolved', 0)} resolved, {cites.get('unresolved', 0)} "
        f"unresolved, {cites.get('untagged', 0)} untagged; dates: {dates.get('normalised', 0)} "
        f"of {dates.get('total', 0)} normalised; notes: {notes}",
        f"{path}: findings by rule: {rules or 'none'}",
    ]
    if report.suppressed:
        silenced = ", ".join(f"{rule} {n}" for rule, n in report.suppressed.items())
        lines.append(f"{path}: suppressed by <?teikit ignore?> in the document: {silenced}")
    return lines


#: --format name -> renderer(reports, unreadable files' findings) -> the whole output.
FORMATS: dict[str, Callable[[list[Report], list[Finding]], str]] = {
    "text": text,
    "json": as_json,
    "sarif": sarif.render,
    "github": lambda reports, unreadable: github.render(
        reports, unreadable, summary(reports, unreadable)
    ),
}
