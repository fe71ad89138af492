"""teikit check on events and on the editors' notes: the register rules cover events as
they cover persons and places, events count among the mentions, and editorial notes are
counted apart from the author's and kept out of the author's numbering."""

from __future__ import annotations

from collections import Counter

from click.testing import CliRunner

from tests.conftest import FIXTURES
from toolkit.check import check
from toolkit.cli import main
from toolkit.source import load

HEADER = """<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader><fileDesc><titleStmt><title>Test</title></titleStmt>
    <publicationStmt><p>teikit test</p></publicationStmt><sourceDesc><p>test</p></sourceDesc>
  </fileDesc></teiHeader>
"""

EVENTS = (
    HEADER
    + """  <standOff>
    <listPerson><person xml:id="pers-ada"><persName>Ada Lovelace</persName></person></listPerson>
    <listEvent>
      <event xml:id="ev-sketch" when="1843"><label>The Sketch</label>
        <event xml:id="ev-notes" when="1843-07"><label>The notes</label></event>
      </event>
      <event xml:id="ev-unused" when="1842"><label>The lecture in Turin</label></event>
      <event xml:id="ev-bad-date" when="1843-13"><label>A month that is not</label></event>
      <event xml:id="ev-backwards" from="1852" to="1843"><label>Backwards</label></event>
    </listEvent>
  </standOff>
  <text><body>
    <p><persName ref="#pers-ada">Ada</persName> wrote <rs type="event" ref="#ev-sketch">the
      Sketch</rs> and <rs type="event" ref="#ev-notes">its notes</rs>, then
      <rs type="event" ref="#pers-ada">Ada</rs> and <eventName ref="#ev-bad-date">this</eventName>
      and <rs type="event" ref="#ev-backwards">that</rs>.</p>
  </body></text>
</TEI>
"""
)


def write(tmp_path, text: str, name: str = "doc.xml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_register_rules_cover_events(tmp_path):
    report = check(load(write(tmp_path, EVENTS)))
    by_rule = {}
    for finding in report.findings:
        by_rule.setdefault(finding.rule, []).append(finding.message)
    assert by_rule["unreferenced-entry"] == [
        'event #ev-unused ("The lecture in Turin") is never referred to'
    ]
    assert by_rule["pointer-kind"] == ['<rs> "Ada" points at #pers-ada, a person, not an event']
    assert [m.split(":")[0] for m in by_rule["date-not-iso"]] == ["<event> @when"]
    assert by_rule["date-backwards"] == ["<event> runs backwards: @from=1852 is after @to=1843"]
    # A nested event is an entry: counted, and its mention resolved.
    assert report.stats["registers"]["event"] == 5
    assert report.stats["mentions"]["event"] == 4  # the rs pointing at a person is not one


def test_events_are_counted_in_the_summary(tmp_path):
    result = CliRunner().invoke(main, ["check", str(write(tmp_path, EVENTS))])
    lines = result.output.splitlines()
    assert any("registers: persons 1, events 5" in line for line in lines), lines
    assert any("resolved mentions in the text: persons 1, events 4;" in line for line in lines)


NOTES = (
    HEADER
    + """  <text><body>
    <p>One.<note n="1">The author's first.<note type="editorial" n="1">An editors' note
      inside it.</note></note> Two.<note n="2" resp="#ed">An editors' note, by @resp.</note>
      Three.<note n="2">The author's second.</note> Four.<note n="1" type="authorial"
      resp="#author">The author's third, with a @resp.</note>
      Five.<note type="editorial" n="7">Numbered apart.</note></p>
  </body></text>
  <standOff><listPerson>
    <person xml:id="ed"><persName>An Editor</persName></person>
    <person xml:id="author"><persName>The Author</persName></person>
  </listPerson></standOff>
</TEI>
"""
)


def test_editorial_notes_are_counted_apart_and_not_in_the_sequence(tmp_path):
    report = check(load(write(tmp_path, NOTES)))
    assert report.stats["notes"] == 3 and report.stats["editorial_notes"] == 3
    assert [f for f in report.findings if f.rule == "note-sequence"] == []
    result = CliRunner().invoke(main, ["check", str(write(tmp_path, NOTES))])
    assert "; notes: 3, editorial notes: 3" in result.output


def test_an_authors_note_out_of_sequence_is_still_found_among_editorial_ones(tmp_path):
    text = NOTES.replace('<note n="2">The author', '<note n="4">The author')
    report = check(load(write(tmp_path, text)))
    (finding,) = [f for f in report.findings if f.rule == "note-sequence"]
    assert "note n=4 is out of sequence: expected n=2" in finding.message


def test_the_essays_editorial_notes_are_apart():
    report = check(load(FIXTURES.parent.parent / "tei" / "chimes-at-midnight.xml"))
    assert report.stats["notes"] == 189
    assert report.stats["editorial_notes"] >= 1
    assert Counter(f.rule for f in report.findings)["note-sequence"] == 0
