"""Findings and how they are reported: `file:line:col: severity: message [rule]`, or JSON."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

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
        loc = ":".join(str(p) for p in (self.path, self.line, self.column) if p is not None)
        rule = f" [{self.rule}]" if self.rule else ""
        return f"{loc}: {self.severity}: {self.message}{rule}"


def exit_code(findings: list[Finding]) -> int:
    """2 if any file could not be read, 1 if any error, else 0."""
    if any(f.severity == "fatal" for f in findings):
        return 2
    if any(f.severity == "error" for f in findings):
        return 1
    return 0


def summary(findings: list[Finding], files: int) -> str:
    counts = {s: sum(1 for f in findings if f.severity == s) for s in SEVERITIES}
    bad = len({f.path for f in findings if f.severity in ("fatal", "error")})
    return (
        f"{files} file(s) checked, {files - bad} valid, {bad} invalid or unreadable; "
        f"{counts['fatal'] + counts['error']} error(s), {counts['warning']} warning(s)"
    )


def render(findings: list[Finding], files: int, fmt: str) -> str:
    ordered = sorted(findings, key=Finding.sort_key)
    if fmt == "json":
        return json.dumps(
            {"findings": [asdict(f) for f in ordered], "summary": summary(ordered, files)},
            ensure_ascii=False,
            indent=2,
        )
    lines = [f.text() for f in ordered]
    lines.append(summary(ordered, files))
    return "\n".join(lines)
