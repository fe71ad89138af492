"""Critical apparatus: every reading of every entry reaches every format with its sigla,
markers and entries lead to each other, the witness switch has what it needs, and the
EpiDoc (location-referenced) and double-endpoint forms are keyed to their lines."""

from __future__ import annotations

import pytest

from tests.formats.html_support import unresolved_links
from tests.genres.support import NS, XML_ID, build, visible_text, words


@pytest.fixture(scope="module")
def parallel(tmp_path_factory):
    return build("apparatus", tmp_path_factory.mktemp("apparatus"))


@pytest.fixture(scope="module")
def external(tmp_path_factory):
    return build("apparatus-external", tmp_path_factory.mktemp("external"))


@pytest.fixture(scope="module")
def epidoc(tmp_path_factory):
    return build("epidoc-app-note", tmp_path_factory.mktemp("epidoc"))


def sigla_of(built, reading) -> list[str]:
    """The sigla a reading's @wit, @source and @resp stand for, from the TEI alone."""
    out = []
    for attr in ("wit", "source", "resp"):
        for token in (reading.get(attr) or "").split():
            ident = token.removeprefix("#")
            (el,) = built.tei_xpath(f"//*[@xml:id='{ident}']") or [None]
            if el is None:
                out.append(ident)
                continue
            named = el.xpath(
                "string(t:abbr[@type='siglum'] | t:idno[@type='siglum'])", namespaces=NS
            )
            siglum = el.get("n") or named or ident
            out.append(siglum.strip())
    return out


def reading_text(reading) -> str:
    return words("".join(reading.xpath(".//text()[not(ancestor::t:note)]", namespaces=NS)))


def test_every_reading_is_listed_with_its_sigla(parallel):
    apps = parallel.tei_xpath("//t:text//t:app")
    assert len(apps) == 6
    index = parallel.index
    for app in apps:
        n = apps.index(app) + 1
        lems = app.xpath("t:lem", namespaces=NS)
        addition = bool(lems) and not reading_text(lems[0])
        (entry,) = index.xpath(f"//section[@id='apparatus']//li[a[@class='backlink'][.='{n}']]")
        for reading in app.xpath(".//t:lem | .//t:rdg", namespaces=NS):
            cls = "app-lem" if reading.tag.endswith("lem") else "app-rdg"
            shown = [words(s.text_content()) for s in entry.xpath(f".//span[@class='{cls}']")]
            text = reading_text(reading)
            want = "add. " + text if cls == "app-rdg" and addition and text else text
            assert (want or "om.") in shown, (n, want, shown)
            for siglum in sigla_of(parallel, reading):
                sigla = [words(s.text_content()) for s in entry.xpath(".//*[@class='siglum']")]
                assert siglum in sigla, (n, siglum)
    # The whole entry reads as an apparatus line.
    first = index.xpath("//section[@id='apparatus']//li")[0]
    assert words(first.text_content()) == "1 line 1 erat A B ] fuit C"
    grouped = index.xpath("//section[@id='apparatus']//li")[3]
    assert "orthographic: conprehenderunt A; comprehendere Bentley" in words(grouped.text_content())
    assert grouped.xpath(".//a[@class='siglum'][@href='#wit-beta'][.='β']")
    detailed = words(index.xpath("//section[@id='apparatus']//li")[4].text_content())
    assert "ab deo B (corr. in marg.)" in detailed
    assert detailed.endswith("The preposition is normalised silently by later hands.")


def test_markers_and_entries_lead_to_each_other(parallel):
    index = parallel.index
    markers = index.xpath("//main//sup[@class='app-ref']/a")
    assert [m.text for m in markers] == ["1", "2", "3", "4", "5", "6"]
    for marker in markers:
        target = marker.get("href")[1:]
        (entry,) = index.xpath(f"//li[@id='{target}']")
        assert entry.xpath("a[@role='doc-backlink']/@href") == ["#" + marker.get("id")]
        assert marker.get("role") == "doc-noteref" and marker.get("data-popover-title")
    assert unresolved_links(parallel.html_dir) == []
    # The note inside an entry belongs to the entry, not to the endnotes.
    assert not index.xpath("//section[@class='endnotes']")


def test_the_text_shows_the_lemma_and_holds_every_reading_for_the_switch(parallel):
    index = parallel.index
    lines = index.xpath("//span[contains(@class, 'l')][@data-n]")
    # The marker follows the lemma, as a note reference follows its word.
    assert visible_text(lines[0]) == "In principio erat1 verbum"
    apps = index.xpath("//main//span[@class='app']")
    assert len(apps) == 6
    first = apps[0]
    assert [(r.get("class"), r.get("data-wit"), r.get("hidden")) for r in first] == [
        ("lem", "A B", None),
        ("rdg", "C", ""),  # hidden (an HTML boolean attribute)
    ]
    # A group of witnesses stands for its members.
    assert apps[3][0].get("data-wit") == "B C"
    # The switch offers every witness.
    options = index.xpath("//select[@id='witness-select']/option/@value")
    assert options == ["", "A", "B", "C"]
    witnesses = {
        dt.get("id"): words(dt.text_content())
        for dt in index.xpath("//section[@id='witnesses']//dt")
    }
    assert witnesses == {"wit-A": "A", "wit-beta": "β", "wit-B": "B", "wit-C": "C"}
    assert "Codex Ambrosianus, s. IX" in words(index.xpath("string(//section[@id='witnesses'])"))


def test_epub_entries_are_endnotes_with_back_links(parallel):
    docs = parallel.epub_docs
    apparatus = docs["apparatus.xhtml"]
    entries = apparatus.xpath("//h:ol[@class='apparatus']/h:li", namespaces=NS)
    assert len(entries) == 6
    for entry in entries:
        (back,) = entry.xpath("h:a[@role='doc-backlink']", namespaces=NS)
        doc, frag = back.get("href").split("#")
        (ref,) = docs[doc].xpath(f"//*[@id='{frag}']", namespaces=NS)
        assert ref.get("{http://www.idpf.org/2007/ops}type") == "noteref"
        assert ref.get("href") == f"apparatus.xhtml#{entry.get('id')}"
    # One reading in an e-book: the lemma.
    text = " ".join(" ".join(d.itertext()) for n, d in docs.items() if n.startswith("0"))
    assert "conprehenderunt" not in text and "comprehenderunt" in text
    assert "fuit C" in words(" ".join(apparatus.itertext()))


def test_text_apparatus_keyed_by_line_or_marker(parallel):
    text = parallel.text
    assert "Hic venit in testimonium ut testimonium perhiberet[a6] de lumine." in text
    part = text.split("\nApparatus\n=========\n")[1]
    lines = [words(x) for x in part.strip().split("\n\n")[0].split("\n")]
    assert lines[0] == "1 erat A B ] fuit C"
    assert lines[1] == "2 om. A ] add. semper B C"
    assert lines[2] == "3 lux A C ] om. B"
    assert "a6 ut testimonium perhiberet A ] testimonium perhibere B; om. C" in " ".join(lines)
    assert "\nWitnesses\n=========\n" in text
    assert "\nβ  β, the lost common source of B and C (B, C)\n" in text


def test_location_referenced_and_double_endpoint(external):
    index = external.index
    entries = index.xpath("//section[contains(@class, 'apparatus')]//li")
    assert [words(e.xpath("string(span[@class='app-line'])")) for e in entries] == [
        "line 2",
        "line 3",
        "line 1",
    ]
    # Markers stand at the line (location-referenced) or at the end anchor (double endpoint).
    ab = index.xpath("//section[contains(@class, 'edition')]//p")[0]
    assert words(visible_text(ab)).startswith("ΑΒΓ ΔΕΖ ΗΘΙ3 1 ΚΛΜ ΝΞΟ 2 ΠΡΣ ΤΥΦ")
    assert unresolved_links(external.html_dir) == []
    assert "1  ΔΕΖ ΗΘΙ ] ΔΕ ΗΘ Smith" in external.text


def test_epidoc_apparatus_note_reaches_every_format(epidoc):
    index = epidoc.index
    (entry,) = index.xpath("//section[contains(@class, 'apparatus')]//li")
    assert words(entry.text_content()) == "1 line 2 Smith 1990: ΔΕΗ"
    assert unresolved_links(epidoc.html_dir) == []
    assert "2  Smith 1990: ΔΕΗ" in epidoc.text
    chunks = " ".join(" ".join(d.itertext()) for d in epidoc.epub_docs.values())
    assert "Smith 1990: ΔΕΗ" in chunks
    assert XML_ID  # (imported for other genre tests)
