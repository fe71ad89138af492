"""The EPUB 3 edition: the package checked structurally (OCF container, OPF metadata, manifest
and spine against the files, navigation against the TEI divisions, note references against
endnotes and back-links, names against registers), reproducible bytes, metadata from awkward
headers, any TEI (ELTeC), a golden canonical publication, and EPUBCheck 5.3 over all of them
in one Java process."""

from __future__ import annotations

import difflib
import random
import re
import shutil
import unicodedata
import uuid
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import EDITION, ELTEC, FIXTURES, HOSTILE, require_shared
from tests.formats.epub_support import (
    EPUB_TYPE,
    NS,
    XML_ID,
    Epub,
    build_epub,
    describe,
    epubcheck,
    tei,
    text,
    xml,
)
from toolkit import XSLT_DIR

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "epub"
CANONICAL = FIXTURES / "canonical.xml"
REGISTERS = FIXTURES / "registers-notes.xml"
PERSNAME_AUTHORS = FIXTURES / "epub" / "persname-authors.xml"
SOURCE_DATES = FIXTURES / "epub" / "source-dates.xml"
NOTES = FIXTURES / "epub" / "notes.xml"
DIVS = {f"div{i}" for i in range(1, 8)} | {"div"}


@pytest.fixture(scope="module")
def essay_path(tmp_path_factory) -> Path:
    return build_epub(EDITION, tmp_path_factory.mktemp("essay"))


@pytest.fixture(scope="module")
def essay(essay_path) -> Epub:
    return Epub.open(essay_path)


@pytest.fixture(scope="module")
def essay_tei():
    return tei(EDITION)


@pytest.fixture(scope="module")
def fixtures(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("fixtures")
    sources = [CANONICAL, REGISTERS, PERSNAME_AUTHORS, SOURCE_DATES, NOTES]
    sources.append(HOSTILE / "script-injection.xml")
    return {s.stem: build_epub(s, out / s.stem) for s in sources if s.exists()}


@pytest.fixture(scope="module")
def eltec(tmp_path_factory) -> dict[Path, Path]:
    require_shared(ELTEC)
    out = tmp_path_factory.mktemp("eltec")
    return {novel: build_epub(novel, out / novel.stem) for novel in sorted(ELTEC.glob("*.xml"))}


# ---- TEI side: what the publication must contain ------------------------------------------

HIDDEN = {"sic": "corr", "orig": "reg", "abbr": "expan"}


def reading_text(el) -> str:
    """An element's text as the edition reads it: notes left out, and of each choice the
    corrected reading only."""
    parts = []

    def walk(node):
        if node.text:
            parts.append(node.text)
        for child in node:
            local = child.tag.rsplit("}", 1)[-1] if isinstance(child.tag, str) else ""
            parent_choice = node.tag == f"{{{NS['t']}}}choice"
            hidden = (
                parent_choice
                and local in HIDDEN
                and node.find(f"t:{HIDDEN[local]}", NS) is not None
            )
            if local != "note" and not hidden and isinstance(child.tag, str):
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(el)
    return " ".join("".join(parts).split())


def tei_by_html_id(root, html_id: str):
    """The TEI element an HTML id was made from: its xml:id, else its path of positions."""
    found = root.xpath("//*[@xml:id=$id]", id=html_id)
    if found:
        return found[0]
    match = re.fullmatch(r"([A-Za-z][\w.]*)((?:-\d+)+)", html_id)
    if not match:
        return tei_by_content_id(root, html_id)
    el = root
    for step in match.group(2)[1:].split("-"):
        children = [c for c in el if isinstance(c.tag, str)]
        el = children[int(step) - 1]
    return el if el.tag.rsplit("}", 1)[-1] == match.group(1) else None


def tei_by_content_id(root, html_id: str):
    """The element without xml:id whose id was made from its first words (xslt/html/
    permalinks.xsl): "p-to-the-memory-of-4irc" is a p whose text begins "To the memory of"."""
    match = re.fullmatch(r"([A-Za-z]+)-([a-z0-9-]+)-[0-9a-z]{4}(?:-\d+)?", html_id)
    if not match:
        return None
    name, words = match.group(1), match.group(2).split("-")
    for el in root.iterfind(f".//t:text//t:{name}", NS):
        if el.get(XML_ID) is None:
            text = unicodedata.normalize("NFD", " ".join("".join(el.itertext()).split()))
            folded = re.findall(r"[a-z0-9]+", re.sub(r"[\u0300-\u036f]", "", text[:120]).lower())
            if folded[: len(words)] == words:
                return el
    return None


def tei_divisions(root) -> list:
    return [
        el
        for el in root.find("t:text", NS).iter()
        if isinstance(el.tag, str) and el.tag.rsplit("}", 1)[-1] in DIVS
    ]


def division_label(div) -> str | None:
    heads = [reading_text(h) for h in div.findall("t:head", NS)]
    heads = [h for h in heads if h]
    return " ".join(heads) if heads else None


# ---- OCF container -------------------------------------------------------------------------


def test_container_mimetype_first_stored_then_container_then_sorted(essay):
    names = [i.filename for i in essay.infos]
    first = essay.infos[0]
    assert first.filename == "mimetype"
    assert first.compress_type == zipfile.ZIP_STORED
    assert first.extra == b""
    assert essay.files["mimetype"] == b"application/epub+zip"
    assert names[1] == "META-INF/container.xml"
    assert names[2:] == sorted(names[2:])
    assert all(i.compress_type == zipfile.ZIP_DEFLATED for i in essay.infos[1:])
    assert len(set(names)) == len(names)
    # One timestamp for every entry: that of dcterms:modified (the edition's latest revision).
    assert {i.date_time for i in essay.infos} == {(2026, 12, 7, 0, 0, 0)}
    rootfiles = xml(essay.files["META-INF/container.xml"]).findall(".//c:rootfile", NS)
    assert [(r.get("full-path"), r.get("media-type")) for r in rootfiles] == [
        ("EPUB/package.opf", "application/oebps-package+xml")
    ]


# ---- Package document ---------------------------------------------------------------------


def test_opf_metadata_values(essay):
    m = essay.meta
    assert essay.opf.get("version") == "3.0"
    assert essay.opf.get("unique-identifier") == "pub-id"
    # Derived from the edition's idno (type teikit), not from the clock or at random.
    seed = "teikit:idno:teikit:chimes-at-midnight"
    assert m("//dc:identifier[@id='pub-id']") == [
        f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, seed)}"
    ]
    assert m("//dc:title") == ["The Chimes at Midnight", "Trotskyism in the USSR 1926-1938"]
    assert m("//opf:meta[@refines='#title'][@property='title-type']") == ["main"]
    assert m("//opf:meta[@refines='#subtitle'][@property='title-type']") == ["subtitle"]
    assert m("//dc:creator") == ["Doug Enaa Greene"]
    assert m("//opf:meta[@refines='#creator-1'][@property='file-as']") == ["Greene, Doug Enaa"]
    assert m("//opf:meta[@refines='#creator-1'][@property='role']") == ["aut"]
    assert m("//dc:contributor") == ["the teikit project editors"]
    assert m("//dc:language") == ["en"]
    assert m("//dc:date") == ["2026-12-07"]
    assert m("//dc:publisher") == ["The teikit project"]
    (rights,) = m("//dc:rights")
    assert rights.startswith("The text of the essay is the work of Doug Enaa Greene.")
    assert "rights in the essay remain with its author and first publisher" in rights
    (source,) = m("//dc:source")
    assert source.startswith("Doug Enaa Greene, “The Chimes at Midnight: Trotskyism in the USSR")
    assert "Links International Journal of Socialist Renewal, 13 October 2017" in source
    assert "Trotskyism" in m("//dc:subject")
    # The latest date the edition states for itself: its last revisionDesc change.
    assert m("//opf:meta[@property='dcterms:modified']") == ["2026-12-07T00:00:00Z"]


def test_opf_accessibility_metadata(essay):
    m = essay.meta
    assert m("//opf:meta[@property='schema:accessMode']") == ["textual"]
    assert m("//opf:meta[@property='schema:accessModeSufficient']") == ["textual"]
    features = set(m("//opf:meta[@property='schema:accessibilityFeature']"))
    assert {"structuralNavigation", "tableOfContents", "readingOrder", "index"} <= features
    assert m("//opf:meta[@property='schema:accessibilityHazard']") == ["none"]
    (summary,) = m("//opf:meta[@property='schema:accessibilitySummary']")
    assert "endnotes" in summary and "registers" in summary


def test_manifest_and_spine_match_the_files(essay):
    items = essay.opf.findall(".//opf:manifest/opf:item", NS)
    listed = {"EPUB/" + i.get("href") for i in items}
    packaged = set(essay.files) - {"mimetype", "META-INF/container.xml", "EPUB/package.opf"}
    assert listed == packaged
    assert len({i.get("id") for i in items}) == len(items)
    types = {i.get("href"): i.get("media-type") for i in items}
    for href, media_type in types.items():
        want = "text/css" if href.endswith(".css") else "application/xhtml+xml"
        assert media_type == want, href
    assert [i.get("href") for i in items if i.get("properties") == "nav"] == ["nav.xhtml"]
    spine = essay.spine()
    # Every content document is read, once, in order: front matter, contents, text, notes,
    # back matter, registers.
    assert sorted(spine) == sorted(h for h in types if h.endswith(".xhtml"))
    assert spine[:3] == ["001-titlepage.xhtml", "002-dedication.xhtml", "nav.xhtml"]
    assert spine[3:9] == [f"{i:03d}-sec-{i - 2}.xhtml" for i in range(3, 9)]
    assert spine[9:] == [
        "notes.xhtml",
        "009-bibliography.xhtml",
        "register-persons.xhtml",
        "register-places.xhtml",
        "register-organisations.xhtml",
        "register-events.xhtml",
    ]


def test_content_documents_are_xhtml_with_language_and_style(essay):
    for name, doc in essay.docs.items():
        assert doc.tag == f"{{{NS['h']}}}html", name
        assert (
            doc.get("lang") == "en"
            and doc.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
        )
        title = doc.find("h:head/h:title", NS)
        assert title is not None and text(title), name
        assert doc.find("h:head/h:link[@href='css/epub.css']", NS) is not None, name


# ---- Navigation ----------------------------------------------------------------------------


def test_nav_lists_every_division(essay, essay_tei):
    toc = essay.nav("toc")
    entries = []
    for a in toc.iterfind(".//h:a", NS):
        doc, target = essay.resolve(a.get("href"), "nav.xhtml")
        assert target is not None, a.get("href")
        if target.tag == f"{{{NS['h']}}}body":  # a whole document: its first section
            target = target[0]
            if target.tag == f"{{{NS['h']}}}main":  # the landmark round the content
                target = target[0]
        entries.append((text(a), target.get("id"), doc))
    divisions = tei_divisions(essay_tei)
    assert len(divisions) == 20
    by_id = {e[1]: e for e in entries}
    for div in divisions:
        div_id = div.get(XML_ID)
        label = division_label(div)
        if div_id:
            assert div_id in by_id, f"division {div_id} is not in the table of contents"
            assert by_id[div_id][0] == label
        else:  # the dedication: listed by its type
            assert div.get("type") == "dedication"
            assert ("Dedication", "002-dedication.xhtml") in {(e[0], e[2]) for e in entries}
    # In reading order, the first section and the subsections included.
    labels = [e[0] for e in entries]
    heads = [division_label(d) for d in divisions if division_label(d)]
    assert [x for x in labels if x in heads] == heads
    assert labels[2] == "I. Midnight in the Century"
    assert labels[:2] == ["Title page", "Dedication"]
    assert {"Notes", "Persons", "Places", "Organisations"} <= set(labels)


def test_nav_landmarks(essay):
    landmarks = {
        a.get(EPUB_TYPE): a.get("href") for a in essay.nav("landmarks").iterfind(".//h:a", NS)
    }
    assert landmarks == {
        "toc": "nav.xhtml#toc",
        "titlepage": "001-titlepage.xhtml",
        "bodymatter": "003-sec-1.xhtml",
        "endnotes": "notes.xhtml",
        "bibliography": "009-bibliography.xhtml",
        "index": "register-persons.xhtml",
    } | {"index": landmarks["index"]}
    indexes = [
        a.get("href")
        for a in essay.nav("landmarks").iterfind(".//h:a", NS)
        if a.get(EPUB_TYPE) == "index"
    ]
    assert indexes == [
        "register-persons.xhtml",
        "register-places.xhtml",
        "register-organisations.xhtml",
        "register-events.xhtml",
    ]


def test_every_internal_link_resolves(essay):
    assert essay.unresolved_links() == []
    assert len(essay.links()) > 3000


# ---- Notes ---------------------------------------------------------------------------------


def noterefs(book: Epub) -> list[tuple[str, object]]:
    """(document, a) of every note reference, in reading order."""
    return [
        (name, a)
        for name in book.spine()
        for a in book.docs[name].xpath("//h:a[@epub:type='noteref']", namespaces=NS)
    ]


def check_noteref(book: Epub, name: str, a) -> object:
    """The endnote a note reference leads to, after checking both ways of the link."""
    assert a.get("role") == "doc-noteref"
    doc, li = book.resolve(a.get("href"), name)
    assert li is not None, a.get("href")
    assert li.tag == f"{{{NS['h']}}}li" and li.get(EPUB_TYPE) == "endnote", a.get("href")
    section = li.xpath("ancestor::h:section[@role='doc-endnotes']", namespaces=NS)
    assert section and section[0].get(EPUB_TYPE) == "endnotes"
    backs = li.xpath(".//h:a[@role='doc-backlink']", namespaces=NS)
    assert len(backs) == 1, a.get("href")
    # The back-link leads to a reference to this note (the first, when there are several).
    back_doc, back = book.resolve(backs[0].get("href"), doc)
    assert back is not None and back.get(EPUB_TYPE) == "noteref", backs[0].get("href")
    assert book.resolve(back.get("href"), back_doc)[1] is li
    return li


def test_189_noterefs_each_with_its_endnote_and_back_link(essay, essay_tei):
    refs = noterefs(essay)
    numbered = [(name, a) for name, a in refs if a.text.isdigit()]
    assert [a.text for _, a in numbered] == [str(i) for i in range(1, 190)]
    tei_notes = {n.get(XML_ID): n for n in essay_tei.iterfind(".//t:text//t:note[@n]", NS)}
    assert len(tei_notes) == 189
    for name, a in numbered:
        li = check_noteref(essay, name, a)
        note = tei_notes[li.get("id")]
        assert note.get("n") == a.text
        # The endnote is that note: its number, then its text.
        assert text(li).startswith(a.text + " ")
        assert reading_text(note)[:40] in text(li), li.get("id")
    # The editors' notes inside the essay's notes (7, 108, 142) have no number: they are
    # endnotes of their own, marked in the editors' series ("ed. 1") apart from the author's
    # numbers, and referenced from the endnote they stand in.
    inner = essay_tei.xpath("//t:text//t:note//t:note", namespaces=NS)
    assert len(inner) == 3 and all(n.get("n") is None for n in inner)
    assert all(n.get("type") == "editorial" for n in inner)
    marked = [(name, a.text) for name, a in refs if not a.text.isdigit()]
    assert marked == [("notes.xhtml", f"ed. {i}") for i in range(1, len(inner) + 1)]
    for _, a in refs:
        editorial = a.text.startswith("ed. ")
        want = f"Editors’ note {a.text[4:]}" if editorial else f"Note {a.text}"
        assert a.get("aria-label") == want
    assert len(refs) == len(numbered) + len(inner) == 189 + 3
    endnotes = essay.docs["notes.xhtml"].xpath("//h:li[@epub:type='endnote']", namespaces=NS)
    assert len(endnotes) == 189 + 3
    targets = [urlsplit(a.get("href")).fragment for _, a in refs]
    assert sorted(targets) == sorted(li.get("id") for li in endnotes)


def test_endnotes_grouped_under_the_documents_that_call_them(essay):
    groups = essay.docs["notes.xhtml"].xpath("//h:section[@class='notes-group']", namespaces=NS)
    heads = [text(g.find("h:h2", NS)) for g in groups]
    assert heads[:2] == ["I. Midnight in the Century", "II. The United Opposition"]
    assert heads[-1] == "VI. Conclusion"
    for group in groups:
        (link,) = group.findall("h:h2/h:a", NS)
        for back in group.xpath(".//h:a[@role='doc-backlink']", namespaces=NS):
            # a note inside a note is called from its endnote, here in notes.xhtml
            home = "notes.xhtml#" if back.text.startswith("ed. ") else link.get("href") + "#"
            assert back.get("href").startswith(home)


def test_notes_fixture_inline_nested_hidden_and_detached(fixtures):
    book = Epub.open(fixtures["notes"])
    refs = noterefs(book)
    for name, a in refs:
        check_noteref(book, name, a)
    by_label = [(name, a.text) for name, a in refs]
    assert by_label == [
        ("002-preface.xhtml", "ed. 1"),  # an editors' note: their own series, not lettered
        ("003-ch1.xhtml", "1"),
        ("003-ch1.xhtml", "2"),
        ("003-ch1.xhtml", "i"),  # ref "[i]" to a detached note: the source's mark
        ("003-ch1.xhtml", "i"),  # ptr to the same note
        ("003-ch1.xhtml", "b"),  # empty ref: the edition's letter (the editors' note aside)
        ("004-ch2.xhtml", "3"),
        ("notes.xhtml", "1a"),  # the note inside note 1
    ]
    # The note inside the reading not shown (sic) is not there, nor its endnote.
    for doc in book.docs.values():
        assert "A note on the slip" not in text(doc)
    # Detached notes stay in their division, which becomes the endnotes section.
    back = book.docs["005-backnotes.xhtml"]
    (section,) = back.xpath("//h:section[@id='backnotes']", namespaces=NS)
    assert section.get(EPUB_TYPE) == "endnotes" and section.get("role") == "doc-endnotes"
    assert [li.get("id") for li in section.iterfind(".//h:li", NS)] == ["d1", "d2"]
    # A note that opens with its own mark ("i. ...") is not given it twice.
    d1 = back.xpath("//h:li[@id='d1']", namespaces=NS)[0]
    assert text(d1).startswith("\u21a9\ufe0e i. A detached note")
    # A cross-reference to a note leads to it.
    (see,) = book.docs["notes.xhtml"].xpath("//h:a[.='note 1']", namespaces=NS)
    assert see.get("href") == "notes.xhtml#n1"
    assert book.unresolved_links() == []


# ---- Registers and bibliography ------------------------------------------------------------


def test_names_in_the_text_link_to_register_entries(essay, essay_tei):
    registers = {"persons": "person", "places": "place", "organisations": "org", "events": "event"}
    for key, element in registers.items():
        doc = essay.docs[f"register-{key}.xhtml"]
        entries = doc.xpath("//h:article[contains(@class, 'entry')]", namespaces=NS)
        tei_entries = essay_tei.findall(f".//t:standOff//t:{element}", NS)
        assert {e.get("id") for e in entries} == {e.get(XML_ID) for e in tei_entries}
    links = [
        (name, a)
        for name, a, href in essay.links()
        if href.startswith("register-") and not name.startswith("register-")
    ]
    assert len(links) > 1000
    linked = {urlsplit(a.get("href")).fragment for _, a in links}
    # Every entry named outside a citation (citations are links to the bibliography, and a
    # link holds no other link).
    # A name inside the name of an event ("the Kronstadt naval revolt") is part of the event's
    # link.
    mentioned = {
        ref[1:]
        for el in essay_tei.xpath(
            ".//t:text//*[@ref][not(ancestor::t:bibl)][not(ancestor::t:rs[@type='event'])]",
            namespaces=NS,
        )
        # a name pointing at several entries links to the first (the register lists it in all)
        for ref in el.get("ref").split()[:1]
        if el.tag.rsplit("}", 1)[-1] in ("persName", "placeName", "orgName")
        or (el.tag == f"{{{NS['t']}}}rs" and el.get("type") == "event")
    }
    standoff_ids = {
        e.get(XML_ID) for e in essay_tei.xpath(".//t:standOff//*[@xml:id]", namespaces=NS)
    }
    assert mentioned & standoff_ids <= linked


def test_register_entries_link_back_to_every_passage_that_mentions_them(essay, essay_tei):
    checked = 0
    for key in ("persons", "places", "organisations"):
        name = f"register-{key}.xhtml"
        for entry in essay.docs[name].xpath(
            "//h:article[contains(@class, 'entry')]", namespaces=NS
        ):
            eid = entry.get("id")
            for a in entry.xpath(".//h:ul[@class='mentions']//h:a", namespaces=NS):
                _doc, passage = essay.resolve(a.get("href"), name)
                assert passage is not None, a.get("href")
                # The passage, in the TEI, points at the entry.
                source = tei_by_html_id(essay_tei, passage.get("id"))
                assert source is not None, a.get("href")
                assert source.xpath(
                    ".//*[contains(concat(' ', @ref, ' '), $ref)]", namespaces=NS, ref=f" #{eid} "
                ), (eid, a.get("href"))
                checked += 1
    assert checked > 500


def test_bibliography_is_an_appendix_the_notes_cite(essay, essay_tei):
    doc = essay.docs["009-bibliography.xhtml"]
    (section,) = doc.xpath("//h:section[@id='bibliography']", namespaces=NS)
    assert section.get(EPUB_TYPE) == "bibliography" and section.get("role") == "doc-bibliography"
    entries = {li.get("id") for li in doc.xpath("//h:li[contains(@class, 'bibl')]", namespaces=NS)}
    tei_bibls = {b.get(XML_ID) for b in essay_tei.iterfind(".//t:back//t:listBibl/t:bibl", NS)}
    assert entries == tei_bibls
    cites = essay.docs["notes.xhtml"].xpath("//h:a[contains(@class, 'bibl')]", namespaces=NS)
    assert len(cites) > 150
    assert {urlsplit(a.get("href")).fragment for a in cites} <= entries
    assert {urlsplit(a.get("href")).path for a in cites} == {"009-bibliography.xhtml"}


# ---- Style sheet ---------------------------------------------------------------------------


def test_css_suits_e_readers():
    css = (XSLT_DIR / "epub" / "assets" / "epub.css").read_text(encoding="utf-8")
    rules = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    assert not re.search(r"\d(px|pt|pc|cm|mm|in|q)\b", rules, re.I), "absolute units"
    assert not re.search(r"font-family|background|\bwidth\s*:", rules, re.I)
    # No colour of its own: at most the text's colour, inherited.
    assert set(re.findall(r"(?<![-\w])color\s*:\s*([^;}]+)", rules)) <= {"inherit"}
    assert not re.search(r"position\s*:\s*fixed", rules)
    assert "font-size: 0.75em" in rules  # sizes are relative


# ---- Reproducibility -----------------------------------------------------------------------


def test_two_builds_give_identical_bytes(essay_path, tmp_path):
    again = build_epub(EDITION, tmp_path / "again")
    assert again.read_bytes() == essay_path.read_bytes()


def test_source_date_epoch_sets_modified_and_zip_times(essay_path, tmp_path):
    env = {"SOURCE_DATE_EPOCH": "1700000000"}
    first = build_epub(EDITION, tmp_path / "a", env=env)
    second = build_epub(EDITION, tmp_path / "b", env=env)
    assert first.read_bytes() == second.read_bytes()
    assert first.read_bytes() != essay_path.read_bytes()
    book = Epub.open(first)
    assert book.meta("//opf:meta[@property='dcterms:modified']") == ["2023-11-14T22:13:20Z"]
    assert {i.date_time for i in book.infos} == {(2023, 11, 14, 22, 13, 20)}
    # Only the date differs from the build without SOURCE_DATE_EPOCH.
    plain = Epub.open(essay_path)
    assert {n: d for n, d in book.files.items() if n != "EPUB/package.opf"} == {
        n: d for n, d in plain.files.items() if n != "EPUB/package.opf"
    }


# ---- Metadata from awkward headers ---------------------------------------------------------


def test_authors_marked_up_as_persname(fixtures):
    book = Epub.open(fixtures["persname-authors"])
    creators = book.opf.findall(".//dc:creator", NS)
    got = []
    for c in creators:
        (file_as,) = book.meta(f"//opf:meta[@refines='#{c.get('id')}'][@property='file-as']")
        got.append((c.text, file_as))
    assert got == [
        ("Mary Wollstonecraft Shelley", "Shelley, Mary Wollstonecraft"),
        ("Ludwig van Beethoven", "Beethoven, Ludwig van"),
        ("Martin Luther King Jr.", "King, Martin Luther, Jr."),
        ("John William Polidori", "Polidori, John William"),
    ]
    assert book.meta("//dc:contributor") == ["Ann Editor"]
    assert book.meta("//opf:meta[@refines='#contributor-1'][@property='role']") == ["edt"]
    assert book.meta("//dc:title") == ["Letters from the Lake", "A Test Edition"]
    assert book.meta("//dc:rights") == ["CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)"]
    page = book.docs["001-titlepage.xhtml"]
    assert [text(p) for p in page.iterfind(".//h:p[@class='author']", NS)] == [
        c.text for c in creators
    ]


def test_several_dates_in_the_source_description(fixtures, tmp_path):
    book = Epub.open(fixtures["source-dates"])
    assert book.meta("//dc:date") == ["2020-02-29"]
    assert book.meta("//dc:identifier") == ["urn:doi:10.5555/dated-novel"]
    assert book.meta("//dc:source") == [
        "The Dated Novel. Author, Anne. Smith. London. 1851",
        "The Dated Novel. March to November 1852. circa 1860",
        "The Dated Novel: a digital copy. Archive. 2019-12-01",
    ]
    # The latest date the edition states for itself: its last revision.
    assert book.meta("//opf:meta[@property='dcterms:modified']") == ["2020-03-15T00:00:00Z"]
    # Without a publication date, no dc:date at all, rather than one of the source's.
    undated = tmp_path / "source-dates.xml"
    undated.write_text(
        re.sub(r"<date when=\"2020-02-29\">[^<]*</date>", "", SOURCE_DATES.read_text("utf-8")),
        encoding="utf-8",
    )
    book = Epub.open(build_epub(undated, tmp_path / "out"))
    assert book.meta("//dc:date") == []
    assert book.meta("//opf:meta[@property='dcterms:modified']") == ["2020-03-15T00:00:00Z"]


def test_identifiers_are_distinct_and_stable(essay, eltec, fixtures):
    ids = [Epub.open(p).meta("//dc:identifier")[0] for p in [*eltec.values(), *fixtures.values()]]
    ids.append(essay.meta("//dc:identifier")[0])
    assert len(set(ids)) == len(ids)


# ---- Any TEI -------------------------------------------------------------------------------


def test_canonical_fixture_through_the_cli(fixtures):
    book = Epub.open(fixtures["canonical"])
    assert book.spine() == [
        "001-titlepage.xhtml",
        "nav.xhtml",
        "002-ch1.xhtml",
        "003-ch2.xhtml",
        "notes.xhtml",
    ]
    assert book.meta("//dc:creator") == ["Ann Editor"]
    assert book.meta("//dc:date") == ["2024-05-01"]
    refs = noterefs(book)
    assert [a.text for _, a in refs] == ["1"]
    check_noteref(book, *refs[0])
    assert book.unresolved_links() == []


def test_every_eltec_novel(eltec):
    assert len(eltec) == 19
    for source, path in eltec.items():
        book = Epub.open(path)
        root = tei(source)
        assert book.unresolved_links() == [], source.name
        listed = {"EPUB/" + i.get("href") for i in book.opf.iterfind(".//opf:item", NS)}
        assert listed == set(book.files) - {
            "mimetype",
            "META-INF/container.xml",
            "EPUB/package.opf",
        }
        # Every division in the table of contents, with its headings.
        toc_labels = [text(a) for a in book.nav("toc").iterfind(".//h:a", NS)]
        for div in tei_divisions(root):
            label = division_label(div)
            if label:
                assert label in toc_labels, (source.name, label)
        n_divs = len(tei_divisions(root))
        assert len(toc_labels) >= n_divs + 1, source.name  # + the title page
        # The author's name from "Surname, Forename (dates)".
        author = " ".join(root.find(".//t:titleStmt/t:author", NS).itertext()).strip()
        (creator,) = book.opf.findall(".//dc:creator", NS)
        assert not re.search(r"[\d()\[\]]", creator.text), creator.text
        (file_as,) = book.meta("//opf:meta[@refines='#creator-1'][@property='file-as']")
        assert author.startswith(file_as.split(",")[0] + ","), (author, file_as)
        # Notes pointed at from the text (ref target="#note") are note references.
        pointed = {
            t[1:]
            for r in root.iterfind(".//t:text//t:ref[@target]", NS)
            for t in r.get("target").split()
            if t.startswith("#")
        }
        notes = {n.get(XML_ID) for n in root.iterfind(".//t:text//t:note", NS)} & pointed
        refs = noterefs(book)
        assert {urlsplit(a.get("href")).fragment for _, a in refs} == notes, source.name
        for name, a in refs:
            check_noteref(book, name, a)
        # Page breaks of the source are in the page list.
        pbs = [pb for pb in root.iterfind(".//t:text//t:pb[@n]", NS) if pb.get("n").strip()]
        page_list = book.docs["nav.xhtml"].xpath(
            "//h:nav[@epub:type='page-list']//h:a", namespaces=NS
        )
        assert len(page_list) == len(pbs), source.name


def test_script_injection_stays_text(fixtures):
    book = Epub.open(fixtures["script-injection"])
    for name, data in book.files.items():
        lowered = data.decode("utf-8", "replace").lower()
        assert "<script" not in lowered, name
        assert "javascript:" not in lowered, name
        assert not re.search(r"<[^>]+\son\w+\s*=", lowered), name


# ---- Generated documents -------------------------------------------------------------------

RANDOM_DOCUMENTS = 30


def random_tei(seed: int) -> str:
    """A TEI document made of the structures an EPUB must cope with, drawn at random: nested
    and headless divisions, notes inline, nested, in a reading not shown and detached,
    pointers, names linked to registers, page breaks, lists, verse, tables, odd text."""
    rnd = random.Random(seed)
    ids = iter(f"x{seed}-{i}" for i in range(10_000))
    persons = [f"p{seed}-{i}" for i in range(rnd.randint(0, 4))]
    detached: list[str] = []
    odd = ["plain", "a & b", "“quoted”", "<not a tag>", "naïve Ærø", "日本語", "—", " ", "x" * 40]

    def words() -> str:
        return (
            " ".join(rnd.choice(odd) for _ in range(rnd.randint(1, 5)))
            .replace("&", "&amp;")
            .replace("<", "&lt;")
        )

    def inline(depth: int) -> str:
        out = [words()]
        for _ in range(rnd.randint(0, 4)):
            kind = rnd.choice(["note", "name", "hi", "choice", "pb", "ref", "title", "lb"])
            if kind == "note" and depth < 2:
                n = f' n="{rnd.randint(1, 99)}"' if rnd.random() < 0.7 else ""
                out.append(f'<note{n} xml:id="{next(ids)}">{inline(depth + 1)}</note>')
            elif kind == "name" and persons:
                out.append(f'<persName ref="#{rnd.choice(persons)}">{words()}</persName>')
            elif kind == "hi":
                out.append(
                    f'<hi rend="{rnd.choice(["italic", "bold", "sup", "x"])}">{words()}</hi>'
                )
            elif kind == "choice":
                note = f"<note>{words()}</note>" if rnd.random() < 0.3 else ""
                out.append(f"<choice><sic>{words()}{note}</sic><corr>{words()}</corr></choice>")
            elif kind == "pb":
                out.append(f'<pb n="{rnd.choice(["1", "ii", "12a", " "])}"/>')
            elif kind == "ref":
                target = f"#d{seed}-{len(detached)}"
                detached.append(target[1:])
                out.append(
                    rnd.choice(
                        [
                            f'<ref target="{target}">[{len(detached)}]</ref>',
                            f'<ptr target="{target}"/>',
                        ]
                    )
                )
            elif kind == "title":
                out.append(f"<title>{words()}</title>")
            elif kind == "lb":
                out.append("<lb/>")
            out.append(words())
        return "".join(out)

    def block(depth: int) -> str:
        kind = rnd.choice(["p", "p", "p", "list", "lg", "quote", "table", "figure"])
        if kind == "list":
            items = "".join(f"<item>{inline(depth)}</item>" for _ in range(rnd.randint(1, 3)))
            return f'<list type="{rnd.choice(["ordered", "bulleted"])}">{items}</list>'
        if kind == "lg":
            return "<lg>" + "".join(f"<l>{words()}</l>" for _ in range(3)) + "</lg>"
        if kind == "quote":
            return f"<quote><p>{inline(depth)}</p></quote>"
        if kind == "table":
            return f"<table><row><cell>{words()}</cell><cell>{words()}</cell></row></table>"
        if kind == "figure":
            return f"<figure><figDesc>{words()}</figDesc></figure>"
        return f"<p>{inline(depth)}</p>"

    def div(depth: int) -> str:
        head = f"<head>{inline(1)}</head>" if rnd.random() < 0.8 else ""
        ident = f' xml:id="{next(ids)}"' if rnd.random() < 0.5 else ""
        kind = rnd.choice(["chapter", "section", "part", "preface", "odd type", ""])
        content = "".join(block(depth) for _ in range(rnd.randint(0, 3)))
        if depth < 3 and rnd.random() < 0.4:
            content += "".join(div(depth + 1) for _ in range(rnd.randint(1, 3)))
        return f'<div type="{kind}"{ident}>{head}{content}</div>'

    body = "".join(div(1) if rnd.random() < 0.8 else block(1) for _ in range(rnd.randint(1, 5)))
    front = f"<front>{div(1)}</front>" if rnd.random() < 0.4 else ""
    notes = "".join(f'<note xml:id="{d}">{words()}</note>' for d in detached)
    back = f'<back><div type="notes">{notes}</div></back>' if notes else ""
    people = "".join(
        f'<person xml:id="{p}"><persName>{words()}</persName></person>' for p in persons
    )
    standoff = f"<standOff><listPerson>{people}</listPerson></standOff>" if persons else ""
    author = rnd.choice([
        "<author>Surname, Forename (1800-1870)</author>",
        "<author><persName><forename>Ann</forename><surname>Writer</surname></persName></author>",
        "<author/>",
        "",
    ])  # fmt: skip
    date = rnd.choice(['<date when="2021-03-04"/>', "<date>circa 1850</date>", ""])
    lang = rnd.choice(['xml:lang="en"', 'xml:lang="fre"', 'xml:lang="he"', ""])
    return (
        f'<TEI xmlns="http://www.tei-c.org/ns/1.0" {lang}><teiHeader><fileDesc><titleStmt>'
        f"<title>{words() if rnd.random() < 0.9 else ''}</title>{author}</titleStmt>"
        f"<publicationStmt><publisher>{words()}</publisher>{date}</publicationStmt>"
        f'<sourceDesc><bibl>{words()}<date when="1851"/><date>1852</date></bibl></sourceDesc>'
        f"</fileDesc></teiHeader>{standoff}<text>{front}<body>{body}</body>{back}</text></TEI>"
    )


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> list[Path]:
    out = tmp_path_factory.mktemp("generated")
    books = []
    for seed in range(RANDOM_DOCUMENTS):
        source = out / f"random-{seed:02d}.xml"
        source.write_text(random_tei(seed), encoding="utf-8")
        books.append(build_epub(source, out / source.stem))
    return books


def test_generated_documents_make_sound_publications(generated):
    for path in generated:
        book = Epub.open(path)
        assert book.unresolved_links() == [], path.name
        listed = {"EPUB/" + i.get("href") for i in book.opf.iterfind(".//opf:item", NS)}
        assert listed == set(book.files) - {
            "mimetype",
            "META-INF/container.xml",
            "EPUB/package.opf",
        }
        assert len(book.meta("//dc:date")) <= 1, path.name
        assert all(book.meta("//dc:title | //dc:creator | //dc:language")), path.name
        for a in book.nav("toc").iterfind(".//h:a", NS):
            assert text(a), path.name
        for name, a in noterefs(book):
            check_noteref(book, name, a)


# ---- Golden files: the canonical fixture ---------------------------------------------------

_BLOCK = re.compile(
    r"><(?=/?(?:p|li|ol|ul|div|section|article|header|nav|h[1-6]|blockquote|figure|head|body|"
    r"meta|link|title|package|metadata|manifest|spine|item|itemref|dc:\w+)\b)"
)


def test_golden_canonical(fixtures, request):
    """The canonical fixture's publication, file by file (one block element a line)."""
    book = Epub.open(fixtures["canonical"])
    golden = GOLDEN / "canonical"
    update = request.config.getoption("--update-golden")
    got = {
        "entries.txt": "".join(
            f"{i.filename} {'stored' if i.compress_type == zipfile.ZIP_STORED else 'deflated'}\n"
            for i in book.infos
        )
    }
    for name, data in book.files.items():
        if name.endswith((".xhtml", ".opf", ".xml")):
            got[name.replace("/", "_")] = _BLOCK.sub(">\n<", data.decode("utf-8"))
    if update:
        shutil.rmtree(golden, ignore_errors=True)
        golden.mkdir(parents=True)
        for name, content in got.items():
            (golden / name).write_text(content, encoding="utf-8")
    assert sorted(p.name for p in golden.iterdir()) == sorted(got)
    problems = []
    for name, content in got.items():
        want = (golden / name).read_text(encoding="utf-8")
        if content != want:
            diff = difflib.unified_diff(
                want.splitlines(), content.splitlines(), name, name, lineterm=""
            )
            problems.append("\n".join(list(diff)[:30]))
    assert not problems, "differs from golden (pytest --update-golden):\n" + "\n".join(problems)


# ---- EPUBCheck 5.3 -------------------------------------------------------------------------


def break_manifest(good: Path, broken: Path) -> Path:
    """A copy of a publication whose manifest has lost the notes document."""
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(broken, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "EPUB/package.opf":
                data = re.sub(rb'<item id="item-notes"[^>]*/>', b"", data)
            dst.writestr(info, data)
    return broken


@pytest.fixture(scope="module")
def epubcheck_report(essay_path, eltec, fixtures, generated, tmp_path_factory):
    """EPUBCheck over every publication built here, in one Java process; a deliberately
    broken one goes with them, to show that the check can fail."""
    out = tmp_path_factory.mktemp("epubcheck")
    broken = break_manifest(essay_path, out / "broken.epub")
    books = [essay_path, *eltec.values(), *fixtures.values(), *generated, broken]
    return epubcheck(books, out / "reports")


def test_epubcheck_essay_no_errors_no_warnings(essay_path, epubcheck_report):
    assert epubcheck_report[essay_path] == [], describe(epubcheck_report[essay_path])


def test_epubcheck_eltec_no_errors_no_warnings(eltec, epubcheck_report):
    novels = set(eltec.values())
    assert len(novels & set(epubcheck_report)) == 19
    failing = {p.name: m for p, m in epubcheck_report.items() if p in novels and m}
    assert not failing, "\n".join(f"{n}:\n{describe(m)}" for n, m in failing.items())


def test_epubcheck_fixtures_no_errors_no_warnings(fixtures, epubcheck_report):
    books = set(fixtures.values())
    failing = {p.name: m for p, m in epubcheck_report.items() if p in books and m}
    assert not failing, "\n".join(f"{n}:\n{describe(m)}" for n, m in failing.items())


def test_epubcheck_generated_documents_no_errors_no_warnings(generated, epubcheck_report):
    books = set(generated)
    failing = {p.name: m for p, m in epubcheck_report.items() if p in books and m}
    assert not failing, "\n".join(f"{n}:\n{describe(m)}" for n, m in failing.items())


def test_epubcheck_reports_a_broken_publication(epubcheck_report):
    (broken,) = [p for p in epubcheck_report if p.name == "broken.epub"]
    assert any(m["severity"] == "ERROR" for m in epubcheck_report[broken])
