"""Words of the interface in a document of another language carry their language, and the
text and EPUB editions take their own words from the label catalogue (xslt/common/labels.xml).

The document is the reading fixture made Arabic (xml:lang="ar"), built with its own
interface and with an English one.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner
from lxml import etree

from tests.conftest import FIXTURES
from toolkit.cli import main

LABELS = Path(__file__).resolve().parents[2] / "xslt" / "common" / "labels.xml"
OPF = "{http://www.idpf.org/2007/opf}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
READING = FIXTURES / "reading" / "reading.xml"


def label(key: str, lang: str) -> str:
    tree = etree.parse(str(LABELS))
    (text,) = tree.xpath(
        "//l:label[@key=$key]/l:t[@xml:lang=$lang]/text()",
        namespaces={"l": "urn:teikit:labels"},
        key=key,
        lang=lang,
    )
    return text


def build(out: Path, source: Path, *extra: str) -> Path:
    args = ["build", str(source), "--format", "html,epub,text", "--out", str(out), *extra]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def arabic(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("arabic")
    source = tmp / "ar.xml"
    text = READING.read_text(encoding="utf-8")
    assert text.count('xml:lang="en"') == 1
    source.write_text(text.replace('xml:lang="en"', 'xml:lang="ar"'), encoding="utf-8")
    return source


def test_english_interface_over_an_arabic_document(arabic, tmp_path):
    out = build(tmp_path, arabic, "--ui-lang", "en")
    index = lxml.html.parse(str(out / "html" / "index.html")).getroot()
    assert index.get("lang") == "en"
    (toc,) = index.xpath("//h2[@id='toc-title']")
    # the heading is the interface's, inside the text's Arabic region
    assert (toc.get("lang"), toc.get("dir"), toc.text_content()) == ("en", "ltr", "Contents")
    assert toc.xpath("ancestor::*[@lang][1]/@lang") == ["ar"]
    (notes,) = index.xpath("//section[@class='endnotes']/h2")
    assert (notes.get("lang"), notes.get("dir")) == ("en", "ltr")
    # the contents menu of the page frame lists the text's Arabic headings
    (menu,) = index.xpath("//details[contains(@class, 'contents-menu')]/div[@class='menu-body']")
    assert (menu.get("lang"), menu.get("dir")) == ("ar", "rtl")
    with zipfile.ZipFile(out / "epub" / "ar.epub") as zf:
        nav = etree.fromstring(zf.read("EPUB/nav.xhtml"))
        opf = etree.fromstring(zf.read("EPUB/package.opf"))
    (h1,) = nav.xpath("//*[@id='toc-title']")
    assert (h1.get("lang"), h1.get("dir"), h1.text) == ("en", "ltr", "Contents")
    (summary,) = [
        m for m in opf.iter(f"{OPF}meta") if m.get("property") == "schema:accessibilitySummary"
    ]
    assert summary.get(XML_LANG) == "en"
    assert summary.text.startswith(label("epub.a11y.text", "en"))
    text = (out / "text" / "ar.txt").read_text(encoding="utf-8")
    assert "\nNotes\n" in text and "Source: " in text


def test_arabic_interface_from_the_document(arabic, tmp_path):
    out = build(tmp_path, arabic)
    index = lxml.html.parse(str(out / "html" / "index.html")).getroot()
    assert (index.get("lang"), index.get("dir")) == ("ar", "rtl")
    (toc,) = index.xpath("//h2[@id='toc-title']")
    # same language as the region: nothing to mark
    assert toc.get("lang") is None and toc.text_content() == label("nav.contents", "ar")
    with zipfile.ZipFile(out / "epub" / "ar.epub") as zf:
        opf = etree.fromstring(zf.read("EPUB/package.opf"))
    (summary,) = [
        m for m in opf.iter(f"{OPF}meta") if m.get("property") == "schema:accessibilitySummary"
    ]
    assert summary.get(XML_LANG) is None
    assert summary.text.split(" ")[0] == label("epub.a11y.text", "ar").split(" ")[0]
    assert label("epub.a11y.style", "ar") in summary.text
    # the text edition's own words: the catalogue's, in the document's language
    text = (out / "text" / "ar.txt").read_text(encoding="utf-8")
    assert f"\n{label('notes.title', 'ar')}\n" in text
    assert label("text.source", "ar").replace("{1}", "Anna Kowalska") in text
    assert "\nNotes\n" not in text and "Source:" not in text
