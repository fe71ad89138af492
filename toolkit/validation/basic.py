"""The checks that need no schema: the file reads as XML and its root is TEI."""

from __future__ import annotations

from pathlib import Path

from toolkit.errors import InputError
from toolkit.source import Source, load
from toolkit.validation.report import Finding


def read(path: Path) -> tuple[Source | None, list[Finding]]:
    """Load one file; an unreadable file becomes a single 'fatal' finding, what the loader
    warns of (a DTD ignored, an XInclude fallback used) 'warning' findings."""
    try:
        source = load(path)
    except InputError as err:
        return None, [
            # err.path: an XInclude'd part may be the file at fault.
            Finding(
                err.path or str(path), err.line, err.column, "fatal", err.message, "readable-tei"
            )
        ]
    return source, [
        Finding(w.path, w.line, w.column, "warning", w.message, "loader") for w in source.warnings
    ]
