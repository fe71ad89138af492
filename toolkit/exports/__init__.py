"""Exports for digital-humanities tools: a small registry from file name to exporter.

Each export is one file in a format that a researcher's own tool opens (a spreadsheet,
Gephi, QGIS, Zotero, an annotation viewer, an NER trainer). An exporter renders bytes from
the `Edition` (toolkit.exports.data) and never writes: the command writes them atomically,
so one failing export leaves nothing half-written. Adding an export = one function and one
`register` call in the module of its family.
"""

# No `from __future__ import annotations` here: it would bind the name `annotations` in this
# package and hide the submodule of that name.
import importlib
from collections.abc import Callable
from dataclasses import dataclass

from toolkit.exports.data import Edition


@dataclass(frozen=True)
class Export:
    """One export file.

    `name` is both the file written by `teikit export --all` and the `--format` value;
    `fields` describes the file's columns (or keys) for the README written beside it, and
    `summary` says how much it holds.
    """

    name: str
    description: str
    opens_with: str
    render: Callable[[Edition], bytes]
    fields: tuple[tuple[str, str], ...] = ()
    summary: Callable[[Edition], str] | None = None  # "97 rows": for the README and the CLI
    #: Whether the export says anything about this edition (a IIIF manifest needs page
    #: images): `--all` writes only those that do; None means every edition.
    applies: Callable[[Edition], bool] | None = None


_REGISTRY: dict[str, Export] = {}


def register(export: Export) -> Export:
    _REGISTRY[export.name] = export
    return export


def get(name: str) -> Export:
    _load_builtin()
    return _REGISTRY[name]


def names() -> list[str]:
    """Export names by family (FAMILIES order), then in the order each module registers them."""
    _load_builtin()

    def family(name: str) -> int:
        module = _REGISTRY[name].render.__module__.rsplit(".", 1)[-1]
        return FAMILIES.index(module) if module in FAMILIES else len(FAMILIES)

    return sorted(_REGISTRY, key=family)


def names_for(edition: Edition) -> list[str]:
    """The exports that apply to `edition`, in the order of `names()`."""
    return [n for n in names() if _REGISTRY[n].applies is None or _REGISTRY[n].applies(edition)]


#: The modules of the export families, in the order `teikit export --all` lists them.
FAMILIES = (
    "tables",
    "registers_json",
    "geo",
    "network",
    "bibliography",
    "annotations",
    "cmif",
    "iiif",
)


def _load_builtin() -> None:
    # Importing a module registers its exports.
    for family in FAMILIES:
        importlib.import_module(f"toolkit.exports.{family}")
