"""The rules of `teikit check`: each one a function registered with `@rule`, in a module per
family under toolkit/check/rules/ (the module's name is the family's).

A rule receives the shared Document (one traversal, indexes and analyses computed once) and
yields Hits. Its docstring is its documentation: the first line the summary, the rest the
explanation that docs/check.md, --explain and SARIF show. Its examples, a `bad` and a `good`
piece of TEI, are in the family's TOML file beside the module (rules/names.toml for
rules/names.py); tests check that the rule fires on the first and not on the second.
"""

from __future__ import annotations

import functools
import inspect
import sys
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Edit:
    """Replace characters start..end of the file's text (Positions.text) with `text`."""

    start: int
    end: int
    text: str


@dataclass
class Hit:
    """One finding as a rule reports it, tied to the node it names.

    `node` is the element the finding is about (or the comment or processing instruction
    whose tail holds the text); `slot` says whether the finding is at the element's start
    tag ("start") or at character `offset` of its text or tail, and `end` is where the
    words it names end in the file's text (Positions.text), when that is known.
    """

    message: str
    node: etree._Element
    line: int | None
    column: int | None
    slot: str = "start"
    offset: int = 0
    end: int | None = None
    fix: list[Edit] = field(default_factory=list)


@dataclass(frozen=True)
class Rule:
    id: str
    family: str
    severity: str
    summary: str
    explanation: str
    bad: str
    good: str
    fix: str | None  # what --fix does, when it can; None: never fixable
    run: Callable[..., Iterable[Hit]]

    @property
    def fixable(self) -> bool:
        return self.fix is not None


#: id -> Rule, in the order the modules register them.
RULES: dict[str, Rule] = {}


def rule(id: str, severity: str, fix: str | None = None):
    """Register the decorated function as rule `id`, of default `severity`; `fix` says what
    --fix does for its findings (the rule attaches Edits to the Hits it can fix)."""
    if severity not in SEVERITIES:
        raise ValueError(f"rule {id}: severity {severity!r} is not one of {SEVERITIES}")

    def register(fn: Callable[..., Iterable[Hit]]) -> Callable[..., Iterable[Hit]]:
        if id in RULES:
            raise ValueError(f"rule {id} is registered twice ({RULES[id].run.__module__})")
        summary, _, explanation = (inspect.getdoc(fn) or "").partition("\n\n")
        examples = _examples(fn.__module__).get(id, {})
        if not (summary and explanation and examples.get("bad") and examples.get("good")):
            raise ValueError(
                f"rule {id}: needs a docstring (a summary line, a blank line, the explanation) "
                f"and [{id}] bad and good examples in {_examples_file(fn.__module__)}"
            )
        RULES[id] = Rule(
            id=id,
            family=fn.__module__.rsplit(".", 1)[-1],
            severity=severity,
            summary=" ".join(summary.split()).rstrip("."),
            explanation=explanation,
            bad=examples["bad"].strip("\n"),
            good=examples["good"].strip("\n"),
            fix=fix,
            run=fn,
        )
        return fn

    return register


def _examples_file(module: str) -> Path:
    return Path(sys.modules[module].__file__).with_suffix(".toml")


@functools.cache
def _examples(module: str) -> dict[str, dict[str, str]]:
    path = _examples_file(module)
    return tomllib.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def families() -> dict[str, list[Rule]]:
    found: dict[str, list[Rule]] = {}
    for r in RULES.values():
        found.setdefault(r.family, []).append(r)
    return found
