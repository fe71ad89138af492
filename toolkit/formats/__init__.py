"""Output formats: a small registry from format name to builder.

A builder takes a loaded Source and the output root and writes its files there
atomically, returning the paths it wrote. Adding a format = one module + one `register`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.source import Source


@dataclass(frozen=True)
class Options:
    """Options every builder receives; each uses the ones that concern it."""

    width: int = 72
    reading: str = "corr"  # 'corr' (editor's reading) or 'sic' (source reading)
    notes: str = "end"  # 'end' or 'none' (text formats)
    ui_lang: str = ""  # interface language (BCP 47); '' = the document's language
    base_url: str = ""  # the HTML edition's public address, for canonical links and citations
    formats: tuple[str, ...] = ()  # every format of this build (the HTML lists the downloads)
    extra: dict = field(default_factory=dict)


@dataclass
class Built:
    """What a builder wrote (the main file first), and the stylesheets' warnings."""

    paths: list[Path]
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Format:
    name: str
    description: str
    build: Callable[[Source, Path, Options], Built]


_REGISTRY: dict[str, Format] = {}


def register(fmt: Format) -> Format:
    _REGISTRY[fmt.name] = fmt
    return fmt


def get(name: str) -> Format:
    _load_builtin()
    return _REGISTRY[name]


def names() -> list[str]:
    _load_builtin()
    return list(_REGISTRY)


def _load_builtin() -> None:
    # Importing a module registers its format(s).
    from toolkit.formats import data, epub, html, text  # noqa: F401
