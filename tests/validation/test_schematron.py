"""toolkit.validation.schematron: ISO Schematron compiled to XSLT 3 and run by Saxon."""

from __future__ import annotations

import os
import time

import pytest

from toolkit.errors import InputError
from toolkit.source import load
from toolkit.validation import schematron

SCH = "http://purl.oclc.org/dsdl/schematron"
DOC = """<?xml version="1.0"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader><fileDesc><titleStmt><title>t</title></titleStmt>
  <publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc>
  </teiHeader>
  <text><body>
    <div type="chapter" n="1">
      <p n="1">Alpha <hi rend="i">beta</hi>.</p>
      <p n="x">Gamma.</p>
    </div>
    <div n="2"><p n="3">Delta.</p></div>
  </body></text>
</TEI>
"""


def schema(body: str, binding: str = "xslt3", extra: str = "") -> str:
    return (
        f'<sch:schema xmlns:sch="{SCH}" queryBinding="{binding}" {extra}>'
        '<sch:ns prefix="tei" uri="http://www.tei-c.org/ns/1.0"/>'
        f"{body}</sch:schema>"
    )


@pytest.fixture
def doc(tmp_path):
    path = tmp_path / "doc.xml"
    path.write_text(DOC)
    return load(path)


def check(tmp_path, doc, text: str, phase: str | None = None, name: str = "s.sch"):
    path = tmp_path / name
    path.write_text(text)
    return schematron.load(path, phase).check(doc)


def test_assert_and_report_with_messages_ids_and_lines(tmp_path, doc):
    found = check(
        tmp_path,
        doc,
        schema(
            '<sch:pattern id="pat"><sch:rule context="tei:body//tei:p">'
            '<sch:assert id="numeric" test="@n castable as xs:integer">'
            '<sch:name/> has n="<sch:value-of select="@n"/>"</sch:assert>'
            '<sch:report test="tei:hi" role="warning" id="has-hi">'
            '<sch:name/> has <sch:value-of select="count(tei:hi)"/> hi</sch:report>'
            "</sch:rule></sch:pattern>"
        ),
    )
    assert [(f.line, f.column, f.severity, f.rule, f.message) for f in found] == [
        (8, 7, "warning", "has-hi", "p has 1 hi"),
        (9, 7, "error", "numeric", 'p has n="x"'),
    ]


def test_only_the_first_matching_rule_of_a_pattern_fires(tmp_path, doc):
    found = check(
        tmp_path,
        doc,
        schema(
            '<sch:pattern><sch:rule context="tei:div[@type]">'
            '<sch:report test="true()" id="typed">typed</sch:report></sch:rule>'
            '<sch:rule context="tei:div"><sch:report test="true()" id="any">any</sch:report>'
            "</sch:rule></sch:pattern>"
            '<sch:pattern><sch:rule context="tei:div">'
            '<sch:report test="true()" id="other">other pattern</sch:report>'
            "</sch:rule></sch:pattern>"
        ),
    )
    assert sorted((f.line, f.rule) for f in found) == [
        (7, "other"),
        (7, "typed"),
        (11, "any"),
        (11, "other"),
    ]


def test_lets_at_every_level(tmp_path, doc):
    found = check(
        tmp_path,
        doc,
        schema(
            '<sch:let name="divs" value="count(//tei:div)"/>'
            '<sch:pattern><sch:let name="paras" value="count(//tei:body//tei:p)"/>'
            '<sch:let name="both" value="$divs + $paras"/>'
            '<sch:rule context="tei:body"><sch:let name="here" value="count(tei:div)"/>'
            '<sch:report test="true()" id="sum"><sch:value-of select="$divs"/>/'
            '<sch:value-of select="$paras"/>/<sch:value-of select="$both"/>/'
            '<sch:value-of select="$here"/></sch:report></sch:rule></sch:pattern>'
            # a pattern variable is evaluated at the document root, not at the rule context
            '<sch:pattern><sch:let name="root-name" value="name(/*)"/>'
            '<sch:rule context="tei:hi"><sch:report test="true()" id="root">'
            '<sch:value-of select="$root-name"/></sch:report></sch:rule></sch:pattern>'
        ),
    )
    assert {f.rule: f.message for f in found} == {"sum": "2/3/5/2", "root": "TEI"}


def test_abstract_rules_and_abstract_patterns(tmp_path, doc):
    found = check(
        tmp_path,
        doc,
        schema(
            '<sch:pattern><sch:rule abstract="true" id="numbered">'
            '<sch:assert test="@n" id="needs-n">no n</sch:assert></sch:rule>'
            '<sch:rule context="tei:div"><sch:extends rule="numbered"/>'
            '<sch:assert test="@type" id="needs-type">no type</sch:assert></sch:rule>'
            "</sch:pattern>"
            '<sch:pattern abstract="true" id="count-children">'
            '<sch:rule context="$parent"><sch:assert test="count($child) le $max" id="too-many">'
            '<sch:name/> has more than <sch:value-of select="$max"/></sch:assert></sch:rule>'
            "</sch:pattern>"
            '<sch:pattern is-a="count-children" id="divs-small">'
            '<sch:param name="parent" value="tei:div"/><sch:param name="child" value="tei:p"/>'
            '<sch:param name="max" value="1"/></sch:pattern>'
        ),
    )
    assert sorted((f.line, f.rule, f.message) for f in found) == [
        (7, "too-many", "div has more than 1"),
        (11, "needs-type", "no type"),
    ]


def test_include_with_fragment_and_diagnostics(tmp_path, doc):
    (tmp_path / "lib.sch").write_text(
        f'<sch:schema xmlns:sch="{SCH}" queryBinding="xslt3">'
        '<sch:ns prefix="tei" uri="http://www.tei-c.org/ns/1.0"/>'
        '<sch:pattern id="wanted"><sch:rule context="tei:hi">'
        '<sch:assert test="@rend = \'b\'" id="bold" diagnostics="why">not bold</sch:assert>'
        "</sch:rule></sch:pattern>"
        '<sch:pattern id="unwanted"><sch:rule context="tei:p">'
        '<sch:report test="true()" id="never">never</sch:report></sch:rule></sch:pattern>'
        "</sch:schema>"
    )
    found = check(
        tmp_path,
        doc,
        schema(
            '<sch:include href="lib.sch#wanted"/>'
            '<sch:diagnostics><sch:diagnostic id="why">rend is '
            '<sch:value-of select="@rend"/></sch:diagnostic></sch:diagnostics>'
        ),
    )
    assert [(f.rule, f.message) for f in found] == [("bold", "not bold (rend is i)")]


def test_include_over_the_network_is_refused(tmp_path, doc):
    with pytest.raises(InputError, match="not a local file"):
        check(tmp_path, doc, schema('<sch:include href="https://example.org/rules.sch"/>'))


def test_phases(tmp_path, doc):
    text = schema(
        '<sch:phase id="divs"><sch:active pattern="d"/></sch:phase>'
        '<sch:pattern id="d"><sch:rule context="tei:div">'
        '<sch:report test="true()" id="div">div</sch:report></sch:rule></sch:pattern>'
        '<sch:pattern id="h"><sch:rule context="tei:hi">'
        '<sch:report test="true()" id="hi">hi</sch:report></sch:rule></sch:pattern>',
        extra='defaultPhase="divs"',
    )
    assert {f.rule for f in check(tmp_path, doc, text)} == {"div"}
    assert {f.rule for f in check(tmp_path, doc, text, phase="#ALL", name="b.sch")} == {
        "div",
        "hi",
    }
    with pytest.raises(InputError, match="no phase 'nope'"):
        check(tmp_path, doc, text, phase="nope", name="c.sch")


def test_subject_points_at_the_attribute(tmp_path, doc):
    found = check(
        tmp_path,
        doc,
        schema(
            "<sch:pattern><sch:rule context=\"tei:p[@n = 'x']\">"
            '<sch:assert test="false()" subject="@n" id="n">bad n</sch:assert>'
            "</sch:rule></sch:pattern>"
        ),
    )
    assert [(f.line, f.column) for f in found] == [(9, 10)]


def test_attribute_contexts_and_roles(tmp_path, doc):
    found = check(
        tmp_path,
        doc,
        schema(
            '<sch:pattern><sch:rule context="@rend" role="info">'
            '<sch:report test=". = \'i\'" id="italic">italic</sch:report>'
            "</sch:rule></sch:pattern>"
        ),
    )
    assert [(f.line, f.column, f.severity) for f in found] == [(8, 26, "info")]


def test_xpath1_binding_runs_in_backwards_compatible_mode(tmp_path, doc):
    # XPath 1.0: the first node's value; XPath 2.0 would reject a sequence of three.
    found = check(
        tmp_path,
        doc,
        schema(
            '<sch:pattern><sch:rule context="tei:body">'
            '<sch:report test="substring(.//tei:p/@n, 1) = \'1\'" id="first">first</sch:report>'
            "</sch:rule></sch:pattern>",
            binding="xslt",
        ),
    )
    assert [f.rule for f in found] == ["first"]


def test_xslt_keys_and_functions(tmp_path, doc):
    found = check(
        tmp_path,
        doc,
        schema(
            '<xsl:key xmlns:xsl="http://www.w3.org/1999/XSL/Transform" name="by-n" '
            'match="tei:*[@n]" use="@n"/>'
            '<xsl:function xmlns:xsl="http://www.w3.org/1999/XSL/Transform" name="tei:twice" '
            'as="xs:string"><xsl:param name="s"/><xsl:sequence select="$s || $s"/>'
            "</xsl:function>"
            '<sch:pattern><sch:rule context="tei:div">'
            '<sch:report test="key(\'by-n\', @n)[self::tei:p]" id="shared">'
            '<sch:value-of select="tei:twice(@n)"/></sch:report></sch:rule></sch:pattern>'
        ),
    )
    assert [(f.line, f.message) for f in found] == [(7, "11")]


def test_schematron_1_5(tmp_path, doc):
    found = check(
        tmp_path,
        doc,
        '<schema xmlns="http://www.ascc.net/xml/schematron">'
        '<ns prefix="tei" uri="http://www.tei-c.org/ns/1.0"/>'
        '<pattern name="old"><rule context="tei:hi"><report test="@rend" id="old">old</report>'
        "</rule></pattern></schema>",
    )
    assert [f.rule for f in found] == ["old"]


def test_a_bad_expression_is_reported_at_its_schematron_line(tmp_path, doc):
    text = schema(
        '\n<sch:pattern>\n<sch:rule context="tei:p">\n'
        '<sch:assert test="count(tei:hi) +* 1">x</sch:assert>\n'
        "</sch:rule>\n</sch:pattern>\n"
    )
    with pytest.raises(InputError) as info:
        check(tmp_path, doc, text)
    assert info.value.line == 4
    assert "cannot be compiled" in str(info.value)


@pytest.mark.parametrize(
    "text, words",
    [
        (schema("", binding="exslt2"), "queryBinding 'exslt2' is not supported"),
        ('<root xmlns="urn:x"/>', "not a Schematron schema"),
        (
            schema(
                '<sch:pattern><sch:rule><sch:assert test="1">x</sch:assert></sch:rule>'
                "</sch:pattern>"
            ),
            "has no @context",
        ),
    ],
)
def test_unusable_schemas_are_input_errors(tmp_path, doc, text, words):
    with pytest.raises(InputError, match=words):
        check(tmp_path, doc, text)


def test_rules_never_reach_the_network(tmp_path, doc):
    # Saxon refuses the URI before connecting ("prohibited"), rather than failing to connect.
    with pytest.raises(InputError, match="prohibited"):
        check(
            tmp_path,
            doc,
            schema(
                '<sch:pattern><sch:rule context="tei:TEI">'
                '<sch:report test="true()" id="net">'
                "<sch:value-of select=\"doc('http://127.0.0.1:9/x.xml')\"/>"
                "</sch:report></sch:rule></sch:pattern>"
            ),
        )


def test_relative_documents_resolve_against_the_schema(tmp_path, doc):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "types.xml").write_text("<types><type>chapter</type></types>")
    found = check(
        rules,
        doc,
        schema(
            '<sch:pattern><sch:rule context="tei:div[@type]">'
            '<sch:assert test="@type = doc(\'types.xml\')//type" id="known">unknown</sch:assert>'
            '<sch:report test="true()" id="seen">seen</sch:report>'
            "</sch:rule></sch:pattern>"
        ),
    )
    assert [f.rule for f in found] == ["seen"]


def test_compiled_once_and_again_when_the_file_changes(tmp_path, doc):
    path = tmp_path / "once.sch"
    path.write_text(
        schema(
            '<sch:pattern><sch:rule context="tei:hi">'
            '<sch:report test="true()" id="a">a</sch:report></sch:rule></sch:pattern>'
        )
    )
    first = schematron.load(path)
    assert schematron.load(path) is first
    path.write_text(
        schema(
            '<sch:pattern><sch:rule context="tei:hi">'
            '<sch:report test="true()" id="b">b</sch:report></sch:rule></sch:pattern>'
        )
    )
    later = time.time() + 5
    os.utime(path, (later, later))
    second = schematron.load(path)
    assert second is not first
    assert [f.rule for f in second.check(doc)] == ["b"]


def test_rules_embedded_in_relax_ng(tmp_path, doc):
    rng = tmp_path / "s.rng"
    rng.write_text(
        '<grammar xmlns="http://relaxng.org/ns/structure/1.0" '
        f'xmlns:sch="{SCH}"><sch:ns prefix="tei" uri="http://www.tei-c.org/ns/1.0"/>'
        '<start><element><anyName/><ref name="any"/>'
        '<sch:pattern id="embedded"><sch:rule context="tei:div">'
        '<sch:assert test="@type" role="nonfatal">div without type</sch:assert>'
        "</sch:rule></sch:pattern></element></start>"
        '<define name="any"><zeroOrMore><choice><attribute><anyName/></attribute><text/>'
        '<element><anyName/><ref name="any"/></element></choice></zeroOrMore></define>'
        "</grammar>"
    )
    found = schematron.load(rng).check(doc)
    assert [(f.line, f.severity, f.rule, f.message) for f in found] == [
        (11, "warning", "embedded", "div without type")
    ]
    plain = tmp_path / "plain.rng"
    plain.write_text(
        '<grammar xmlns="http://relaxng.org/ns/structure/1.0"><start><text/></start></grammar>'
    )
    assert schematron.load(plain) is None


@pytest.mark.parametrize(
    "role, expected",
    [
        (None, "error"),
        ("ERROR", "error"),
        ("fatal", "error"),
        ("warning", "warning"),
        ("nonfatal", "warning"),
        ("info", "info"),
        ("information", "info"),
        ("odd", "error"),
    ],
)
def test_severity_from_role(role, expected):
    assert schematron.severity(role) == expected


def test_several_schemas_share_one_walk_unless_they_clash(tmp_path, doc):
    a = tmp_path / "a.sch"
    a.write_text(
        schema(
            '<sch:let name="n" value="1"/><sch:pattern><sch:rule context="tei:hi">'
            '<sch:report test="$n = 1" id="from-a">a</sch:report></sch:rule></sch:pattern>'
        )
    )
    b = tmp_path / "b.sch"
    b.write_text(
        schema(
            '<sch:pattern><sch:rule context="tei:hi">'
            '<sch:report test="true()" id="from-b">b</sch:report></sch:rule></sch:pattern>'
        )
    )
    clash = tmp_path / "c.sch"
    clash.write_text(
        schema(
            '<sch:let name="n" value="2"/><sch:pattern><sch:rule context="tei:hi">'
            '<sch:report test="$n = 2" id="from-c">c</sch:report></sch:rule></sch:pattern>'
        )
    )
    parts = [schematron.prepare(p) for p in (a, b)]
    (shared,) = schematron.compile_set(parts)
    assert shared.paths == (a.resolve(), b.resolve())
    assert sorted(f.rule for f in shared.check(doc)) == ["from-a", "from-b"]
    separate = schematron.compile_set([schematron.prepare(a), schematron.prepare(clash)])
    assert len(separate) == 2
    assert sorted(f.rule for s in separate for f in s.check(doc)) == ["from-a", "from-c"]
    twice = tmp_path / "twice.sch"
    twice.write_text(schema('<sch:let name="n" value="1"/><sch:let name="n" value="2"/>'))
    with pytest.raises(InputError, match="declares n twice"):
        schematron.load(twice)
