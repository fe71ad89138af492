"""Pointers across the files of one run (rule `pointer-resolves`, schema/universal.sch).

The rule checks a document alone (a teiCorpus with all its components is one document, so
pointers into its header resolve). Real projects declare persons, places, renditions and
taxonomies once, in a file of their own, and point at them from every other file:
`<change who="#humenda">`, `@rendition="#langesS"`, a sitting's `@who` into its corpus. So:

  - a pointer that another file of the same `validate` or `build` run declares resolves, and
    its finding is dropped;
  - one that no file of the run declares is a warning, not an error: a single file cannot
    know what its project declares elsewhere. The project's own edition (./tei/, checked
    with its own schema) is held to the rule as an error, `strict`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from toolkit.validation.report import Finding

RULE = "pointer-resolves"
#: The ids a finding of the rule says are missing (its message names each as xml:id="...").
_MISSING = re.compile(r'xml:id="([^"]*)"')
_OTHERS = " (nor in the other files of this run)"


def missing_ids(message: str) -> set[str]:
    return set(_MISSING.findall(message))


def ids_of(path: Path) -> set[str]:
    """The xml:id values of a file as teikit reads it (XIncludes expanded); none when it
    cannot be read (that file has findings of its own)."""
    from toolkit.errors import TeikitError
    from toolkit.source import load

    try:
        root = load(path, require_tei=False).root
    except TeikitError:
        return set()
    return {str(v) for v in root.xpath("//@xml:id")}


class RunIds:
    """The ids declared in each file of a run, read when first asked for."""

    def __init__(self, paths: Iterable[Path]):
        self.paths = [Path(p) for p in dict.fromkeys(paths)]
        self._ids: dict[Path, set[str]] = {}

    def elsewhere(self, path: str | Path) -> set[str]:
        """Every id declared by the run's files other than `path`."""
        here = Path(path)
        out: set[str] = set()
        for other in self.paths:
            if other == here:
                continue
            if other not in self._ids:
                self._ids[other] = ids_of(other)
            out |= self._ids[other]
        return out


def settle(findings: list[Finding], paths: list[Path], strict: bool = False) -> list[Finding]:
    """The run's findings with pointers resolved across its files: those another file
    declares dropped, the rest warnings (errors when `strict`)."""
    run = RunIds(paths) if len(paths) > 1 else None
    out = []
    for f in findings:
        if f.rule != RULE or f.severity not in ("error", "warning"):
            out.append(f)
            continue
        if run is not None and _resolved(f.message, run, Path(f.path)):
            continue
        message = f.message + (_OTHERS if run is not None else "")
        out.append(replace(f, severity="error" if strict else "warning", message=message))
    return out


def settle_warnings(warnings_by_path: dict[Path, list[str]]) -> None:
    """The same for a build's warnings (`path:line:col: message [pointer-resolves]`), in
    place: those another file of the run declares are dropped."""
    if len(warnings_by_path) < 2:
        return
    run = RunIds(warnings_by_path)
    tag = f" [{RULE}]"
    for path, warnings in warnings_by_path.items():
        warnings[:] = [w for w in warnings if not (w.endswith(tag) and _resolved(w, run, path))]


def _resolved(text: str, run: RunIds, path: Path) -> bool:
    missing = missing_ids(text)
    return bool(missing) and missing <= run.elsewhere(path)
