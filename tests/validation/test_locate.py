"""toolkit.validation.locate: a node's line and column, from Saxon's path() or lxml."""

from __future__ import annotations

from toolkit.source import load
from toolkit.validation.locate import Locator

TEI = "http://www.tei-c.org/ns/1.0"
DOC = (
    '<?xml version="1.0"?>\n<!-- a comment with <p> in it -->\n'
    f'<TEI xmlns="{TEI}"><teiHeader/>\n<text><body>\n'
    '  <p n="1">one</p><p\n     n="2"\n     xml:id="two">two <![CDATA[<p>]]></p>\n'
    "</body></text></TEI>\n"
)


def locator(tmp_path, text=DOC, encoding="utf-8", name="doc.xml"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return Locator(load(path))


def test_elements_and_attributes_from_paths(tmp_path):
    loc = locator(tmp_path)
    body = f"/Q{{{TEI}}}TEI[1]/Q{{{TEI}}}text[1]/Q{{{TEI}}}body[1]"
    assert loc.at_path(f"{body}/Q{{{TEI}}}p[1]") == (5, 3)
    assert loc.at_path(f"{body}/Q{{{TEI}}}p[2]") == (5, 19)  # the tag starts, not where it ends
    assert loc.at_path(f"{body}/Q{{{TEI}}}p[2]/@n") == (6, 6)
    assert loc.at_path(f"{body}/Q{{{TEI}}}p[2]/@Q{{http://www.w3.org/XML/1998/namespace}}id") == (
        7,
        6,
    )
    assert loc.at_path(f"{body}/Q{{{TEI}}}p[2]/text()[1]") == (5, 19)
    assert loc.at_path("/") == (3, 1)
    assert loc.at_path(f"{body}/Q{{{TEI}}}p[9]") == (None, None)


def test_crlf_and_utf16_files(tmp_path):
    assert locator(tmp_path, DOC.replace("\n", "\r\n"), name="crlf.xml").at_path(
        f"/Q{{{TEI}}}TEI[1]/Q{{{TEI}}}text[1]"
    ) == (4, 1)
    text = DOC.replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>')
    assert locator(tmp_path, text, "utf-16", "u16.xml").at_path(
        f"/Q{{{TEI}}}TEI[1]/Q{{{TEI}}}text[1]"
    ) == (4, 1)


def test_when_the_file_and_the_tree_differ_lines_only(tmp_path):
    (tmp_path / "part.xml").write_text(f'<p xmlns="{TEI}">included</p>')
    text = DOC.replace(
        "<body>\n",
        '<body>\n<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="part.xml"/>\n',
    )
    loc = locator(tmp_path, text)
    line, column = loc.at_path(f"/Q{{{TEI}}}TEI[1]/Q{{{TEI}}}text[1]")
    assert (line, column) == (4, None)
