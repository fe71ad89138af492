"""Line and column of elements and of characters in text and tails."""

from __future__ import annotations

import pytest

from tests.conftest import EDITION, require_shared
from toolkit.positions import Positions
from toolkit.source import TEI_NS, load

DOC = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<?xml-model href="x.rng" type="application/xml"\n    schematypens="http://relaxng.org/ns/structure/1.0"?>\n'
    "<!-- a comment with <tags> in it -->\n"
    f'<TEI xmlns="{TEI_NS}"><text><body>\n'
    '<p xml:id="a">caf&#233; &amp; <hi\n   rend="b">bar</hi> tail &lt;x&gt; end</p>\n'
    "<!-- inner --><p>one<lb/>two<![CDATA[ <raw> ]]>three</p>\n"
    "</body></text></TEI>\n"
)


def positions(tmp_path, text: str, newline: str = "\n") -> tuple:
    path = tmp_path / "doc.xml"
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    source = load(path)
    return source, Positions(source)


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_elements_and_characters(tmp_path, newline):
    source, pos = positions(tmp_path, DOC, newline)
    assert pos.exact
    p, p2 = source.root.iter(f"{{{TEI_NS}}}p")
    hi = p[0]
    assert pos.element(p) == (6, 1)
    assert pos.element(hi) == (6, 31)  # a start tag spread over two lines starts at "<"
    assert p.text == "café & "
    assert pos.char(p, "text", 0) == (6, 15)  # "c"
    assert pos.char(p, "text", 3) == (6, 18)  # "é" is the reference &#233;
    assert pos.char(p, "text", 5) == (6, 25)  # "&" is &amp;
    assert pos.char(p, "text", 6) == (6, 30)  # the space after &amp;
    assert hi.text == "bar" and pos.char(hi, "text", 0) == (7, 13)
    assert hi.tail.startswith(" tail <x>")
    assert pos.char(hi, "tail", 6) == (7, 27)  # "<" is &lt;
    assert pos.char(hi, "tail", 9) == (7, 36)  # the space after &gt;
    lb = p2[0]
    assert pos.char(p2, "text", 0) == (8, 18)
    assert lb.tail == "two <raw> three"
    assert pos.char(lb, "tail", 4) == (8, 39)  # inside CDATA
    assert pos.char(lb, "tail", 10) == (8, 48)  # after CDATA


def test_fallback_without_columns_when_the_file_is_not_the_tree(tmp_path):
    source, pos = positions(tmp_path, DOC)
    source.path.write_text(DOC.replace("<p>one", "<p><hi>x</hi>one"))  # changed under us
    pos = Positions(source)
    assert not pos.exact
    p = list(source.root.iter(f"{{{TEI_NS}}}p"))[0]
    assert pos.element(p) == (6, None)
    assert pos.char(p, "text", 0) == (6, None)


def test_edition_every_tail_character_maps_back():
    source = load(require_shared(EDITION))
    pos = Positions(source)
    assert pos.exact
    lines = source.path.read_text(encoding="utf-8").split("\n")
    checked = 0
    for el in source.root.iter():
        tail = el.tail if el is not source.root else None
        for index in range(0, len(tail or ""), 97):
            line, col = pos.char(el, "tail", index)
            raw = lines[line - 1] + "\n"
            assert raw[col - 1] == tail[index] or raw[col - 1] == "&", (line, col)
            checked += 1
    assert checked > 1000
