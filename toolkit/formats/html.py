"""The HTML reading edition: index.html plus its pages and assets, under <out>/html/."""

from __future__ import annotations

import shutil
from pathlib import Path

from toolkit import XSLT_DIR
from toolkit.formats import Built, Format, Options, register
from toolkit.output import staged_dir
from toolkit.source import Source
from toolkit.xslt import stylesheet

ASSETS = XSLT_DIR / "html" / "assets"


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
    with staged_dir(target) as tmp:
        result = sheet.apply(source, {"reading": options.reading}, base_output=tmp)
        (tmp / "index.html").write_text(result.text, encoding="utf-8")
        copy_assets(ASSETS, tmp / "assets")
        # index.html first: it is the page to open.
        written = sorted(
            (p.relative_to(tmp) for p in tmp.rglob("*") if p.is_file()),
            key=lambda p: (p.as_posix() != "index.html", p.as_posix()),
        )
    return Built([target / p for p in written], result.warnings)


register(Format("html", "HTML reading edition (build/html/index.html and pages)", build))
