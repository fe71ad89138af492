"""Rendition: the CSS a document declares (tagsDecl/rendition, @style) becomes classes of a
generated, sanitised style sheet, in the HTML and the EPUB alike; nothing reaches a page as
inline style, and nothing unsafe reaches the style sheet."""

from __future__ import annotations

import re

import pytest

from tests.formats.test_html import unsafe_markup
from tests.genres.support import NS, build


@pytest.fixture(scope="module")
def rendition(tmp_path_factory):
    return build("rendition", tmp_path_factory.mktemp("rendition"))


def rules(css: str) -> dict[str, str]:
    return dict(re.findall(r"^\.([\w-]+) \{ (.*) \}$", css, re.M))


def test_declared_renditions_become_classes(rendition):
    css = (rendition.html_dir / "rendition.css").read_text(encoding="utf-8")
    assert rules(css) == {
        "r-big": "font-size: 1.4em;",
        "r-center": "text-align: center;",
        "r-red": "color: #b00000; font-weight: bold;",
        "r-sc": "font-variant: small-caps;",
        "s-1": "font-style: italic; color: #6b2a86;",
    }
    index = rendition.index
    assert index.xpath("//h2/@class") == ["r-center r-sc"]
    assert index.xpath("//i[.='wonderful']/@class") == ["hi r-sc r-big"]
    assert index.xpath("//i[.='Greenwich']/@class") == ["hi s-1"]
    assert index.xpath("//head/link[@href='rendition.css']")


def test_nothing_unsafe_reaches_the_style_sheet_or_the_page(rendition):
    css = (rendition.html_dir / "rendition.css").read_text(encoding="utf-8")
    for bad in ("url", "expression", "behavior", "position", "40px", "background"):
        assert bad not in css.split("*/", 1)[1], bad
    assert unsafe_markup(rendition.index) == []
    assert not rendition.index.xpath("//*[@style]")
    assert rendition.index.xpath("//i[.='publicly']/@class") == ["hi"]


def test_epub_carries_the_same_style_sheet(rendition):
    files = rendition.epub_files
    assert files["EPUB/css/rendition.css"].decode("utf-8") == (
        rendition.html_dir / "rendition.css"
    ).read_text(encoding="utf-8")
    chunk = next(d for n, d in rendition.epub_docs.items() if n.startswith("002"))
    assert chunk.xpath("//h:link[@href='css/rendition.css']", namespaces=NS)
    assert chunk.xpath("//h:h1/@class | //h:h2/@class", namespaces=NS) == ["r-center r-sc"]
    assert 'href="css/rendition.css" media-type="text/css"' in files["EPUB/package.opf"].decode()
