"""Findings and how they are reported: `file:line:col: severity: message [rule]`, or JSON."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from toolkit.errors import location

SEVERITIES = ("fatal", "error", "warning", "info")


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int | None
    column: int | None
    severity: str
    message: str
    rule: str = ""

    def sort_key(self) -> tuple:
        return (self.path, self.line or 0, self.column or 0, self.rule, self.message)

    def text(self) -> str:
        loc = location(self.path, self.line, self.column)  # a name cannot forge a line
        rule = f" [{self.rule}]" if self.rule else ""
        return f"{loc}: {self.severity}: {' '.join(self.message.split())}{rule}"


def exit_code(findings: list[Finding]) -> int:
    """2 if any file could not be read, 1 if any error, else 0."""
    if any(f.severity == "fatal" for f in findings):
        return 2
    if any(f.severity == "error" for f in findings):
        return 1
    return 0


def counts(findings: list[Finding], files: int) -> dict[str, int]:
    by = {s: sum(1 for f in findings if f.severity == s) for s in SEVERITIES}
    bad = len({f.path for f in findings if f.severity in ("fatal", "error")})
    return {
        "files": files,
        "valid": files - bad,
        "invalid": bad,
        "errors": by["fatal"] + by["error"],
        "warnings": by["warning"],
        "notes": by["info"],
    }


def summary(findings: list[Finding], files: int) -> str:
    c = counts(findings, files)
    notes = f", {c['notes']} note(s)" if c["notes"] else ""
    return (
        f"{c['files']} file(s) checked, {c['valid']} valid, {c['invalid']} invalid or "
        f"unreadable; {c['errors']} error(s), {c['warnings']} warning(s){notes}"
    )


def render(findings: list[Finding], files: int, fmt: str) -> str:
    """The report: one line a finding and the summary, or the same as JSON."""
    ordered = sorted(set(findings), key=Finding.sort_key)
    if fmt == "json":
        return json.dumps(
            {
                "findings": [asdict(f) for f in ordered],
                "summary": summary(ordered, files),
                "counts": counts(ordered, files),
            },
            ensure_ascii=False,
            indent=2,
        )
    lines = [f.text() for f in ordered]
    lines.append(summary(ordered, files))
    return "\n".join(lines)
