"""Which rules run, at which severity: --select and --ignore, and a project's configuration.

The configuration is the `[check]` table of a `teikit.toml`, or the `[tool.teikit.check]`
table of a `pyproject.toml`, in the checked file's folder or the nearest folder above it
that has one (a teikit.toml first):

    [tool.teikit.check]
    select = ["pointers", "date-", "untagged-name"]   # ids, id prefixes, families
    ignore = ["entry-without-identifier"]
    severity = { untagged-name = "error" }           # make CI fail on it

--select on the command line replaces the configured selection; --ignore adds to the
configured ignores. A rule runs when a selector selects it and no selector ignores it.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from toolkit.check.registry import RULES, SEVERITIES, Rule
from toolkit.check.suppress import known, matches
from toolkit.errors import InputError

_KEYS = {"select", "ignore", "severity"}


@dataclass(frozen=True)
class Selection:
    select: tuple[str, ...] = ()  # empty: every rule
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()  # (selector, severity), the last match wins
    source: str = "the command line"  # where it was configured, for messages

    def __post_init__(self) -> None:
        for selector in (*self.select, *self.ignore, *(s for s, _ in self.severity)):
            if not known(selector):
                raise InputError(
                    f"{self.source}: {selector!r} names no rule (a rule id, a prefix of ids, "
                    f"or a family: {', '.join(sorted({r.family for r in RULES.values()}))}); "
                    "`teikit check --help` lists the rules"
                )
        for selector, severity in self.severity:
            if severity not in SEVERITIES:
                raise InputError(
                    f"{self.source}: severity {severity!r} for {selector!r} is not one of "
                    f"{', '.join(SEVERITIES)}"
                )

    def rules(self) -> list[Rule]:
        return [
            r
            for r in RULES.values()
            if (not self.select or any(matches(s, r) for s in self.select))
            and not any(matches(s, r) for s in self.ignore)
        ]

    def severity_of(self, rule: Rule) -> str:
        found = [sev for selector, sev in self.severity if matches(selector, rule)]
        return found[-1] if found else rule.severity

    def with_options(self, select: tuple[str, ...], ignore: tuple[str, ...]) -> Selection:
        return Selection(
            select=select or self.select,
            ignore=(*self.ignore, *ignore),
            severity=self.severity,
            source=self.source if not (select or ignore) else "--select/--ignore",
        )


def split(values: tuple[str, ...]) -> tuple[str, ...]:
    """Selectors from repeated, comma-separated options."""
    return tuple(s.strip() for value in values for s in value.split(",") if s.strip())


class Configs:
    """The configurations of the files of one run, each folder's looked up once."""

    def __init__(self) -> None:
        self._folders: dict[Path, Selection] = {}

    def for_file(self, path: Path) -> Selection:
        """The configuration that applies to a checked file (none found: every rule)."""
        folder = Path(path).resolve().parent
        if folder not in self._folders:
            self._folders[folder] = _for_folder(folder)
        return self._folders[folder]


def _for_folder(folder: Path) -> Selection:
    for here in (folder, *folder.parents):
        own = here / "teikit.toml"
        if own.is_file():
            return _selection(own, _load(own).get("check", {}), "[check]")
        project = here / "pyproject.toml"
        if project.is_file():
            table = _load(project).get("tool", {}).get("teikit", {})
            if isinstance(table, dict) and "check" in table:
                return _selection(project, table["check"], "[tool.teikit.check]")
    return Selection()


def _load(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"cannot read the configuration: {err}", path) from None
    except tomllib.TOMLDecodeError as err:
        raise InputError(f"not valid TOML: {err}", path) from None


def _selection(path: Path, table, name: str) -> Selection:
    where = f"{path} {name}"
    if not isinstance(table, dict):
        raise InputError(f"{where} must be a table")
    unknown = set(table) - _KEYS
    if unknown:
        raise InputError(
            f"{where}: unknown key(s) {', '.join(sorted(unknown))} (known: select, ignore, "
            "severity)"
        )
    lists = {}
    for key in ("select", "ignore"):
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise InputError(f"{where}: {key} must be a list of rule ids, prefixes or families")
        lists[key] = tuple(value)
    severity = table.get("severity", {})
    if not isinstance(severity, dict) or not all(isinstance(v, str) for v in severity.values()):
        raise InputError(f'{where}: severity must be a table of rule = "error|warning|info"')
    return Selection(lists["select"], lists["ignore"], tuple(severity.items()), where)
