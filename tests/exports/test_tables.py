"""CSV tables, read back as a spreadsheet or pandas would (RFC 4180 via the csv module)."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter

from lxml import etree

from toolkit.exports.tables import EVENT_FIELDS, MENTION_FIELDS, PERSON_FIELDS, PLACE_FIELDS
from toolkit.source import TEI_NS

NS = {"tei": TEI_NS}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
REGISTERS = ("listPerson", "listPlace", "listOrg", "listBibl", "listEvent", "teiHeader")


def rows(rendered, name: str) -> list[dict]:
    data = rendered[name]
    assert not data.startswith(b"\xef\xbb\xbf"), "no byte-order mark"
    assert b"\r\n" in data and data.endswith(b"\r\n"), "RFC 4180 line ends"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


def tei_mentions(root: etree._Element) -> Counter:
    """Pointers from names in the text to entries, counted straight from the TEI."""
    found: Counter = Counter()
    names = {"persName", "placeName", "orgName", "rs", "name"}
    for el in root.iter(*(f"{{{TEI_NS}}}{n}" for n in names)):
        if any(etree.QName(a).localname in REGISTERS for a in el.iterancestors()):
            continue
        for token in (el.get("ref") or "").split():
            if token.startswith("#"):
                found[token[1:]] += 1
    return found


def test_persons_one_row_per_register_entry_sorted(both):
    got = rows(both, "persons.csv")
    root = both.edition.source.root
    ids = root.xpath("//tei:listPerson//tei:person/@xml:id", namespaces=NS)
    assert [r["id"] for r in got] == sorted(ids)
    assert list(got[0]) == [f for f, _ in PERSON_FIELDS]
    for row in got:
        person = root.xpath(f"//tei:person[@xml:id='{row['id']}']", namespaces=NS)[0]
        for event in ("birth", "death"):
            when = person.xpath(f"tei:{event}/@when", namespaces=NS)
            assert row[event] == (when[0] if when else "")


def test_identifiers_are_full_uris(both):
    root = both.edition.source.root
    for name, element in (("persons.csv", "person"), ("places.csv", "place"), ("orgs.csv", "org")):
        for row in rows(both, name):
            links = row["uris"].split(" | ") if row["uris"] else []
            assert all(re.fullmatch(r"https?://\S+", link) for link in links), row
            entry = root.xpath(f"//tei:{element}[@xml:id='{row['id']}']", namespaces=NS)[0]
            for idno in entry.xpath("tei:idno[@type='wikidata']", namespaces=NS):
                qid = idno.text.strip().rsplit("/", 1)[-1]
                assert f"https://www.wikidata.org/wiki/{qid}" in links


def test_essay_trotsky_row(essay):
    trotsky = next(r for r in rows(essay, "persons.csv") if r["id"] == "pers-trotsky")
    assert trotsky["name"] == "Leon Trotsky"
    assert trotsky["uris"] == "https://www.wikidata.org/wiki/Q33391"
    assert trotsky["birth"] == "1879-11-07" and trotsky["death"] == "1940-08-21"
    assert "Trotsky" in trotsky["other_names"].split(" | ")


def test_places_coordinates_are_the_registers_geo(both):
    got = rows(both, "places.csv")
    assert list(got[0]) == [f for f, _ in PLACE_FIELDS]
    root = both.edition.source.root
    located = 0
    for row in got:
        geo = root.xpath(f"//tei:place[@xml:id='{row['id']}']/tei:location/tei:geo", namespaces=NS)
        if not geo:
            assert row["latitude"] == row["longitude"] == ""
            continue
        lat, lon = (float(v) for v in geo[0].text.split())
        assert (float(row["latitude"]), float(row["longitude"])) == (lat, lon)
        assert -90 <= lat <= 90 and -180 <= lon <= 180
        located += 1
    assert located == len(root.xpath("//tei:place[tei:location/tei:geo]", namespaces=NS))


def test_events_one_row_per_entry_nested_included_with_iso_dates(both):
    got = rows(both, "events.csv")
    root = both.edition.source.root
    ids = root.xpath("//tei:listEvent//tei:event/@xml:id", namespaces=NS)
    assert [r["id"] for r in got] == sorted(ids) and ids
    assert list(got[0]) == [f for f, _ in EVENT_FIELDS]
    for row in got:
        (event,) = root.xpath(f"//tei:event[@xml:id='{row['id']}']", namespaces=NS)
        parent = event.getparent()
        in_event = etree.QName(parent).localname == "event"
        assert row["part_of"] == (parent.get(XML_ID) if in_event else "")
        when, start, end = event.get("when"), event.get("from"), event.get("to")
        start, end = start or event.get("notBefore"), end or event.get("notAfter")
        if when:
            assert (row["date"], row["start"], row["end"]) == (when, when, when)
        else:
            assert (row["start"], row["end"]) == (start or "", end or "")
            assert row["date"] == f"{start or '..'}/{end or '..'}"
        for value in (row["start"], row["end"]):
            assert not value or re.fullmatch(r"-?\d{4}(-\d\d(-\d\d)?)?", value), value
        assert row["name"] == " ".join(event.xpath("string(tei:label[1])", namespaces=NS).split())


def test_fixture_events_row_by_hand(back):
    got = {r["id"]: r for r in rows(back, "events.csv")}
    congress, session = got["congress-15"], got["congress-15-s1"]
    assert (congress["type"], congress["date"], congress["places"]) == (
        "congress", "1927-12-02/1927-12-19", "moscow"
    )  # fmt: skip
    assert congress["other_identifiers"] == "project:ev-15" and congress["mentions"] == "2"
    assert session["part_of"] == "congress-15" and session["mentions"] == "1"
    assert (got["exile"]["date"], got["exile"]["mentions"]) == ("1928-01/1928-02", "0")


def _imprint(el: etree._Element) -> bool:
    return any(etree.QName(a).localname == "pubPlace" for a in el.iterancestors())


def test_places_say_whether_named_as_subject_imprint_or_both(both):
    """A place named only as a place of publication is apart from the places of the text."""
    root = both.edition.source.root
    subject, imprint = Counter(), Counter()
    for el in root.xpath("//tei:text//tei:placeName[@ref] | //tei:text//tei:rs[@type='place']",
                         namespaces=NS):  # fmt: skip
        if any(etree.QName(a).localname in REGISTERS for a in el.iterancestors()):
            continue
        for token in el.get("ref", "").split():
            (imprint if _imprint(el) else subject)[token.lstrip("#")] += 1
    roles = Counter()
    for row in rows(both, "places.csv"):
        s, i = subject.get(row["id"], 0), imprint.get(row["id"], 0)
        assert (int(row["subject_mentions"]), int(row["imprint_mentions"])) == (s, i), row["id"]
        assert int(row["mentions"]) == s + i
        want = "both" if s and i else "subject" if s else "imprint" if i else ""
        assert row["role"] == want
        roles[want] += 1
    assert roles["imprint"] and roles["subject"] and roles["both"]
    mentions = rows(both, "mentions.csv")
    assert Counter(r["role"] for r in mentions if r["type"] == "place")["imprint"] == sum(
        imprint.values()
    )


def test_essay_new_york_is_an_imprint_moscow_a_subject(essay):
    places = {r["id"]: r for r in rows(essay, "places.csv")}
    assert places["place-new-york"]["role"] == "imprint"
    assert places["place-new-york"]["subject_mentions"] == "0"
    assert places["place-moscow"]["role"] == "subject"


def test_mention_counts_match_the_tei(both):
    expected = tei_mentions(both.edition.source.root)
    for name in ("persons.csv", "places.csv", "orgs.csv", "events.csv"):
        for row in rows(both, name):
            assert int(row["mentions"]) == expected.get(row["id"], 0), row["id"]


def test_mentions_csv_offsets_point_at_the_name(both):
    clean = both.text("clean.txt")
    got = rows(both, "mentions.csv")
    assert list(got[0]) == [f for f, _ in MENTION_FIELDS]
    assert [r["id"] for r in got] == [f"mention-{i}" for i in range(1, len(got) + 1)]
    placed = [r for r in got if r["start"]]
    assert placed, "some mentions are in the clean text"
    for row in placed:
        start, end = int(row["start"]), int(row["end"])
        assert clean[start:end] == row["text"] and row["text"].strip() == row["text"]
        assert row["where"] == "body"
    starts = [int(r["start"]) for r in placed]
    assert starts == sorted(starts), "rows in text order"
    for row in got:
        if row["where"] == "note":
            assert row["start"] == row["end"] == ""


def test_mentions_csv_rows_match_the_tei(both):
    got = Counter(r["entity"] for r in rows(both, "mentions.csv"))
    expected = tei_mentions(both.edition.source.root)
    tables = ("persons.csv", "places.csv", "orgs.csv", "events.csv")
    kinds = {r["id"] for n in tables for r in rows(both, n)}
    # Events nested in events are entries too (and rows of events.csv).
    assert kinds >= set(both.edition.source.root.xpath("//tei:listEvent//tei:event/@xml:id",
                                                       namespaces=NS))  # fmt: skip
    assert got == Counter({k: v for k, v in expected.items() if k in kinds})


def test_fixture_rs_mentions_in_notes_and_nested(back):
    got = rows(back, "mentions.csv")
    by_entity = Counter(r["entity"] for r in got)
    assert by_entity == {"trotsky": 2, "serge": 4, "sedov": 2, "moscow": 2, "leningrad": 1,
                         "nowhere": 1, "oxford": 1, "left-opposition": 2, "cc": 1, "party": 1,
                         "congress-15": 2, "congress-15-s1": 1}  # fmt: skip
    notes = [r for r in got if r["where"] == "note"]
    assert {r["entity"] for r in notes} == {
        "left-opposition", "sedov", "serge", "oxford", "moscow", "congress-15"
    }  # fmt: skip
    assert {r["passage"] for r in notes} == {"n1", "n2"}
    assert all(r["element"] == "rs" for r in got)
    cc = next(r for r in got if r["entity"] == "cc")
    party = next(r for r in got if r["entity"] == "party")
    assert cc["text"] == "Central Committee of the Party" and party["text"] == "Party"
    assert int(cc["start"]) < int(party["start"]) < int(party["end"]) == int(cc["end"])


FORMULAS = """<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader><fileDesc><titleStmt><title>Formulas</title></titleStmt>
    <publicationStmt><p>teikit test</p></publicationStmt><sourceDesc><p>test</p></sourceDesc>
  </fileDesc></teiHeader>
  <text><body><p><persName ref="#p1">=HYPERLINK("http://example.org/","x")</persName> met
    <persName ref="#p2">Caesar</persName> at
    <placeName ref="#pl1">-2+3+cmd|' /C calc'!A0</placeName>.</p>
  </body></text>
  <standOff>
    <listPerson>
      <person xml:id="p1"><persName>=HYPERLINK("http://example.org/","x")</persName>
        <note>@SUM(1+1)*cmd|' /C calc'!A0</note></person>
      <person xml:id="p2"><persName>Gaius Julius Caesar</persName><persName>-Caesar</persName>
        <death when="-0044-03-15"/><note>- a dictator</note></person>
    </listPerson>
    <listPlace>
      <place xml:id="pl1"><placeName>-2+3+cmd|' /C calc'!A0</placeName>
        <location><geo>-33.45 -70.66</geo></location></place>
    </listPlace>
  </standOff>
</TEI>
"""


def test_cells_a_spreadsheet_would_run_are_made_inert(tmp_path):
    from tests.exports.conftest import Rendered

    path = tmp_path / "formulas.xml"
    path.write_text(FORMULAS, encoding="utf-8")
    rendered = Rendered(path)
    persons = {r["id"]: r for r in rows(rendered, "persons.csv")}
    assert persons["p1"]["name"] == '\'=HYPERLINK("http://example.org/","x")'
    assert persons["p1"]["description"] == "'@SUM(1+1)*cmd|' /C calc'!A0"
    assert persons["p2"]["other_names"] == "'-Caesar"
    assert persons["p2"]["description"] == "'- a dictator"
    assert persons["p2"]["death"] == "-0044-03-15"  # a year BCE is a date, not a formula
    (place,) = rows(rendered, "places.csv")
    assert place["name"] == "'-2+3+cmd|' /C calc'!A0"
    assert (place["latitude"], place["longitude"]) == ("-33.45", "-70.66")
    texts = {r["entity"]: r["text"] for r in rows(rendered, "mentions.csv")}
    assert texts["p1"].startswith("'=") and texts["pl1"].startswith("'-")
    assert texts["p2"] == "Caesar"
    # Every cell of every table: none starts as a formula would, bar numbers and dates.
    for name in ("persons.csv", "places.csv", "orgs.csv", "mentions.csv"):
        for row in rows(rendered, name):
            for value in row.values():
                assert not value.startswith(("=", "+", "@", "\t", "\r")), (name, value)
                assert not value.startswith("-") or re.fullmatch(r"-[0-9][0-9.:/\-]*", value)
