"""toolkit.source: the safe loader."""

from __future__ import annotations

import pytest

from tests.conftest import FIXTURES, HOSTILE, require_shared, tei
from toolkit.errors import InputError
from toolkit.source import load


def test_loads_the_canonical_fixture():
    source = load(FIXTURES / "canonical.xml")
    assert source.root.tag == "{http://www.tei-c.org/ns/1.0}TEI"
    assert "<!DOCTYPE" not in source.xml_text()


@pytest.mark.parametrize(
    "name, words, line",
    [
        ("xxe-file-entity.xml", "declares entities", None),
        ("billion-laughs.xml", "declares entities", None),
        ("malformed-unclosed.xml", "not well-formed", 7),
        ("not-tei-root.xml", "not a TEI document", 2),
        ("no-namespace.xml", "not in the TEI namespace", 2),
        ("invalid-utf8.xml", "not well-formed", 7),
        ("empty-file.xml", "empty", None),
        ("deep-nesting.xml", "nest deeper", 7),
    ],
)
def test_hostile_files_are_refused_with_a_location(name, words, line):
    path = require_shared(HOSTILE / name)
    with pytest.raises(InputError) as info:
        load(path)
    err = info.value
    assert err.exit_code == 2
    assert words in str(err)
    assert str(path) in str(err)
    if line is not None:
        assert err.line == line


def test_xxe_never_reads_the_file(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    doc = tmp_path / "x.xml"
    doc.write_text(f'<!DOCTYPE TEI [<!ENTITY x SYSTEM "{secret.as_uri()}">]>' + tei("<p>&x;</p>"))
    with pytest.raises(InputError) as info:
        load(doc)
    assert "TOPSECRET" not in str(info.value)


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load(tmp_path / "nope.xml")


def test_parameter_entities_are_refused(tmp_path):
    doc = tmp_path / "pe.xml"
    doc.write_text('<!DOCTYPE TEI [<!ENTITY % p "x"> %p;]>' + tei("<p>x</p>"))
    with pytest.raises(InputError):
        load(doc)


def test_utf16_and_bom_files_load(tmp_path):
    text = '<?xml version="1.0" encoding="UTF-16"?>' + tei("<p>Grüße</p>")
    (tmp_path / "u16.xml").write_bytes(text.encode("utf-16"))
    (tmp_path / "bom.xml").write_bytes(b"\xef\xbb\xbf" + tei("<p>Grüße</p>").encode())
    for name in ("u16.xml", "bom.xml"):
        assert "Grüße" in load(tmp_path / name).xml_text()


def test_xinclude_inside_the_folder_is_resolved(tmp_path):
    (tmp_path / "part.xml").write_text(
        '<p xmlns="http://www.tei-c.org/ns/1.0">Included paragraph.</p>'
    )
    doc = tmp_path / "main.xml"
    doc.write_text(tei('<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="part.xml"/>'))
    assert "Included paragraph." in load(doc).xml_text()


@pytest.mark.parametrize(
    "href, parse",
    [("/etc/passwd", "text"), ("../outside.xml", "xml"), ("file:///etc/passwd", "text")],
)
def test_xinclude_outside_the_folder_is_refused(tmp_path, href, parse):
    (tmp_path / "outside.xml").write_text("<p/>")
    inner = tmp_path / "inner"
    inner.mkdir()
    doc = inner / "main.xml"
    xi = 'xmlns:xi="http://www.w3.org/2001/XInclude"'
    doc.write_text(tei(f'<p><xi:include {xi} href="{href}" parse="{parse}"/></p>'))
    with pytest.raises(InputError, match="XInclude"):
        load(doc)


def test_size_limit(tmp_path, monkeypatch):
    doc = tmp_path / "big.xml"
    doc.write_text(tei("<p>" + "x" * 5000 + "</p>"))
    monkeypatch.setenv("TEIKIT_MAX_BYTES", "1000")
    with pytest.raises(InputError, match="over the limit"):
        load(doc)


@pytest.mark.parametrize("max_depth", [None, "256", "300"])
def test_default_depth_limit_is_exactly_the_parsers(tmp_path, monkeypatch, max_depth):
    """At the default limit (or above it) the loader leaves the depth check to the parser,
    whose own cap must be the documented one: 256 levels load, a 257th is refused."""
    if max_depth:
        monkeypatch.setenv("TEIKIT_MAX_DEPTH", max_depth)
    for depth, ok in ((256, True), (257, False)):
        doc = tmp_path / f"d{depth}.xml"
        inner = "<a>" * (depth - 1) + "</a>" * (depth - 1)
        doc.write_text(f'<TEI xmlns="http://www.tei-c.org/ns/1.0">{inner}</TEI>')
        if ok:
            assert load(doc, require_tei=False)
        else:
            with pytest.raises(InputError, match="nest deeper than the limit of 256"):
                load(doc, require_tei=False)


def test_depth_limit_is_configurable(tmp_path, monkeypatch):
    doc = tmp_path / "deep.xml"
    doc.write_text(tei("<p>" + "<hi>" * 40 + "x" + "</hi>" * 40 + "</p>"))
    assert load(doc)
    monkeypatch.setenv("TEIKIT_MAX_DEPTH", "20")
    with pytest.raises(InputError, match="nest deeper than the limit of 20"):
        load(doc)
