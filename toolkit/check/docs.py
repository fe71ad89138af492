"""The rules' reference, written from the registry into docs/check.md between two markers
(the prose around them is edited by hand), and shown by `teikit check --explain RULE` and in
SARIF's rule help.

    python3 -m toolkit.check.docs          rewrite the rules' part of docs/check.md
    python3 -m toolkit.check.docs --check  exit 1 if docs/check.md is not up to date
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from toolkit.check.registry import RULES, Rule, families

DOC = Path(__file__).resolve().parents[2] / "docs" / "check.md"
BEGIN = "<!-- rules: written by `python3 -m toolkit.check.docs` from the registry -->"
END = "<!-- end of rules -->"


def heading(rule: Rule) -> str:
    fix = f"fixable: {rule.fix}" if rule.fix else "not fixable"
    return f"{rule.severity} · family `{rule.family}` · {fix}"


def section(rule: Rule, level: int = 3) -> str:
    return (
        f"{'#' * level} `{rule.id}`\n\n"
        f"{rule.summary[:1].upper()}{rule.summary[1:]}. *{heading(rule)}.*\n\n"
        f"{rule.explanation}\n\n"
        f"Reported:\n\n```xml\n{rule.bad}\n```\n\n"
        f"Not reported:\n\n```xml\n{rule.good}\n```\n"
    )


def text(rule: Rule) -> str:
    """The same as plain text, for a terminal."""
    return (
        f"{rule.id}: {rule.summary}\n{heading(rule)}\n\n{rule.explanation}\n\n"
        f"Reported:\n\n{_indent(rule.bad)}\n\nNot reported:\n\n{_indent(rule.good)}\n"
    )


def _indent(block: str) -> str:
    return "\n".join(f"    {line}" if line else "" for line in block.splitlines())


def rules_part() -> str:
    rows = [
        f"| [`{r.id}`](#{r.id}) | {r.severity} | {r.family} | {'yes' if r.fix else ''} | "
        f"{r.summary.replace('|', '/')} |"
        for r in RULES.values()
    ]
    parts = [
        BEGIN,
        "",
        "| rule | severity | family | fix | what it reports |",
        "|---|---|---|---|---|",
        *rows,
        "",
    ]
    for family, rules in sorted(families().items()):
        parts.append(f"### Family `{family}`\n")
        parts.extend(section(r, level=4) for r in rules)
    parts.append(END)
    return "\n".join(parts)


def updated(document: str) -> str:
    """The document with its rules' part rewritten."""
    if document.count(BEGIN) != 1 or document.count(END) != 1:
        raise ValueError(f"the document needs the markers {BEGIN!r} and {END!r} once each")
    head, rest = document.split(BEGIN)
    _, tail = rest.split(END)
    return head + rules_part() + tail


def main(argv: list[str] | None = None) -> int:
    from toolkit.check import RULES as _loaded  # noqa: F401 - registers every rule

    ap = argparse.ArgumentParser(prog="python3 -m toolkit.check.docs")
    ap.add_argument("--check", action="store_true", help="only say whether it is up to date")
    ap.add_argument("path", nargs="?", type=Path, default=DOC)
    args = ap.parse_args(argv)
    current = args.path.read_text(encoding="utf-8")
    new = updated(current)
    if args.check:
        if new != current:
            print(f"{args.path} is out of date: run python3 -m toolkit.check.docs")
            return 1
        return 0
    if new != current:
        from toolkit.output import write_text

        write_text(args.path, new)
        print(f"{args.path} rewritten")
    return 0


if __name__ == "__main__":
    sys.exit(main())
