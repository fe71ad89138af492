"""The events register in the HTML and EPUB editions: its page, the timeline, name cards.

The document is the nested-events one of tests/test_registers.py: a congress at a place, with
sessions as parts (one in a listEvent inside the congress), a vote as part of a session, and
a person's life event that is no entry.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner

from tests.formats.epub_support import NS, Epub
from tests.test_registers import NESTED_EVENTS
from toolkit.cli import main

ORDER = ["ev-congress", "ev-s1", "ev-s1-vote", "ev-s2"]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("events")
    source = tmp / "events.xml"
    source.write_text(NESTED_EVENTS, encoding="utf-8")
    out = tmp / "out"
    result = CliRunner().invoke(
        main, ["build", str(source), "--format", "html,epub", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    return out


def page(built: Path, name: str):
    return lxml.html.parse(str(built / "html" / name)).getroot()


def facts(article) -> dict[str, list[str]]:
    """The entry's facts: label -> the hrefs of its links (or its words when it has none)."""
    out = {}
    for dt in article.xpath(".//dl[@class='facts']/dt"):
        dd = dt.getnext()
        links = dd.xpath(".//a/@href")
        out[dt.text_content()] = links or [" ".join(dd.text_content().split())]
    return out


def test_events_page_lists_every_event_in_date_order_with_parts(built):
    events = page(built, "events.html")
    articles = events.xpath("//main//article")
    # every event of the register, parts of parts included, in date order, once; the
    # person's life event is not among them
    assert [a.get("id") for a in articles] == ORDER
    assert len(events.xpath("//*[@id='ev-s2']")) == 1
    by_id = {a.get("id"): facts(a) for a in articles}
    assert by_id["ev-congress"] == {
        "Date": ["2 December 1927 to 19 December 1927"],
        "Place": ["places.html#pl-moscow"],
        "Parts": ["#ev-s1", "#ev-s2"],
    }
    assert by_id["ev-s1"] == {
        "Date": ["2 December 1927"],
        "Part of": ["#ev-congress"],
        "Parts": ["#ev-s1-vote"],
    }
    assert by_id["ev-s1-vote"] == {"Date": ["2 December 1927"], "Part of": ["#ev-s1"]}
    assert by_id["ev-s2"] == {"Date": ["3 December 1927"], "Part of": ["#ev-congress"]}
    lede = " ".join(events.xpath("string(//p[@class='lede'])").split())
    assert lede == "4 entries, in order of date. Each lists the passages that mention it."
    assert "events.html" in events.xpath("//nav//a/@href")


def test_event_mentions_link_both_ways(built):
    index = page(built, "index.html")
    names = index.xpath("//main//a[contains(@class, 'name')]")
    assert [(a.text_content(), a.get("href")) for a in names][:2] == [
        ("the first session", "events.html#ev-s1"),
        ("the congress", "events.html#ev-congress"),
    ]
    assert all(a.get("class").split() == ["name", "event"] for a in names[:2])
    events = page(built, "events.html")
    for eid in ("ev-s1", "ev-congress"):
        (back,) = events.xpath(f"//article[@id='{eid}']//ul[@class='mentions']//a/@href")
        anchor = back.split("#")[1]
        assert index.xpath(f"//*[@id='{anchor}']"), back


def test_timeline_rows_for_dated_events(built):
    timeline = page(built, "timeline.html")
    rows = timeline.xpath("//ol[@class='timeline']//li[@class='event']")
    assert [r.xpath("string(a/@href)") for r in rows] == [f"events.html#{e}" for e in ORDER]
    assert [r.xpath("string(span[@class='when'])") for r in rows][-1] == "3 December 1927"
    assert timeline.xpath("//li[@class='year']/@id") == ["year-1927"]


def test_name_cards_carry_event_dates(built):
    data = (built / "html" / "entries.js").read_text(encoding="utf-8")
    entries = json.loads(re.search(r"= (\{.*\});", data).group(1))
    assert entries["ev-congress"] == {
        "n": "Fifteenth Congress",
        "m": 1,
        "d": "2 December 1927 to 19 December 1927",
    }
    assert entries["ev-s2"]["m"] == 0 and entries["ev-s2"]["d"] == "3 December 1927"


def test_epub_has_an_events_appendix(built):
    book = Epub.open(built / "epub" / "events.epub")
    assert "register-events.xhtml" in book.spine()
    doc = book.docs["register-events.xhtml"]
    ids = doc.xpath("//h:article/@id", namespaces=NS)
    assert ids == ORDER
    landmarks = book.nav("landmarks").xpath(".//h:a/@href", namespaces=NS)
    assert "register-events.xhtml" in landmarks
    assert book.unresolved_links() == []


def test_the_text_edition_lists_every_event_with_its_dates_under_its_parent(tmp_path):
    """The registers appended to the text edition: each event with its own dates in words,
    its parts indented under it (a part in an event, or in a listEvent inside it); a
    person's life event is a fact of the person's entry, with its date."""
    source = tmp_path / "events.xml"
    source.write_text(NESTED_EVENTS, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["build", str(source), "--format", "text", "--appendices", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    text = (out / "text" / "events.txt").read_text(encoding="utf-8")
    assert "\nA. Event: expelled (1927).\n" in text
    events = text.split("Register of events\n==================\n\n", 1)[1]
    assert events.rstrip("\n").split("\n\n") == [
        "Fifteenth Congress (2 December 1927 to 19 December 1927).",
        "    First session (2 December 1927).",
        "        The vote (2 December 1927).",
        "    Second session (3 December 1927).",
    ]


BACK_LISTS = """<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader><fileDesc><titleStmt><title>Lists</title></titleStmt>
    <publicationStmt><p>teikit test</p></publicationStmt><sourceDesc><p>test</p></sourceDesc>
  </fileDesc></teiHeader>
  <text><body><p>The <rs type="event" ref="#ev-premiere">premiere</rs> and
    <persName ref="#pers-k">Kainz</persName>.</p></body>
  <back>
    <listEvent><event xml:id="ev-premiere" when="1900-12-01"><label>Premiere</label>
      <listPlace><place><placeName>Lobe-Theater</placeName></place></listPlace>
      <listPerson><person><persName>Adele Sandrock</persName></person></listPerson>
    </event></listEvent>
    <listPerson><person xml:id="pers-k"><persName>Josef Kainz</persName>
      <listEvent><event when="1899"><label>Guest performance in Vienna</label></event></listEvent>
    </person></listPerson>
  </back></text>
</TEI>
"""


def test_lists_inside_entries_of_the_back_are_in_every_edition(tmp_path):
    """A list of another kind inside an entry of a list in the text (the places and persons
    of an event, the events of a person) is rendered in the EPUB, whose lists in the text
    stand where they are, and so in the print edition; the HTML has them on their register
    pages, the text edition under their entry."""
    source = tmp_path / "lists.xml"
    source.write_text(BACK_LISTS, encoding="utf-8")
    out = tmp_path / "out"
    args = ["build", str(source), "--format", "html,epub,text", "--appendices"]
    result = CliRunner().invoke(main, [*args, "--out", str(out)])
    assert result.exit_code == 0, result.output
    nested = ["Lobe-Theater", "Adele Sandrock", "Guest performance in Vienna"]
    epub = Epub.open(out / "epub" / "lists.epub")
    back = " ".join(" ".join(epub.docs[name].itertext()) for name in epub.spine())
    for words in nested:
        assert back.count(words) == 1, (words, back)
    pages = ("places.html", "persons.html", "events.html")
    html = " ".join((out / "html" / p).read_text(encoding="utf-8") for p in pages)
    text = (out / "text" / "lists.txt").read_text(encoding="utf-8")
    for words in nested:
        assert words in html and words in text, words
    for name in pages:  # a page's count is of the entries it shows
        tree = lxml.html.parse(str(out / "html" / name)).getroot()
        shown = len(tree.xpath("//main//article[contains(@class, 'entry')]"))
        lede = tree.xpath("string(//p[@class='lede'])")
        assert lede.startswith(f"{shown} entr"), (name, lede, shown)
