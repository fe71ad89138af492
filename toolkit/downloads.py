"""The HTML edition's "Data and downloads" page, completed once every format is built: the
other formats' files (EPUB, text, the TEI source and the data exports) are copied beside the
pages, under html/downloads/, so that the edition's folder is whole on its own, and their sizes
are written into downloads.html, which the HTML stylesheet made with a place for each
(xslt/html/downloads.xsl). Formats are built in parallel, so only the build command, after
all of them, knows the sizes."""

from __future__ import annotations

import filecmp
import re
from pathlib import Path

from toolkit.output import write_bytes, write_text

#: Where each format's files are, relative to the build's output folder, and where they go
#: under html/downloads/.
SOURCES = (("epub", "*.epub", ""), ("text", "*.txt", ""), ("data", "*", "data"))

_SIZE = re.compile(r'(<span class="size" data-file="([^"]+)"[^>]*>)[^<]*(</span>)')


def complete(out: Path) -> Path | None:
    """Copy the built files into out/html/downloads/ and fill in downloads.html's sizes."""
    page = out / "html" / "downloads.html"
    if not page.is_file():
        return None
    # File by file, each written atomically and only when it differs: a build that changed
    # nothing touches nothing.
    folder = out / "html" / "downloads"
    wanted: dict[Path, Path] = {}
    for source, pattern, under in SOURCES:
        for path in sorted((out / source).glob(pattern)):
            if path.is_file():
                wanted[folder / under / path.name] = path
    for target, path in wanted.items():
        if not (target.is_file() and filecmp.cmp(target, path, shallow=False)):
            write_bytes(target, path.read_bytes())
    for old in sorted(folder.rglob("*"), reverse=True) if folder.is_dir() else []:
        if old.is_file() and old not in wanted:
            old.unlink()
        elif old.is_dir() and not any(old.iterdir()):
            old.rmdir()
    html = page.read_text(encoding="utf-8")
    decimal, units = _attr(html, "data-decimal") or ".", _attr(html, "data-units").split()

    def size(match: re.Match) -> str:
        file = page.parent / match.group(2)
        text = human(file.stat().st_size, decimal, units) if file.is_file() else "—"
        return match.group(1) + text + match.group(3)

    filled = _SIZE.sub(size, html)
    if filled != html:
        write_text(page, filled)
    return page


def _attr(html: str, name: str) -> str:
    match = re.search(f'{name}="([^"]*)"', html)
    return match.group(1) if match else ""


def human(n: int, decimal: str = ".", units: list[str] | None = None) -> str:
    """1234567 bytes as "1.2 MB" (the units and decimal sign of the page's language)."""
    names = units if units and len(units) == 4 else ["B", "KB", "MB", "GB"]
    value, unit = float(n), 0
    while value >= 1000 and unit < 3:
        value, unit = value / 1000, unit + 1
    digits = f"{value:.0f}" if unit == 0 or value >= 100 else f"{value:.1f}"
    return f"{digits.replace('.', decimal)} {names[unit]}"
