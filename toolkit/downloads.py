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

_SIZE = re.compile(r'(<span class="size" data-file="([^"]+)"[^>]*>)[^<]*(</span>)')


def complete(out: Path) -> bool:
    """Copy the built files into out/html/downloads/ and fill in downloads.html's sizes;
    whether anything changed."""
    page = out / "html" / "downloads.html"
    if not page.is_file():
        return False
    changed = False
    # The files the page lists, from where their formats put them; file by file, each
    # written atomically and only when it differs: a build that changed nothing touches nothing.
    html = page.read_text(encoding="utf-8")
    folder = out / "html" / "downloads"
    wanted: dict[Path, Path] = {}
    for match in _SIZE.finditer(html):
        rel = match.group(2)
        if not rel.startswith("downloads/"):
            continue
        name = Path(rel).name
        target = out / "html" / rel
        if rel.startswith("downloads/data/"):
            origin = out / "data" / name
        elif name.endswith(".epub"):
            origin = out / "epub" / name
        elif name.endswith(".txt"):
            origin = out / "text" / name
        else:
            origin = target  # the TEI source, which the HTML builder writes itself
        if origin.is_file():
            wanted[target] = origin
    for target, path in wanted.items():
        if not (target.is_file() and filecmp.cmp(target, path, shallow=False)):
            write_bytes(target, path.read_bytes())
            changed = True
    for old in sorted(folder.rglob("*"), reverse=True) if folder.is_dir() else []:
        if old.is_file() and old not in wanted:
            old.unlink()
            changed = True
        elif old.is_dir() and not any(old.iterdir()):
            old.rmdir()
    decimal, units = _attr(html, "data-decimal") or ".", _attr(html, "data-units").split()

    def size(match: re.Match) -> str:
        file = page.parent / match.group(2)
        text = human(file.stat().st_size, decimal, units) if file.is_file() else "—"
        return match.group(1) + text + match.group(3)

    filled = _SIZE.sub(size, html)
    if filled != html:
        write_text(page, filled)
        changed = True
    return changed


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
