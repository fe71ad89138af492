"""toolkit.validation.relaxng: libxml2's verdict, with findings that point at the culprit."""

from __future__ import annotations

import pytest

from toolkit.errors import InputError
from toolkit.source import load
from toolkit.validation import relaxng

RNG = """<grammar xmlns="http://relaxng.org/ns/structure/1.0"
  datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes" ns="urn:test">
  <start><ref name="doc"/></start>
  <define name="doc"><element name="doc">
    <optional><attribute name="xml:id"><data type="ID"/></attribute></optional>
    <oneOrMore><ref name="para"/></oneOrMore>
  </element></define>
  <define name="para"><element name="para">
    <attribute name="n"><data type="integer"/></attribute>
    <optional><attribute name="when"><data type="date"/></attribute></optional>
    <zeroOrMore><choice><text/><ref name="em"/></choice></zeroOrMore>
  </element></define>
  <define name="em"><element name="em"><text/></element></define>
</grammar>
"""


@pytest.fixture
def grammar(tmp_path):
    path = tmp_path / "test.rng"
    path.write_text(RNG)
    return relaxng.load(path)


def findings(tmp_path, grammar, body: str):
    doc = tmp_path / "doc.xml"
    doc.write_text(f'<doc xmlns="urn:test">\n{body}\n</doc>\n')
    return [
        (f.line, f.column, f.rule, f.message) for f in grammar.check(load(doc, require_tei=False))
    ]


def test_valid(tmp_path, grammar):
    assert findings(tmp_path, grammar, '<para n="1">a <em>b</em></para>') == []


def test_an_element_not_allowed_where_it_is(tmp_path, grammar):
    assert findings(tmp_path, grammar, '<para n="1">a <em>b <em>c</em></em></para>') == [
        (2, 21, "relaxng.element", "element <{urn:test}em> is not allowed in <{urn:test}em>")
    ]


def test_an_element_the_schema_does_not_have(tmp_path, grammar):
    assert findings(tmp_path, grammar, '<para n="1"/>\n<para n="2"><bogus/></para>') == [
        (
            3,
            13,
            "relaxng.element",
            "element <{urn:test}bogus> is not allowed anywhere by the schema",
        )
    ]


def test_attributes_missing_unknown_and_invalid(tmp_path, grammar):
    assert findings(
        tmp_path,
        grammar,
        '<para>x</para>\n<para n="2" colour="red">y</para>\n<para n="3" when="1936-02-30">z</para>',
    ) == [
        (2, 1, "relaxng.required-attribute", "<{urn:test}para> lacks the required attribute @n"),
        (
            3,
            13,
            "relaxng.attribute",
            "attribute @colour is not allowed on <{urn:test}para> (allowed: @n, @when)",
        ),
        (4, 13, "relaxng.value", 'invalid value "1936-02-30" for attribute @when of <para>'),
    ]


def test_order_and_count_errors_keep_libxml2s_words(tmp_path, grammar):
    # <doc> needs one or more <para>: nothing is out of place, something is missing.
    found = findings(tmp_path, grammar, "")
    assert len(found) == 1
    line, _col, rule, message = found[0]
    assert line == 1 and rule.startswith("relaxng") and "doc" in message


def test_a_wrong_root(tmp_path, grammar):
    doc = tmp_path / "doc.xml"
    doc.write_text('<para xmlns="urn:test" n="1"/>')
    found = grammar.check(load(doc, require_tei=False))
    assert [(f.rule, f.message) for f in found] == [
        (
            "relaxng.root",
            "the root element <{urn:test}para> is not allowed by the schema "
            "(expected <{urn:test}doc>)",
        )
    ]


def test_compiled_once(tmp_path, grammar):
    assert relaxng.load(tmp_path / "test.rng") is grammar


def test_a_broken_schema_is_an_input_error_with_its_line(tmp_path):
    bad = tmp_path / "bad.rng"
    bad.write_text(
        '<grammar xmlns="http://relaxng.org/ns/structure/1.0">\n'
        '<start><ref name="nowhere"/></start>\n</grammar>'
    )
    with pytest.raises(InputError) as info:
        relaxng.load(bad)
    assert "cannot be compiled" in str(info.value) and "nowhere" in str(info.value)
    assert info.value.line == 2


def test_compact_syntax_and_remote_includes_are_refused(tmp_path):
    rnc = tmp_path / "s.rnc"
    rnc.write_text("start = element doc { text }")
    with pytest.raises(InputError, match="compact syntax"):
        relaxng.load(rnc)
    remote = tmp_path / "remote.rng"
    remote.write_text(
        '<grammar xmlns="http://relaxng.org/ns/structure/1.0">'
        '<include href="https://example.org/tei_all.rng"/></grammar>'
    )
    with pytest.raises(InputError, match="not a local file"):
        relaxng.load(remote)
