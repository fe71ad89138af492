"""Helpers for the genre tests: each canonical fixture built once in every format, its pages
and content documents parsed, and the TEI read back for comparisons."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import lxml.html
from click.testing import CliRunner
from lxml import etree

from toolkit.cli import main

FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "genres"
TEI_NS = "http://www.tei-c.org/ns/1.0"
NS = {
    "t": TEI_NS,
    "h": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
    "opf": "http://www.idpf.org/2007/opf",
}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)

#: The canonical fixture of each genre (file stems under fixtures/).
GENRE_FIXTURES = (
    "apparatus",
    "apparatus-external",
    "epidoc-app-note",
    "verse",
    "drama",
    "inscription",
    "dictionary",
    "dict-minimal",
    "letter",
    "facsimile",
    "sourcedoc",
    "facs-minimal",
    "rendition",
)


@dataclass
class Built:
    """A fixture built in every format (html, epub, text) into `out`."""

    stem: str
    out: Path
    output: str
    tei: etree._ElementTree = field(repr=False)

    @property
    def html_dir(self) -> Path:
        return self.out / "html"

    @cached_property
    def pages(self) -> dict[str, lxml.html.HtmlElement]:
        return {
            p.name: lxml.html.document_fromstring(p.read_bytes())
            for p in sorted(self.html_dir.glob("*.html"))
        }

    @property
    def index(self) -> lxml.html.HtmlElement:
        return self.pages["index.html"]

    @property
    def epub_path(self) -> Path:
        return self.out / "epub" / f"{self.stem}.epub"

    @cached_property
    def epub_files(self) -> dict[str, bytes]:
        with zipfile.ZipFile(self.epub_path) as zf:
            return {i.filename: zf.read(i) for i in zf.infolist()}

    @cached_property
    def epub_docs(self) -> dict[str, etree._Element]:
        return {
            name.removeprefix("EPUB/"): etree.fromstring(data, _PARSER)
            for name, data in self.epub_files.items()
            if name.endswith(".xhtml")
        }

    @property
    def text(self) -> str:
        return (self.out / "text" / f"{self.stem}.txt").read_text(encoding="utf-8")

    def tei_xpath(self, xpath: str) -> list:
        return self.tei.xpath(xpath, namespaces=NS)


def build(stem: str, out: Path, *extra: str) -> Built:
    """`teikit build fixtures/STEM.xml --out OUT` (every format)."""
    source = FIXTURES / f"{stem}.xml"
    result = CliRunner().invoke(main, ["build", str(source), "--out", str(out), *extra])
    assert result.exit_code == 0, result.output
    tei = etree.parse(str(source), _PARSER)
    return Built(stem, out, result.output, tei)


def words(text: str) -> str:
    """Whitespace collapsed, for comparing what a reader sees."""
    return " ".join(text.split())


def visible_text(el) -> str:
    """The text of an HTML element without what is hidden (hidden readings, spacers)."""
    out = []

    def walk(node):
        if node.get("hidden") is not None or "part-spacer" in (node.get("class") or ""):
            if node.tail:
                out.append(node.tail)
            return
        if node.text:
            out.append(node.text)
        for child in node:
            if isinstance(child.tag, str):
                walk(child)
            elif child.tail:
                out.append(child.tail)
        if node.tail:
            out.append(node.tail)

    if el.text:
        out.append(el.text)
    for child in el:
        if isinstance(child.tag, str):
            walk(child)
    return words("".join(out))


_BLOCK = re.compile(
    r"><(?=/?(?:p|li|ol|ul|dl|dt|dd|div|section|article|header|footer|nav|main|h[1-6]|"
    r"blockquote|figure|table|tr|head|body|meta|link|script|title|fieldset|details|summary|"
    r"svg|rect|image|package|metadata|manifest|spine|item|itemref)\b)"
)


def normalise(data: str) -> str:
    """One block element a line, so that a difference shows where it is."""
    return _BLOCK.sub(">\n<", data)
