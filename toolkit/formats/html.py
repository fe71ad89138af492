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
SEARCH_INDEX_HEAD = (
    b"/* Search index of this edition, made by teikit at build time: [href, label, text]. */\n"
    b"window.teikitSearchIndex = "
)


def wrap_search_index(folder: Path) -> None:
    """search-index.json (the stylesheet's) becomes search-index.js, a script that search.html
    can load from disk: the same JSON, assigned to the variable search.js reads."""
    data, script = folder / "search-index.json", folder / "search-index.js"
    if data.is_file():
        data.rename(script)  # the same file rewritten: no file made and deleted per build
        with open(script, "r+b") as fh:
            body = fh.read()
            fh.seek(0)
            fh.write(SEARCH_INDEX_HEAD + body + b";\n")


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
    params = {"reading": options.reading}
    if images:
        params["facsimile-images"] = facsimile.stylesheet_param(images, FACSIMILE_FOLDER)
    with staged_dir(target) as tmp:
        result = sheet.apply(source, params, base_output=tmp, output=tmp / "index.html")
        wrap_search_index(tmp)
        copy_assets(ASSETS, tmp / "assets")
        facsimile.copy_images(images, tmp / FACSIMILE_FOLDER)
        # index.html first: it is the page to open.
        written = sorted(
            (p.relative_to(tmp) for p in tmp.rglob("*") if p.is_file()),
            key=lambda p: (p.as_posix() != "index.html", p.as_posix()),
        )
    return Built([target / p for p in written], image_warnings + result.warnings)


register(Format("html", "HTML reading edition (build/html/index.html and pages)", build))
