"""The rule modules, one per family; each registers its rules with `@rule` when imported.

Every module in this package is imported, so a new family is a new module here and
nothing else (see "Adding a rule" in docs/check.md).
"""

from __future__ import annotations

import importlib
import pkgutil


def load() -> None:
    for module in sorted(m.name for m in pkgutil.iter_modules(__path__)):
        importlib.import_module(f"{__name__}.{module}")
