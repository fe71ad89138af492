"""The HTML reading edition: index.html plus its pages and assets, under <out>/html/."""

from __future__ import annotations

import shutil
from pathlib import Path

from toolkit import XSLT_DIR, facsimile
from toolkit.formats import Built, Format, Options, register
from toolkit.output import staged_dir
from toolkit.source import Source
from toolkit.xslt import stylesheet

ASSETS = XSLT_DIR / "html" / "assets"
FACSIMILE_FOLDER = "facsimile"  # the page images the document's own folder holds
#: JSON the stylesheet writes, and the script variable each becomes: a page opened from disk
#: can load a script but not read a JSON file.
SCRIPT_DATA = {
    "search-index": (b"Search index of this edition: [href, label, text]", b"teikitSearchIndex"),
    "entries": (b"Register entries of this edition, for name cards", b"teikitEntries"),
}


def wrap_data(folder: Path) -> None:
    """<name>.json (the stylesheet's) becomes <name>.js, a script that the pages can load from
    disk: the same JSON, assigned to the variable the page's script reads."""
    for name, (comment, variable) in SCRIPT_DATA.items():
        data, script = folder / f"{name}.json", folder / f"{name}.js"
        if data.is_file():
            data.rename(script)  # the same file rewritten: no file made and deleted per build
            with open(script, "r+b") as fh:
                body = fh.read()
                fh.seek(0)
                head = b"/* " + comment + b", made by teikit at build time. */\nwindow."
                fh.write(head + variable + b" = " + body + b";\n")


def downloads(source: Source, built: tuple[str, ...]) -> str:
    """The files the downloads page offers (toolkit.downloads puts them under downloads/):
    one a line, "path TAB group"."""
    from toolkit.formats.data import files

    stem = source.stem
    rows = []
    if "epub" in built:
        rows.append((f"downloads/{stem}.epub", "editions"))
    if "text" in built:
        rows.append((f"downloads/{stem}.txt", "editions"))
    if "text-clean" in built:
        rows.append((f"downloads/{stem}.clean.txt", "editions"))
    rows.append((f"downloads/{stem}.xml", "source"))  # the build command copies the source
    if "data" in built:
        rows += [(f"downloads/data/{name}", "data") for name in files(source)[1:]]
    return "\n".join(f"{path}\t{group}" for path, group in rows)


def copy_assets(src: Path, dest: Path) -> None:
    """Copy the static assets (css, js) in a stable order."""
    dest.mkdir(parents=True, exist_ok=True)
    for path in sorted(src.rglob("*")):
        target = dest / path.relative_to(src)
        if path.is_dir():
            target.mkdir(exist_ok=True)
        else:
            shutil.copyfile(path, target)


def build(source: Source, out: Path, options: Options) -> Built:
    sheet = stylesheet("html/html.xsl")
    target = out / "html"
    images, image_warnings = facsimile.local_images(source)
    with staged_dir(target) as tmp:
        params = {
            "reading": options.reading,
            "ui-lang": options.ui_lang,
            "base-url": options.base_url,
            "downloads": downloads(source, options.formats),
        }
        if images:
            params["facsimile-images"] = facsimile.stylesheet_param(images, FACSIMILE_FOLDER)
        result = sheet.apply(source, params, base_output=tmp, output=tmp / "index.html")
        wrap_data(tmp)
        # The TEI source for download, as the loader read it (no DOCTYPE, nothing expanded).
        (tmp / "downloads").mkdir()
        (tmp / "downloads" / f"{source.stem}.xml").write_text(
            '<?xml version="1.0" encoding="UTF-8"?>\n' + source.xml_text() + "\n", encoding="utf-8"
        )
        copy_assets(ASSETS, tmp / "assets")
        facsimile.copy_images(images, tmp / FACSIMILE_FOLDER)
        # index.html first: it is the page to open.
        written = sorted(
            (p.relative_to(tmp) for p in tmp.rglob("*") if p.is_file()),
            key=lambda p: (p.as_posix() != "index.html", p.as_posix()),
        )
    return Built([target / p for p in written], image_warnings + result.warnings)


register(Format("html", "HTML reading edition (build/html/index.html and pages)", build))
