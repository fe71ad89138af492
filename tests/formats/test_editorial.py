"""The editors' notes told apart from the author's in every format (xslt/common/editorial.xsl).

The stylesheets share `teikit check`'s definition of an editorial note
(toolkit.check.document.is_editorial): these tests hold the formats to the notes that
definition picks in a fixture with every case, and to the author's numbering without gaps.
"""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner
from lxml import etree

from tests.conftest import FIXTURES
from tests.formats.epub_support import NS, Epub, build_epub
from toolkit.check.document import is_editorial
from toolkit.cli import main

SOURCE = FIXTURES / "editorial-notes.xml"
TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def build(out: Path, *formats: str, ui_lang: str | None = None) -> Path:
    args = ["build", str(SOURCE), "--format", ",".join(formats), "--out", str(out)]
    if ui_lang:
        args += ["--ui-lang", ui_lang]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def tei():
    return etree.parse(str(SOURCE)).getroot()


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("editorial"), "html", "text")


def text_notes(tei) -> list:
    return list(tei.find(f"{TEI}text").iter(f"{TEI}note"))


def test_the_fixture_holds_every_case(tei):
    editorial = {n.get(XML_ID) for n in text_notes(tei) if is_editorial(n)}
    # by @type, by @resp alone, inside an editorial note, inside an author's note
    assert editorial == {"e1", "e2", "e2i", "e3"}
    # an author's note with a @resp and a @type saying it is the author's is not
    assert not is_editorial(tei.xpath("//*[@xml:id='a2']")[0])


def test_html_marks_the_notes_check_calls_editorial(built, tei):
    index = lxml.html.parse(str(built / "html" / "index.html")).getroot()
    refs = index.xpath("//a[@role='doc-noteref']")
    # the author's notes keep their series 1, 2, 3; the editors' have their own
    assert [a.text_content() for a in refs] == ["1", "ed. 1", "ed. 2", "2", "3"]
    top = [n for n in text_notes(tei) if n.getparent().tag != f"{TEI}note"]
    for a, note in zip(refs, top, strict=True):
        assert a.get("href") == "#" + note.get(XML_ID)
        editorial = "editorial" in a.getparent().get("class").split()
        assert editorial == is_editorial(note), note.get(XML_ID)
        want = f"Editors’ note {a.text_content()[4:]}" if editorial else f"Note {a.text_content()}"
        assert a.get("aria-label") == want
    # every editorial note, endnote or note inside a note, says whose it is, once
    section = index.xpath("//section[@id='notes']")[0]
    kinds = section.xpath(".//span[@class='note-kind']")
    assert len(kinds) == sum(is_editorial(n) for n in text_notes(tei)) == 4
    assert {k.text_content() for k in kinds} == {"Editors’ note"}
    for nid in ("e1", "e2"):
        (li,) = section.xpath(f"ol/li[@id='{nid}']")
        first = li.xpath(".//span[@class='note-kind']")[0]
        assert " ".join(li.text_content().split()).startswith(f"ed. {nid[1]} Editors’ note: ")
        assert first.getparent().tag == "p"  # at the head of the note, not inside another
    for nid in ("a1", "a2"):
        (li,) = section.xpath(f"ol/li[@id='{nid}']")
        assert not li.xpath(".//span[@class='note-kind']"), nid
    # the author's note 3 holds the editors' note on it, marked as theirs
    (inner,) = section.xpath("ol/li[@id='a3']//span[contains(@class, 'note-inline')]")
    assert inner.get("class").split() == ["note-inline", "editorial"]
    assert " ".join(inner.text_content().split()) == "[Editors’ note: The editors on note 3.]"


def test_html_register_entry_note_marked(built):
    persons = lxml.html.parse(str(built / "html" / "persons.html")).getroot()
    (desc,) = persons.xpath("//article[@id='pers-bea']//p[@class='desc']")
    assert " ".join(desc.text_content().split()) == (
        "Editors’ note: Her dates are unknown to the editors."
    )


def test_text_marks_and_labels_editorial_notes(built):
    text = (built / "text" / "editorial-notes.txt").read_text(encoding="utf-8")
    flat = " ".join(text.split())
    assert "Bea spoke.[1] Then more.[ed. 1] And more.[ed. 2] Later.[2] Last.[3]" in flat
    assert "[ed. 1] Editors’ note: An editors' note by its type." in flat
    inner = "(Editors’ note: Inside it.)"
    assert f"[ed. 2] Editors’ note: An editors' note by its resp. {inner}" in flat
    assert "[2] The author's second note, with a resp." in flat
    assert "[3] The author's third note. (Editors’ note: The editors on note 3.)" in flat
    assert flat.count("Editors’ note") == 4


def test_epub_marks_editorial_notes(tmp_path):
    book = Epub.open(build_epub(SOURCE, tmp_path))
    refs = [
        a
        for name in book.spine()
        for a in book.docs[name].xpath("//h:a[@epub:type='noteref']", namespaces=NS)
    ]
    # a note inside a note is an endnote of its own, called from the note it stands in
    assert [a.text for a in refs] == ["1", "ed. 1", "ed. 2", "2", "3", "ed. 3", "ed. 4"]
    assert [a.get("aria-label") for a in refs] == [
        "Note 1",
        "Editors’ note 1",
        "Editors’ note 2",
        "Note 2",
        "Note 3",
        "Editors’ note 3",
        "Editors’ note 4",
    ]
    notes = " ".join(book.docs["notes.xhtml"].xpath("string(//h:body)", namespaces=NS).split())
    assert notes.count("Editors’ note:") == 4
    assert book.unresolved_links() == []


def test_labels_follow_the_interface_language(tmp_path):
    out = build(tmp_path, "html", "text", ui_lang="de")
    index = lxml.html.parse(str(out / "html" / "index.html")).getroot()
    refs = index.xpath("//a[@role='doc-noteref']")
    assert [a.text_content() for a in refs] == ["1", "Hrsg. 1", "Hrsg. 2", "2", "3"]
    kinds = index.xpath("//section[@id='notes']//span[@class='note-kind']")
    # the interface's words in an English text carry their language
    assert {(k.text_content(), k.get("lang")) for k in kinds} == {
        ("Anmerkung der Herausgeber", "de")
    }
