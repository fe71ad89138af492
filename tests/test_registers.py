"""The register reader: entries and mentions from wherever a TEI document keeps them."""

from __future__ import annotations

import pytest

from tests.conftest import EDITION, ELTEC, FIXTURES, require_shared
from toolkit import registers
from toolkit.registers import Pointer, identifier_key, parse_geo, resolve_pointer
from toolkit.source import load

CHECK = FIXTURES / "check"


def read(name: str) -> registers.Registers:
    return registers.read(load(CHECK / f"{name}.xml"))


def test_standoff_registers_names_variants_identifiers_dates_geo():
    regs = read("untagged-name")
    assert [e.id for e in regs.entries] == [
        "pers-ada", "pers-babbage", "place-london", "bib-menabrea-1843"
    ]  # fmt: skip
    ada = regs.by_id["pers-ada"]
    assert ada.kind == "person" and ada.section == "standOff"
    assert ada.label == "Ada Lovelace"
    assert [(n.text, n.type, n.main, n.derived) for n in ada.names] == [
        ("Ada Lovelace", None, True, False),
        ("Countess of Lovelace", "variant", False, False),
        ("Lovelace", "surname", False, True),
    ]
    assert ada.names[0].forenames == ("Ada",) and ada.names[0].surnames == ("Lovelace",)
    assert [(i.type, i.value, i.key) for i in ada.identifiers] == [
        ("wikidata", "Q7259", ("wikidata", "Q7259"))
    ]
    assert [(d.kind, d.get("when")) for d in ada.dates] == [
        ("birth", "1815-12-10"),
        ("death", "1852-11-27"),
    ]
    london = regs.by_id["place-london"]
    assert london.type == "city" and london.coordinates == (51.507, -0.128)
    assert london.geo == "51.507 -0.128"
    assert regs.counts() == {
        "person": 2, "place": 1, "org": 0, "event": 0, "object": 0, "work": 1
    }  # fmt: skip


def test_registers_in_back_with_rs_mentions():
    regs = read("registers-in-back-rs")
    goethe = regs.by_id["p-goethe"]
    assert goethe.section == "back" and goethe.list_type == "correspondents"
    assert goethe.details == {"occupation": ["poet"], "@sex": ["1"]}
    assert regs.by_id["p-herder"].list_type == "mentioned"
    assert [(m.element, m.type, m.targets, m.text, m.passage, m.note) for m in regs.mentions] == [
        ("rs", "place", ("pl-weimar",), "Weimar", "letter-1", None),
        ("rs", "person", ("p-schiller",), "Friend", "l1-p1", None),
        ("rs", "person", ("p-schiller",), "Schiller", "l1-p1", None),
        ("rs", "person", ("p-herder",), "Herder", "l1-n1", "l1-n1"),
        ("rs", "person", ("p-goethe",), "G.", "letter-1", None),
    ]
    assert [(m.line, m.column) for m in regs.mentions] == [
        (13, 27), (14, 32), (14, 81), (14, 199), (15, 25)
    ]  # fmt: skip
    assert [m.text for m in regs.mentions_of("p-schiller")] == ["Friend", "Schiller"]


def test_registers_in_the_header_events_nested_places_and_name_uris():
    regs = read("registers-in-header")
    assert {e.id: e.section for e in regs.entries} == {
        "pers-ada": "teiHeader",
        "ev-sketch": "teiHeader",
        "pers-babbage": "teiHeader",  # particDesc holds a person without listPerson
        "place-england": "teiHeader",
        "place-london": "teiHeader",
    }
    ada = regs.by_id["pers-ada"]
    # Name parts without a space between them are read as separate words.
    assert ada.names[0].text == "Ada Lovelace"
    assert ada.names[1].lang == "it"
    assert [i.key for i in ada.identifiers] == [("wikidata", "Q7259")]
    babbage = regs.by_id["pers-babbage"]
    assert babbage.names[0].text == "Charles von Babbage"
    assert [n.text for n in babbage.names if n.derived] == ["von Babbage"]
    assert [i.key for i in babbage.identifiers] == [("viaf", "39381052")]
    event = regs.by_id["ev-sketch"]
    assert event.kind == "event" and event.label == "Publication of the Sketch"
    assert event.dates[0].get("when") == "1843"
    assert event.description == "The translation with notes appears."
    assert regs.by_id["place-london"].parent == "place-england"


def test_mentions_resolve_prefixes_own_file_and_multiple_targets():
    regs = read("registers-in-header")
    by_text = {m.text: m for m in regs.mentions}
    assert by_text["Babbage"].targets == ("pers-babbage",)
    assert regs.mentions[0].pointers == (Pointer("ref", "pers:ada", "pers-ada", True),)
    assert by_text["London"].targets == ("place-london", "place-england")
    sketch = by_text["The sketch"]  # the corrected side of choice, not "skecth"
    assert (sketch.element, sketch.type, sketch.targets) == ("rs", "event", ("ev-sketch",))
    external = regs.mentions[-1]
    assert external.pointers[0].local is False and external.targets == ()
    assert external.note == "n1" and external.section == "text"


def test_bibliography_bibl_biblstruct_and_host():
    regs = read("bibliography-forms")
    struct = regs.by_id["bib-struct"]
    assert struct.kind == "work" and struct.element == "biblStruct"
    work = struct.work
    assert work.title == "Sketch of the Analytical Engine"
    assert work.container == "Scientific Memoirs"
    assert [(c.role, c.name, c.refs) for c in work.contributors] == [
        ("author", "Ada Lovelace", ("pers-ada",))
    ]
    assert work.pub_places == ["London"] and work.publishers == ["Richard and John E. Taylor"]
    assert work.scopes == {"volume": "3", "page": "666-731"}
    assert work.year == "1843"
    assert [n.text for n in struct.names] == ["Sketch of the Analytical Engine", "The Sketch"]
    assert [(i.type, i.value) for i in struct.identifiers] == [("DOI", "10.0000/example-sketch")]

    chapter = regs.by_id["bib-chapter"].work
    assert chapter.title == "Ada's letters"
    assert chapter.container == "Ada, the Enchantress of Numbers"
    assert chapter.contributors == []
    assert [(c.role, c.refs) for c in chapter.host.contributors] == [("editor", ("pers-toole",))]
    assert chapter.year == "1992" and chapter.scopes == {"page": "10-20"}

    book = regs.by_id["bib-book"]
    assert [(c.role, c.name) for c in book.work.contributors] == [
        ("translator", "Betty Alexandra Toole")
    ]
    assert book.work.year == "1998" and book.work.urls == ["https://example.org/enchantress"]
    assert book.description == "Second edition."
    # A bibl in a note is a citation (a mention), not an entry.
    assert [m.targets for m in regs.mentions if m.element == "bibl"] == [
        ("bib-struct",), ("bib-chapter",), ("bib-book",)
    ]  # fmt: skip
    assert {m.section for m in regs.mentions if m.passage == "bib-book"} == {"register"}


def test_a_second_untyped_title_is_not_another_name_of_the_work():
    regs = read("untagged-title")
    assert [n.text for n in regs.by_id["bib-menabrea-1843"].names] == [
        "Sketch of the Analytical Engine"
    ]


def test_duplicate_xml_ids_are_all_listed():
    regs = read("duplicate-xml-id")
    assert [line for line, _col, _el in regs.ids["p1"]] == [35, 36]


@pytest.mark.parametrize(
    ("type_", "value", "key"),
    [
        ("wikidata", "Q33391", ("wikidata", "Q33391")),
        (None, "https://www.wikidata.org/wiki/Q33391", ("wikidata", "Q33391")),
        ("URI", "http://www.wikidata.org/entity/q33391/", ("wikidata", "Q33391")),
        ("VIAF", "97006051", ("viaf", "97006051")),
        (None, "https://viaf.org/viaf/97006051/", ("viaf", "97006051")),
        ("geonames", "https://www.geonames.org/524901", ("geonames", "524901")),
        ("URI", "http://example.org/a/", ("uri", "example.org/a")),
        ("isbn", "978-0-00-000000-0", ("isbn", "978-0-00-000000-0")),
    ],
)
def test_identifier_keys(type_, value, key):
    assert identifier_key(type_, value) == key


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("51.507 -0.128", (51.507, -0.128)),
        ("51.507, -0.128", (51.507, -0.128)),
        ("-33.9 151.2", (-33.9, 151.2)),
        ("91 0", None),
        ("0 181", None),
        ("51°30′N 0°7′W", None),
        ("51.5", None),
    ],
)
def test_parse_geo(text, expected):
    assert parse_geo(text) == expected


def test_resolve_pointer_forms():
    assert resolve_pointer("#x", "ref", {}, "a.xml") == Pointer("ref", "#x", "x", True)
    assert resolve_pointer("a.xml#x", "ref", {}, "a.xml").id == "x"
    assert resolve_pointer("b.xml#x", "ref", {}, "a.xml").local is False
    assert resolve_pointer("https://example.org/a.xml#x", "ref", {}, "a.xml").local is False
    assert resolve_pointer("x", "key", {}, "a.xml") == Pointer("key", "x", "x", True)


def test_eltec_novel_has_no_registers_and_no_mentions():
    regs = registers.read(load(require_shared(ELTEC / "ENG18850_Rutherford.xml")))
    assert regs.entries == []
    # The header's author points at VIAF: an external mention, not a register entry.
    (author,) = regs.mentions
    assert (author.element, author.section, author.targets) == ("author", "teiHeader", ())
    assert author.pointers[0].raw == "https://viaf.org/viaf/79398669/"
    assert "B10306_N1" in regs.ids


def test_edition_mentions_point_at_their_tags():
    source = load(require_shared(EDITION))
    regs = registers.read(source)
    lines = source.path.read_text(encoding="utf-8").split("\n")
    assert regs.persons and regs.places and regs.orgs and regs.works
    for mention in regs.mentions:
        tag = lines[mention.line - 1][mention.column - 1 :]
        assert tag.startswith(f"<{mention.element}"), (mention, tag[:40])
    for entry in regs.entries:
        assert lines[entry.line - 1][entry.column - 1 :].startswith(f"<{entry.element}")
    assert len(regs.mention_elements) == len(regs.mentions)


NESTED_EVENTS = """<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader><fileDesc><titleStmt><title>Events</title></titleStmt>
    <publicationStmt><p>teikit test</p></publicationStmt><sourceDesc><p>test</p></sourceDesc>
  </fileDesc></teiHeader>
  <text><body><p>At <rs type="event" ref="#ev-s1">the first session</rs> of
    <rs type="event" ref="#ev-congress">the congress</rs>
    (<bibl><pubPlace><placeName ref="#pl-moscow">Moscow</placeName></pubPlace>:
    <publisher><orgName ref="#org-press">Party Press</orgName></publisher></bibl>)
    <placeName ref="#pl-moscow">Moscow</placeName> voted.</p></body></text>
  <standOff>
    <listPerson><person xml:id="pers-a"><persName>A</persName>
      <event when="1927"><label>expelled</label></event></person></listPerson>
    <listPlace><place xml:id="pl-moscow"><placeName>Moscow</placeName></place></listPlace>
    <listOrg><org xml:id="org-press"><orgName>Party Press</orgName></org></listOrg>
    <listEvent>
      <event xml:id="ev-congress" from="1927-12-02" to="1927-12-19" where="#pl-moscow">
        <label>Fifteenth Congress</label>
        <event xml:id="ev-s1" when="1927-12-02"><label>First session</label>
          <event xml:id="ev-s1-vote" when="1927-12-02"><label>The vote</label></event>
        </event>
        <listEvent><event xml:id="ev-s2" when="1927-12-03"><label>Second session</label></event>
        </listEvent>
      </event>
    </listEvent>
  </standOff>
</TEI>
"""


def nested_events(tmp_path) -> registers.Registers:
    path = tmp_path / "events.xml"
    path.write_text(NESTED_EVENTS, encoding="utf-8")
    return registers.read(load(path))


def test_events_nested_in_events_are_entries_with_their_parent(tmp_path):
    regs = nested_events(tmp_path)
    events = {e.id: e for e in regs.events}
    assert set(events) == {"ev-congress", "ev-s1", "ev-s1-vote", "ev-s2"}
    assert events["ev-s1"].parent == "ev-congress" and events["ev-s2"].parent == "ev-congress"
    assert events["ev-s1-vote"].parent == "ev-s1"
    # The congress's dates are its own; its sessions are entries, not dates of it.
    assert [(d.kind, d.attributes) for d in events["ev-congress"].dates] == [
        ("event", (("from", "1927-12-02"), ("to", "1927-12-19")))
    ]
    assert events["ev-congress"].where == ("pl-moscow",) and events["ev-s1"].where == ()
    # A person's life event is a date of the person, not an entry.
    person = regs.by_id["pers-a"]
    assert [d.kind for d in person.dates] == ["event"] and len(regs.entries) == 7


def test_mentions_in_an_imprint_are_marked(tmp_path):
    regs = nested_events(tmp_path)
    assert [(m.text, m.imprint) for m in regs.mentions] == [
        ("the first session", False),
        ("the congress", False),
        ("Moscow", True),  # pubPlace
        ("Party Press", True),  # publisher
        ("Moscow", False),
    ]
